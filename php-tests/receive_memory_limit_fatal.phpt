--TEST--
msg_receive(): a memory_limit fatal error while the receive buffer is replaced by a larger one ends the request cleanly
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// The fatal error longjmps out of the allocator; request shutdown then frees the receive buffer, which must not
// still point at the smaller block the receive gave back first (a double free, reported by debug builds of PHP).
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(4 << 20, 8 << 20);
$q = msg_get_queue(1);
msg_send($q, 1, 'small', false);
var_dump(msg_receive($q, 0, $t, 100, $m, false), $m);
msg_send($q, 1, str_repeat('x', 3 << 20), false);
ini_set('memory_limit', (string) (memory_get_usage(true) + (3 << 20)));
echo "receiving 3 MiB\n";
msg_receive($q, 0, $t, 4 << 20, $m, false);
echo "not reached\n";
?>
--EXPECTF--
bool(true)
string(5) "small"
receiving 3 MiB

Fatal error: Allowed memory size of %d bytes exhausted%s(tried to allocate %d bytes) in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r

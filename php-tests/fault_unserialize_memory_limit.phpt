--TEST--
msg_receive(): a memory_limit fatal error inside the unserializer ends the request cleanly
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// A 3 MiB serialized string (kernel.msgmax raised in a private IPC namespace): the receive buffer fits under the
// limit, the unserialized copy does not.
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(4 << 20, 8 << 20);
$q = msg_get_queue(1);
register_shutdown_function(function () use ($q) {
    echo "shutdown: ", msg_stat_queue($q)['msg_qnum'], " queued\n";
});
msg_send($q, 1, str_repeat('u', 3 << 20));
ini_set('memory_limit', (string) (memory_get_usage(true) + (5 << 20)));
echo "receiving\n";
msg_receive($q, 0, $t, 3200000, $m);
echo "not reached\n";
?>
--EXPECTF--
receiving

Fatal error: Allowed memory size of %d bytes exhausted%s(tried to allocate %d bytes) in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
shutdown: 0 queued

--TEST--
msg_send(serialize: false): a large payload over memory_limit is Zend's own fatal error (debug PHP: a real file name)
--DESCRIPTION--
A raw payload over 64 KiB is sent from a block of Zend's allocator, so memory_limit applies as it does to the C
extension. On a debug PHP the fatal error names the allocating file and line: the allocator must be called with the
debug build's extra parameters, or it prints whatever the registers hold (here, the payload, which has newlines).
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
?>
--FILE--
<?php
$q = msg_get_queue(0x7E5700E5);
register_shutdown_function(function () use ($q) {
    msg_remove_queue($q);
    echo "shutdown\n";
});
$payload = str_repeat("P\n", 3 << 19);
ini_set('memory_limit', (string) (memory_get_usage(true) + (1 << 20)));
msg_send($q, 1, $payload, false);
echo "not reached\n";
?>
--EXPECTREGEX--
\s*Fatal error: Allowed memory size of \d+ bytes exhausted( at [^\s]+:\d+)? \(tried to allocate \d+ bytes\) in .+ on line \d+(\nStack trace:(\n#\d+ [^\n]*)+)?
shutdown
--CLEAN--
<?php
if (msg_queue_exists(0x7E5700E5)) msg_remove_queue(msg_get_queue(0x7E5700E5));
?>

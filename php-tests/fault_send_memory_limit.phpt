--TEST--
msg_send(): a memory_limit fatal error while a large raw message is copied for the kernel ends the request cleanly
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570101);
register_shutdown_function(function () use ($q) {
    echo "shutdown: ", msg_stat_queue($q)['msg_qnum'], " queued\n";
    msg_remove_queue($q);
});
$big = str_repeat('x', 3 << 20);
ini_set('memory_limit', (string) (memory_get_usage(true) + (2 << 20)));
echo "sending 3 MiB\n";
msg_send($q, 1, $big, false);
echo "not reached\n";
?>
--EXPECTF--
sending 3 MiB

Fatal error: Allowed memory size of %d bytes exhausted%s(tried to allocate %d bytes) in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
shutdown: 0 queued
--CLEAN--
<?php if (msg_queue_exists(0x7E570101)) msg_remove_queue(msg_get_queue(0x7E570101)); ?>

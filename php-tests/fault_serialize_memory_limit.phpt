--TEST--
msg_send(): a memory_limit fatal error inside the serializer ends the request cleanly and sends nothing
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570102);
register_shutdown_function(function () use ($q) {
    echo "shutdown: ", msg_stat_queue($q)['msg_qnum'], " queued\n";
    msg_remove_queue($q);
});
$big = array_fill(0, 1 << 18, str_repeat("v", 20));
ini_set("memory_limit", (string) (memory_get_usage(true) + (8 << 20)));
echo "serializing\n";
msg_send($q, 1, $big);
echo "not reached\n";
?>
--EXPECTF--
serializing

Fatal error: Allowed memory size of %d bytes exhausted%s(tried to allocate %d bytes) in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
shutdown: 0 queued
--CLEAN--
<?php if (msg_queue_exists(0x7E570102)) msg_remove_queue(msg_get_queue(0x7E570102)); ?>

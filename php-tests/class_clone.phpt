--TEST--
SysvMessageQueue: clone is refused
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570006);
try {
    $c = clone $q;
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
Error: Trying to clone an uncloneable object of class SysvMessageQueue
bool(true)
--CLEAN--
<?php
foreach ([0x7E570006] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

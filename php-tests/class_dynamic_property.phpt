--TEST--
SysvMessageQueue: no dynamic properties
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570008);
try {
    $q->x = 1;
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(isset($q->x));
try {
    var_dump($q->y);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(get_object_vars($q));
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
Error: Cannot create dynamic property SysvMessageQueue::$x
bool(false)

Warning: Undefined property: SysvMessageQueue::$y in %s on line %d
NULL
array(0) {
}
bool(true)
--CLEAN--
<?php
foreach ([0x7E570008] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
SysvMessageQueue: comparison, var_dump, json_encode, array cast
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$a = msg_get_queue(0x7E570009);
$b = msg_get_queue(0x7E570009);
var_dump($a == $b, $a === $b, $a == $a, $a === $a, $a != $b);
var_dump($a);
var_dump(json_encode($a), (array) $a);
var_dump($a instanceof SysvMessageQueue, get_class($a));
var_dump(msg_remove_queue($a));
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
object(SysvMessageQueue)#%d (0) {
}
string(2) "{}"
array(0) {
}
bool(true)
string(16) "SysvMessageQueue"
bool(true)
--CLEAN--
<?php
foreach ([0x7E570009] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

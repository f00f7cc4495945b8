--TEST--
msg_queue_exists(): true/false, no warning, no creation
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$key = 0x7E570014;
var_dump(msg_queue_exists($key));
var_dump(msg_queue_exists($key));
$q = msg_get_queue($key);
var_dump(msg_queue_exists($key));
msg_remove_queue($q);
var_dump(msg_queue_exists($key));
var_dump(msg_queue_exists(PHP_INT_MAX));
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
bool(false)
bool(false)
--CLEAN--
<?php
foreach ([0x7E570014] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

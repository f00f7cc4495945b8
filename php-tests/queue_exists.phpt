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
// (a key wider than key_t: get_queue_key_narrowing.phpt up to PHP 8.5, get_queue_key_range.phpt from 8.6)
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([0x7E570014] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

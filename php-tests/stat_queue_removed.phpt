--TEST--
msg_stat_queue(): false without warning on a removed queue
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570051);
var_dump(msg_remove_queue($q));
var_dump(msg_stat_queue($q));
?>
--EXPECTF--
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([0x7E570051] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

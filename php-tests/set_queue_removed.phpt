--TEST--
msg_set_queue(): false without warning on a removed queue
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570053);
var_dump(msg_remove_queue($q));
var_dump(msg_set_queue($q, ['msg_perm.mode' => 0600]));
var_dump(msg_set_queue($q, []));
?>
--EXPECTF--
bool(true)
bool(false)
bool(false)
--CLEAN--
<?php
foreach ([0x7E570053] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_send(): on a removed queue fails with EINVAL
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570023);
var_dump(msg_remove_queue($q));
$err = null;
var_dump(msg_send($q, 1, 'gone', true, true, $err), $err);
var_dump(msg_send($q, 1, 'gone', false, false));
?>
--EXPECTF--
bool(true)

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
--CLEAN--
<?php
foreach ([0x7E570023] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

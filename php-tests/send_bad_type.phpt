--TEST--
msg_send(): type 0 or negative fails with EINVAL and a warning
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570022);
$err = 'x';
var_dump(msg_send($q, 0, 'zero', true, true, $err), $err);
$err = 'x';
var_dump(msg_send($q, -1, 'neg', false, false, $err), $err);
var_dump(msg_send($q, PHP_INT_MIN, 'min'));
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570022] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_receive(): on a removed queue fails with EINVAL, no warning
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570048);
msg_send($q, 1, 'lost');
var_dump(msg_remove_queue($q));
$t = 'old';
$m = 'old';
$err = 'old';
var_dump(msg_receive($q, 0, $t, 100, $m, true, 0, $err), $t, $m, $err);
var_dump(msg_receive($q, 0, $t, 100, $m, false, MSG_IPC_NOWAIT), $t, $m);
?>
--EXPECTF--
bool(true)
bool(false)
int(0)
bool(false)
int(22)
bool(false)
int(0)
bool(false)
--CLEAN--
<?php
foreach ([0x7E570048] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

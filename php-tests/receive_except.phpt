--TEST--
msg_receive(MSG_EXCEPT): the first message not of the desired type
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570043);
foreach ([[1, 'one'], [1, 'one again'], [2, 'two'], [3, 'three']] as [$type, $text]) {
    msg_send($q, $type, $text);
}
var_dump(msg_receive($q, 1, $t, 100, $m, true, MSG_EXCEPT | MSG_IPC_NOWAIT), $t, $m);
var_dump(msg_receive($q, 1, $t, 100, $m, true, MSG_EXCEPT | MSG_IPC_NOWAIT), $t, $m);
var_dump(msg_receive($q, 1, $t, 100, $m, true, MSG_EXCEPT | MSG_IPC_NOWAIT, $err), $t, $m, $err);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
int(2)
string(3) "two"
bool(true)
int(3)
string(5) "three"
bool(false)
int(0)
bool(false)
int(42)
int(2)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570043] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

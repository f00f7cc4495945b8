--TEST--
msg_receive(MSG_IPC_NOWAIT) on an empty queue: MSG_ENOMSG, no warning
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570040);
$t = 'old';
$m = 'old';
$err = 'old';
var_dump(msg_receive($q, 0, $t, 100, $m, true, MSG_IPC_NOWAIT, $err));
var_dump($t, $m, $err, $err === MSG_ENOMSG);
// a message of another type does not match
msg_send($q, 2, 'two');
var_dump(msg_receive($q, 3, $t, 100, $m, true, MSG_IPC_NOWAIT, $err), $t, $m, $err);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(false)
int(0)
bool(false)
int(42)
bool(true)
bool(false)
int(0)
bool(false)
int(42)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570040] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

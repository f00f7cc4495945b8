--TEST--
msg_send(): non-blocking on a full queue gives MSG_EAGAIN
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570025);
var_dump(msg_set_queue($q, ['msg_qbytes' => 10]));
var_dump(msg_stat_queue($q)['msg_qbytes']);
var_dump(msg_send($q, 1, '0123456789', false, false));
$err = null;
var_dump(msg_send($q, 1, 'x', false, false, $err), $err, $err === MSG_EAGAIN);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
int(10)
bool(true)

Warning: msg_send(): msgsnd failed: Resource temporarily unavailable in %s on line %d
bool(false)
int(11)
bool(true)
int(1)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570025] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
the queued size is exactly the payload: serialize() length, no trailing NUL, no header counted
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570073);
foreach ([['k' => 'value'], 'text', 3.25] as $v) {
    $len = strlen(serialize($v));
    // a queue that holds exactly $len bytes takes the message and nothing more
    var_dump(msg_set_queue($q, ['msg_qbytes' => $len]), msg_stat_queue($q)['msg_qbytes'] === $len);
    var_dump(msg_send($q, 1, $v, true, false));
    var_dump(@msg_send($q, 1, 'x', false, false, $err), $err);
    var_dump(msg_stat_queue($q)['msg_qnum']);
    var_dump(msg_receive($q, 0, $t, $len - 1, $m, true, MSG_IPC_NOWAIT, $err), $err);
    var_dump(msg_receive($q, 0, $t, $len, $m, true, MSG_IPC_NOWAIT, $err), $m === $v);
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(false)
int(11)
int(1)
bool(false)
int(7)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(11)
int(1)
bool(false)
int(7)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(11)
int(1)
bool(false)
int(7)
bool(true)
bool(true)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570073] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

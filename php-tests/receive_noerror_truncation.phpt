--TEST--
msg_receive(MSG_NOERROR): truncates to max size
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570042);
msg_send($q, 4, 'abcdefghij', false);
var_dump(msg_receive($q, 0, $t, 4, $m, false, MSG_NOERROR, $err), $t, $m, $err);
var_dump(msg_stat_queue($q)['msg_qnum']);
// a truncated serialized string (its declared length exceeds the bytes) cannot be unserialized
msg_send($q, 4, 'long enough string', true);
var_dump(msg_receive($q, 0, $t, 12, $m, true, MSG_NOERROR, $err), $t, $m, $err);
// NOERROR with a size that fits changes nothing
msg_send($q, 4, 'fits', false);
var_dump(msg_receive($q, 0, $t, 100, $m, false, MSG_NOERROR | MSG_IPC_NOWAIT, $err), $m);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
int(4)
string(4) "abcd"
int(0)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(4)
bool(false)
int(0)
bool(true)
string(4) "fits"
bool(true)
--CLEAN--
<?php
foreach ([0x7E570042] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

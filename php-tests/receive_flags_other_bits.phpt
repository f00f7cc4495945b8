--TEST--
msg_receive(): flag bits other than the three MSG_* are ignored
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570049);
msg_send($q, 1, 'abcdef', false);
// 0o10000 is the kernel's MSG_NOERROR and 0o4000 IPC_NOWAIT; as PHP flags they mean nothing
var_dump(msg_receive($q, 0, $t, 3, $m, false, 010000 | 8 | 16 | 0x100000, $err), $m, $err);
var_dump(msg_receive($q, 0, $t, 3, $m, false, ~MSG_IPC_NOWAIT & ~MSG_EXCEPT, $err), $m, $err);
var_dump(msg_receive($q, 5, $t, 3, $m, false, 04000 | MSG_IPC_NOWAIT, $err), $m, $err);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(false)
bool(false)
int(7)
bool(true)
string(3) "abc"
int(0)
bool(false)
bool(false)
int(42)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570049] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

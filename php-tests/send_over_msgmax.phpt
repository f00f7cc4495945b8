--TEST--
msg_send(): a message over the kernel's msgmax fails with EINVAL
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$max = (int) file_get_contents('/proc/sys/kernel/msgmax');
$q = msg_get_queue(0x7E570024);
msg_set_queue($q, ['msg_qbytes' => $max * 4]);
$err = null;
var_dump(msg_send($q, 1, str_repeat('a', $max), false, false, $err), $err);
var_dump(msg_send($q, 1, str_repeat('b', $max + 1), false, false, $err), $err);
// serialized size counts: s:N:"...";  adds bytes
$err = null;
var_dump(msg_send($q, 1, str_repeat('c', $max - 5), true, false, $err), $err);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_receive($q, 0, $t, $max, $m, false, MSG_IPC_NOWAIT), strlen($m));
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
NULL

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)
int(1)
bool(true)
int(8192)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570024] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_stat_queue(): keys, order, int values
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
// One line per field, so that a platform that gets one field wrong (qemu user emulation: msg_lrpid, and the bits
// of msg_perm.mode above 15 with the C module) can be excused for exactly that line and every other one is checked.
$q = msg_get_queue(0x7E570050, 0640);
$s = msg_stat_queue($q);
var_dump(array_keys($s));
var_dump(array_map('gettype', array_values($s)) === array_fill(0, 10, 'integer'));
$uid = (int) trim(shell_exec("id -u"));
printf("msg_perm.uid is the caller's: %s\n", var_export($s['msg_perm.uid'] === $uid, true));
printf("msg_perm.gid is the caller's: %s\n", var_export($s['msg_perm.gid'] === (int) trim(shell_exec("id -g")), true));
printf("msg_perm.mode bits 0-15: %o\n", $s['msg_perm.mode'] & 0xffff);
printf("msg_perm.mode bits above 15: %o\n", $s['msg_perm.mode'] >> 16);
printf("msg_qnum: %d, msg_stime: %d, msg_rtime: %d\n", $s['msg_qnum'], $s['msg_stime'], $s['msg_rtime']);
printf("msg_lspid: %d\n", $s['msg_lspid']);
printf("msg_lrpid: %d\n", $s['msg_lrpid']);
printf("msg_ctime is now: %s\n", var_export(abs($s['msg_ctime'] - time()) < 60, true));
printf("msg_qbytes is msgmnb: %s\n", var_export($s['msg_qbytes'] === (int) file_get_contents('/proc/sys/kernel/msgmnb'), true));
msg_send($q, 1, 'a');
msg_send($q, 1, 'b');
$s = msg_stat_queue($q);
printf("after two sends: msg_qnum: %d, msg_stime set: %s, msg_rtime: %d\n", $s['msg_qnum'], var_export($s['msg_stime'] > 0, true), $s['msg_rtime']);
printf("after two sends: msg_lspid is the sender's pid: %s\n", var_export($s['msg_lspid'] === getmypid(), true));
printf("after two sends: msg_lrpid: %d\n", $s['msg_lrpid']);
msg_receive($q, 0, $t, 10, $m);
$s = msg_stat_queue($q);
printf("after a receive: msg_qnum: %d, msg_rtime set: %s\n", $s['msg_qnum'], var_export($s['msg_rtime'] > 0, true));
printf("after a receive: msg_lspid is the sender's pid: %s\n", var_export($s['msg_lspid'] === getmypid(), true));
printf("after a receive: msg_lrpid is the receiver's pid: %s\n", var_export($s['msg_lrpid'] === getmypid(), true));
var_dump(msg_remove_queue($q));
?>
--EXPECT--
array(10) {
  [0]=>
  string(12) "msg_perm.uid"
  [1]=>
  string(12) "msg_perm.gid"
  [2]=>
  string(13) "msg_perm.mode"
  [3]=>
  string(9) "msg_stime"
  [4]=>
  string(9) "msg_rtime"
  [5]=>
  string(9) "msg_ctime"
  [6]=>
  string(8) "msg_qnum"
  [7]=>
  string(10) "msg_qbytes"
  [8]=>
  string(9) "msg_lspid"
  [9]=>
  string(9) "msg_lrpid"
}
bool(true)
msg_perm.uid is the caller's: true
msg_perm.gid is the caller's: true
msg_perm.mode bits 0-15: 640
msg_perm.mode bits above 15: 0
msg_qnum: 0, msg_stime: 0, msg_rtime: 0
msg_lspid: 0
msg_lrpid: 0
msg_ctime is now: true
msg_qbytes is msgmnb: true
after two sends: msg_qnum: 2, msg_stime set: true, msg_rtime: 0
after two sends: msg_lspid is the sender's pid: true
after two sends: msg_lrpid: 0
after a receive: msg_qnum: 1, msg_rtime set: true
after a receive: msg_lspid is the sender's pid: true
after a receive: msg_lrpid is the receiver's pid: true
bool(true)
--CLEAN--
<?php
foreach ([0x7E570050] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

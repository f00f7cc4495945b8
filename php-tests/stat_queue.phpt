--TEST--
msg_stat_queue(): keys, order, int values
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570050, 0640);
$s = msg_stat_queue($q);
var_dump(array_keys($s));
var_dump(array_map('gettype', array_values($s)) === array_fill(0, 10, 'integer'));
var_dump($s['msg_perm.uid'] === (int) trim(shell_exec("id -u")), $s['msg_perm.mode'] === 0640, $s['msg_qnum'], $s['msg_stime'], $s['msg_rtime'], $s['msg_lspid'], $s['msg_lrpid']);
var_dump(abs($s['msg_ctime'] - time()) < 60, $s['msg_qbytes'] === (int) file_get_contents('/proc/sys/kernel/msgmnb'));
msg_send($q, 1, 'a');
msg_send($q, 1, 'b');
$s = msg_stat_queue($q);
var_dump($s['msg_qnum'], $s['msg_lspid'] === getmypid(), $s['msg_stime'] > 0, $s['msg_rtime']);
msg_receive($q, 0, $t, 10, $m);
$s = msg_stat_queue($q);
var_dump($s['msg_qnum'], $s['msg_lrpid'] === getmypid(), $s['msg_rtime'] > 0);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
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
bool(true)
bool(true)
int(0)
int(0)
int(0)
int(0)
int(0)
bool(true)
bool(true)
int(2)
bool(true)
bool(true)
int(0)
int(1)
bool(true)
bool(true)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570050] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_receive(): a message longer than max size gives E2BIG and stays queued
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570041);
msg_send($q, 4, 'abcdefghij', false);
$t = 'old';
$m = 'old';
var_dump(msg_receive($q, 0, $t, 9, $m, false, 0, $err), $t, $m, $err);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_receive($q, 0, $t, 10, $m, false, 0, $err), $t, $m, $err);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(false)
int(0)
bool(false)
int(7)
int(1)
bool(true)
int(4)
string(10) "abcdefghij"
int(0)
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570041] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_send()/msg_receive(): round trip, received type, error_code 0 on receive success
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570020);
var_dump(msg_send($q, 7, 'hello'));
$type = 'old';
$msg = 'old';
$err = 'old';
var_dump(msg_receive($q, 0, $type, 1024, $msg, true, 0, $err));
var_dump($type, $msg, $err);
// without the optional error_code
var_dump(msg_send($q, PHP_INT_MAX, 12345));
var_dump(msg_receive($q, 0, $type, 1024, $msg), $type, $msg);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
bool(true)
int(7)
string(5) "hello"
int(0)
bool(true)
bool(true)
int(9223372036854775807)
int(12345)
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570020] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

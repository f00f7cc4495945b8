--TEST--
msg_receive(): unknown classes become __PHP_Incomplete_Class
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570036);
var_dump(msg_send($q, 1, 'O:12:"NoSuchClass1":1:{s:1:"a";i:1;}', false));
var_dump(msg_receive($q, 0, $t, 1024, $o));
var_dump($o);
var_dump(get_class($o));
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
bool(true)
object(__PHP_Incomplete_Class)#%d (2) {
  ["__PHP_Incomplete_Class_Name"]=>
  string(12) "NoSuchClass1"
  ["a"]=>
  int(1)
}
string(22) "__PHP_Incomplete_Class"
bool(true)
--CLEAN--
<?php
foreach ([0x7E570036] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

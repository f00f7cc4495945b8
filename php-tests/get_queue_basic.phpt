--TEST--
msg_get_queue(): creates, reopens, new object per call, freeing never removes
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$key = 0x7E570010;
var_dump(msg_queue_exists($key));
$a = msg_get_queue($key);
var_dump($a instanceof SysvMessageQueue, msg_queue_exists($key));
$b = msg_get_queue($key);
var_dump($a !== $b, spl_object_id($a) !== spl_object_id($b));
// both objects talk to the same kernel queue
var_dump(msg_send($a, 3, 'via a'));
var_dump(msg_receive($b, 0, $type, 100, $msg), $type, $msg);
unset($a, $b);
gc_collect_cycles();
var_dump(msg_queue_exists($key));
$c = msg_get_queue($key);
var_dump(msg_remove_queue($c), msg_queue_exists($key));
?>
--EXPECTF--
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(3)
string(5) "via a"
bool(true)
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([0x7E570010] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

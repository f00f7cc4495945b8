--TEST--
msg_get_queue()/msg_queue_exists(): the key is narrowed to 32 bits
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
var_dump(msg_queue_exists(77), msg_queue_exists(2**32 + 77));
$wide = msg_get_queue(2**32 + 77);
var_dump(msg_queue_exists(77), msg_queue_exists(2**32 + 77), msg_queue_exists(-(2**32) + 77));
$narrow = msg_get_queue(77);
msg_send($wide, 1, 'same queue');
var_dump(msg_receive($narrow, 1, $t, 64, $m, true, MSG_IPC_NOWAIT), $m);
var_dump(msg_remove_queue($narrow), msg_queue_exists(2**32 + 77));
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
string(10) "same queue"
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([77] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

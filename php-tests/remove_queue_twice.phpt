--TEST--
msg_remove_queue(): true, then false without warning
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$a = msg_get_queue(0x7E570054);
$b = msg_get_queue(0x7E570054);
var_dump(msg_remove_queue($a));
var_dump(msg_remove_queue($a));
var_dump(msg_remove_queue($b));
var_dump(msg_queue_exists(0x7E570054));
// the key can be used again; the old objects still point at the removed queue
$c = msg_get_queue(0x7E570054);
var_dump(msg_send($c, 1, 'new'));
var_dump(msg_receive($a, 0, $t, 10, $m, true, MSG_IPC_NOWAIT, $err), $err);
var_dump(msg_remove_queue($c));
?>
--EXPECTF--
bool(true)
bool(false)
bool(false)
bool(false)
bool(true)
bool(false)
int(22)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570054] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_send(serialize: false): binary-safe strings, empty string
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570027);
$bin = "a\0b\0\0c\xff\x00";
var_dump(msg_send($q, 1, $bin, false));
var_dump(msg_receive($q, 0, $t, 100, $m, false), $m === $bin, strlen($m), bin2hex($m));
// exactly strlen bytes are queued: a max size of strlen-1 is too small
msg_send($q, 1, $bin, false);
var_dump(msg_receive($q, 0, $t, strlen($bin) - 1, $m, false, MSG_IPC_NOWAIT, $err), $err);
var_dump(msg_receive($q, 0, $t, strlen($bin), $m, false, MSG_IPC_NOWAIT, $err), $err, $m === $bin);
var_dump(msg_send($q, 2, '', false));
var_dump(msg_receive($q, 0, $t, 1, $m, false, MSG_IPC_NOWAIT), $t, $m);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
int(8)
string(16) "610062000063ff00"
bool(false)
int(7)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
int(2)
string(0) ""
bool(true)
--CLEAN--
<?php
foreach ([0x7E570027] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

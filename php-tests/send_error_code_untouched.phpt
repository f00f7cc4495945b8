--TEST--
msg_send(): error_code is left untouched on success
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570021);
$err = 'untouched';
var_dump(msg_send($q, 1, 'x', true, true, $err), $err);
$err = 99;
var_dump(msg_send($q, 1, 'x', false, false, $err), $err);
unset($err);
var_dump(msg_send($q, 1, 'x', false, false, $err), isset($err), $err);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
string(9) "untouched"
bool(true)
int(99)
bool(true)
bool(false)
NULL
bool(true)
--CLEAN--
<?php
foreach ([0x7E570021] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

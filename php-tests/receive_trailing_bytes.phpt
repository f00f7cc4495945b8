--TEST--
msg_receive(): trailing bytes after a valid value are ignored
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570046);
msg_send($q, 1, 'i:5;junk after the value', false);
var_dump(msg_receive($q, 0, $t, 100, $m), $m);
msg_send($q, 1, 's:3:"abc";s:3:"def";', false);
var_dump(msg_receive($q, 0, $t, 100, $m), $m);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
int(5)
bool(true)
string(3) "abc"
bool(true)
--CLEAN--
<?php
foreach ([0x7E570046] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

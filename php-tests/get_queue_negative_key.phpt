--TEST--
msg_get_queue(): a negative key is narrowed too and works
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
var_dump(msg_queue_exists(-5), msg_queue_exists(0xfffffffb));
$q = msg_get_queue(-5);
var_dump($q instanceof SysvMessageQueue, msg_queue_exists(-5), msg_queue_exists(0xfffffffb));
var_dump(msg_remove_queue($q), msg_queue_exists(-5));
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([-5] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

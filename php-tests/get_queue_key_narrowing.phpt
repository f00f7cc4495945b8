--TEST--
msg_get_queue()/msg_queue_exists(): up to PHP 8.5 the key is narrowed to 32 bits
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (PHP_VERSION_ID >= 80600) die("skip a PHP 8.2-8.5 behaviour: 8.6 refuses a key outside key_t instead of narrowing it (get_queue_key_range.phpt tests that)");
?>
--FILE--
<?php
var_dump(msg_queue_exists(77), msg_queue_exists(2**32 + 77));
$wide = msg_get_queue(2**32 + 77);
var_dump(msg_queue_exists(77), msg_queue_exists(2**32 + 77), msg_queue_exists(-(2**32) + 77));
$narrow = msg_get_queue(77);
msg_send($wide, 1, 'same queue');
var_dump(msg_receive($narrow, 1, $t, 64, $m, true, MSG_IPC_NOWAIT), $m);
var_dump(msg_remove_queue($narrow), msg_queue_exists(2**32 + 77));
// PHP_INT_MAX narrows to key -1; 0xfffffffb is key -5
var_dump(msg_queue_exists(PHP_INT_MAX));
$q = msg_get_queue(-5);
var_dump(msg_queue_exists(0xfffffffb), msg_queue_exists(PHP_INT_MAX - 4), msg_remove_queue($q), msg_queue_exists(0xfffffffb));
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
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([77, -5] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

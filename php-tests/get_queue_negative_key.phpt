--TEST--
msg_get_queue(): a negative key works, down to the smallest key_t
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
// (that 0xfffffffb is key -5 too, up to PHP 8.5: get_queue_key_narrowing.phpt)
var_dump(msg_queue_exists(-5));
$q = msg_get_queue(-5);
var_dump($q instanceof SysvMessageQueue, msg_queue_exists(-5));
var_dump(msg_remove_queue($q), msg_queue_exists(-5));
$q = msg_get_queue(-2**31, 0600);
printf("%d %o\n", msg_queue_exists(-2**31), msg_stat_queue($q)['msg_perm.mode']);
var_dump(msg_remove_queue($q), msg_queue_exists(-2**31));
?>
--EXPECTF--
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
1 600
bool(true)
bool(false)
--CLEAN--
<?php
foreach ([-5, -2**31] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

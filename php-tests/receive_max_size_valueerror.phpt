--TEST--
msg_receive(): max_message_size <= 0 is a ValueError, by-ref args untouched
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570047);
msg_send($q, 1, 'kept');
foreach ([0, -1, PHP_INT_MIN] as $size) {
    $t = 'old';
    $m = 'old';
    $err = 'old';
    try {
        var_dump(msg_receive($q, 0, $t, $size, $m, true, 0, $err));
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump($t, $m, $err);
}
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
ValueError: msg_receive(): Argument #4 ($max_message_size) must be greater than 0
string(3) "old"
string(3) "old"
string(3) "old"
ValueError: msg_receive(): Argument #4 ($max_message_size) must be greater than 0
string(3) "old"
string(3) "old"
string(3) "old"
ValueError: msg_receive(): Argument #4 ($max_message_size) must be greater than 0
string(3) "old"
string(3) "old"
string(3) "old"
int(1)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570047] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

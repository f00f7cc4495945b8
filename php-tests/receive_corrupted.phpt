--TEST--
msg_receive(): Message corrupted keeps the type, error_code 0, message false
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570045);
// every payload fails inside its own bytes (truncated payloads are in diff_corrupt_payload_safety.phpt)
foreach (['x:garbage', '', 'i:1x;', 'b:2;', 's:50:"short";'] as $payload) {
    msg_send($q, 6, $payload, false);
    $t = 'old';
    $m = 'old';
    $err = 'old';
    var_dump(msg_receive($q, 0, $t, 100, $m, true, 0, $err), $t, $m, $err);
}
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(6)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(6)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(6)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(6)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(6)
bool(false)
int(0)
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570045] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

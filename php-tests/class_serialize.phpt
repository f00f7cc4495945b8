--TEST--
SysvMessageQueue: serialize and unserialize are refused
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570007);
try {
    serialize($q);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    serialize([1, ['x' => $q]]);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    var_dump(unserialize('O:16:"SysvMessageQueue":0:{}'));
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// msg_send serializes through the same serializer
$err = 'untouched';
try {
    msg_send($q, 1, $q, true, true, $err);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($err, msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
Exception: Serialization of 'SysvMessageQueue' is not allowed
Exception: Serialization of 'SysvMessageQueue' is not allowed
Exception: Unserialization of 'SysvMessageQueue' is not allowed
Exception: Serialization of 'SysvMessageQueue' is not allowed
string(9) "untouched"
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570007] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

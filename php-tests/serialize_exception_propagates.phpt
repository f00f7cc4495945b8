--TEST--
msg_send(): an exception from __serialize or __sleep propagates and nothing is sent
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class BadSer { public function __serialize(): array { throw new RuntimeException('no __serialize'); } }
class BadSleep { public function __sleep() { throw new LogicException('no __sleep'); } }
$q = msg_get_queue(0x7E570037);
foreach ([new BadSer, [1, new BadSleep]] as $v) {
    $err = 'untouched';
    try {
        var_dump(msg_send($q, 1, $v, true, true, $err));
    } catch (Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump($err, msg_stat_queue($q)['msg_qnum']);
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
RuntimeException: no __serialize
string(9) "untouched"
int(0)
LogicException: no __sleep
string(9) "untouched"
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570037] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_receive(): an exception from __wakeup or __unserialize propagates
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class BadWake { public $a = 1; public function __wakeup() { throw new RuntimeException('no __wakeup'); } }
class BadUnser {
    public function __serialize(): array { return [1]; }
    public function __unserialize(array $d): void { throw new LogicException('no __unserialize'); }
}
$q = msg_get_queue(0x7E570038);
foreach ([new BadWake, new BadUnser] as $v) {
    msg_send($q, 9, $v);
    $t = 'old';
    $m = 'old';
    $err = 'old';
    try {
        var_dump(msg_receive($q, 0, $t, 1024, $m, true, 0, $err));
    } catch (Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump($t, $m, $err, msg_stat_queue($q)['msg_qnum']);
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
RuntimeException: no __wakeup
int(9)
object(BadWake)#%d (1) {
  ["a"]=>
  int(1)
}
int(0)
int(0)
LogicException: no __unserialize
int(9)
object(BadUnser)#%d (0) {
}
int(0)
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570038] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_send()/msg_receive(): __serialize/__unserialize are used
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class Point {
    public function __construct(public int $x = 0, public int $y = 0) {}
    public function __serialize(): array { echo "__serialize\n"; return ['xy' => "$this->x,$this->y"]; }
    public function __unserialize(array $d): void { echo "__unserialize\n"; [$this->x, $this->y] = array_map('intval', explode(',', $d['xy'])); }
}
$q = msg_get_queue(0x7E570032);
var_dump(msg_send($q, 1, new Point(3, 4)));
var_dump(msg_receive($q, 0, $t, 1024, $raw, false, MSG_IPC_NOWAIT));
echo $raw, "\n";
var_dump(msg_send($q, 1, new Point(5, 6)));
var_dump(msg_receive($q, 0, $t, 1024, $p, true, MSG_IPC_NOWAIT));
var_dump($p);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
__serialize
bool(true)
bool(true)
O:5:"Point":1:{s:2:"xy";s:3:"3,4";}
__serialize
bool(true)
__unserialize
bool(true)
object(Point)#%d (2) {
  ["x"]=>
  int(5)
  ["y"]=>
  int(6)
}
bool(true)
--CLEAN--
<?php
foreach ([0x7E570032] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

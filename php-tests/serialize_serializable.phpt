--TEST--
msg_send()/msg_receive(): the Serializable interface (deprecated alone in 8.1+) is used
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class Legacy implements Serializable {
    public $v;
    public function __construct($v = null) { $this->v = $v; }
    public function serialize() { echo "serialize\n"; return strrev($this->v); }
    public function unserialize($data) { echo "unserialize\n"; $this->v = strrev($data); }
}
class Both implements Serializable {
    public $v = 'both';
    public function serialize() { return 'never'; }
    public function unserialize($data) { echo "never\n"; }
    public function __serialize(): array { echo "__serialize wins\n"; return [$this->v]; }
    public function __unserialize(array $d): void { echo "__unserialize wins\n"; $this->v = $d[0]; }
}
$q = msg_get_queue(0x7E570034);
msg_send($q, 1, new Legacy('abc'));
msg_receive($q, 0, $t, 1024, $raw, false);
echo $raw, "\n";
msg_send($q, 1, new Legacy('xyz'));
msg_receive($q, 0, $t, 1024, $o);
var_dump($o);
msg_send($q, 1, new Both);
msg_receive($q, 0, $t, 1024, $o);
var_dump($o);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--

Deprecated: Legacy implements the Serializable interface, which is deprecated. Implement __serialize() and __unserialize() instead (or in addition, if support for old PHP versions is necessary) in %s on line %d
serialize
C:6:"Legacy":3:{cba}
serialize
unserialize
object(Legacy)#%d (1) {
  ["v"]=>
  string(3) "xyz"
}
__serialize wins
__unserialize wins
object(Both)#%d (1) {
  ["v"]=>
  string(4) "both"
}
bool(true)
--CLEAN--
<?php
foreach ([0x7E570034] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

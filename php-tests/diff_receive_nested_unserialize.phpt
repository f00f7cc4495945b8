--TEST--
Deliberate difference 4: a msg_receive inside another one's unserialization keeps what the outer data refers back to
--DESCRIPTION--
Serializable::unserialize() runs while the outer message's unserialize state is live, so a msg_receive there shares
it and registers its value as entry 3; the outer message then refers to that entry (R:3;). The C extension parses
into a stack variable that is gone by then (PHP 8.2 prints "&UNKNOWN:0" or crashes); this one does what PHP's own
unserialize() does in the same place: the result equals the nested unserialize() one.
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
sysvmsg_skip_unless_ours();
?>
--FILE--
<?php
class Inner implements Serializable {
    public $got;
    public static $via = 'msg_receive';
    public function serialize(): ?string { return ''; }
    public function unserialize(string $data): void {
        global $q;
        if (self::$via === 'msg_receive') {
            var_dump(msg_receive($q, 2, $type, 1024, $this->got));
        } else {
            $this->got = unserialize(serialize(['nested', str_repeat('v', 20)]));
        }
    }
    // present so that declaring the class raises no Serializable deprecation; the C: data below uses unserialize()
    public function __serialize(): array { return []; }
    public function __unserialize(array $data): void {}
}
$outer = 'a:2:{i:0;C:5:"Inner":0:{}i:1;R:3;}';
$q = msg_get_queue(0x7E5700A1);
var_dump(msg_send($q, 2, ['nested', str_repeat('v', 20)]));
var_dump(msg_send($q, 1, $outer, false));
var_dump(msg_receive($q, 1, $type, 1024, $received));
var_dump($received);

Inner::$via = 'unserialize';
$expected = unserialize($outer);
var_dump($received == $expected);
// $received[1] is the same array as $received[0]->got, not tied to it
$received[1][] = 'appended';
var_dump(count($received[1]), count($received[0]->got));
unset($received, $expected);
var_dump(msg_remove_queue($q));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  object(Inner)#2 (1) {
    ["got"]=>
    array(2) {
      [0]=>
      string(6) "nested"
      [1]=>
      string(20) "vvvvvvvvvvvvvvvvvvvv"
    }
  }
  [1]=>
  array(2) {
    [0]=>
    string(6) "nested"
    [1]=>
    string(20) "vvvvvvvvvvvvvvvvvvvv"
  }
}
bool(true)
int(3)
int(2)
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E5700A1)) msg_remove_queue(msg_get_queue(0x7E5700A1));
?>

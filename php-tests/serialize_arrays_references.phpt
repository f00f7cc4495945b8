--TEST--
msg_send(serialize: true): nested arrays and references survive
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570031);
$inner = ['x' => 1, 'y' => [2, 3, ['deep' => 'z']]];
$data = ['a' => $inner, 5 => 'five', 'list' => [1, 2, 3], 'empty' => []];
$data['ref1'] = &$data['list'];
$data['ref2'] = &$data['list'];
$o = new stdClass;
$o->p = 'obj';
$data['o1'] = $o;
$data['o2'] = $o;
msg_send($q, 1, $data);
msg_receive($q, 0, $t, 4096, $raw, false);
var_dump($raw === serialize($data));
echo $raw, "\n";
msg_send($q, 1, $data);
msg_receive($q, 0, $t, 4096, $back);
var_dump($back == $data);
$back['ref1'][] = 4;
var_dump($back['ref2'], $back['list']);
var_dump($back['o1'] === $back['o2']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
a:8:{s:1:"a";a:2:{s:1:"x";i:1;s:1:"y";a:3:{i:0;i:2;i:1;i:3;i:2;a:1:{s:4:"deep";s:1:"z";}}}i:5;s:4:"five";s:4:"list";a:3:{i:0;i:1;i:1;i:2;i:2;i:3;}s:5:"empty";a:0:{}s:4:"ref1";R:10;s:4:"ref2";R:10;s:2:"o1";O:8:"stdClass":1:{s:1:"p";s:3:"obj";}s:2:"o2";r:15;}
bool(true)
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
  [3]=>
  int(4)
}
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
  [3]=>
  int(4)
}
bool(true)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570031] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

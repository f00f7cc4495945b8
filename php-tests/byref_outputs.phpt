--TEST--
by-reference outputs: plain variables, array elements, properties, references
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570070);
msg_send($q, 11, ['payload']);
$out = ['t' => null, 'm' => null];
$obj = new stdClass;
var_dump(msg_receive($q, 0, $out['t'], 100, $obj->m, true, 0, $out['e']));
var_dump($out, $obj);
msg_send($q, 12, 'second');
$t = 1;
$alias = &$t;
var_dump(msg_receive($q, 0, $alias, 100, $m), $t);
// undefined variables are created
var_dump(msg_receive($q, 0, $newT, 100, $newM, true, MSG_IPC_NOWAIT, $newE), $newT, $newM, $newE);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
array(3) {
  ["t"]=>
  int(11)
  ["m"]=>
  NULL
  ["e"]=>
  int(0)
}
object(stdClass)#%d (1) {
  ["m"]=>
  array(1) {
    [0]=>
    string(7) "payload"
  }
}
bool(true)
int(12)
bool(false)
int(0)
bool(false)
int(42)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570070] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

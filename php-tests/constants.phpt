--TEST--
sysvmsg: MSG_* constants, values and case sensitivity
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
foreach (['MSG_IPC_NOWAIT', 'MSG_NOERROR', 'MSG_EXCEPT', 'MSG_EAGAIN', 'MSG_ENOMSG'] as $c) {
    echo $c, ' = ', var_export(constant($c), true), "\n";
}
var_dump(defined('msg_ipc_nowait'), defined('Msg_Except'));
$consts = (new ReflectionExtension('sysvmsg'))->getConstants();
ksort($consts);
var_dump($consts);
?>
--EXPECTF--
MSG_IPC_NOWAIT = 1
MSG_NOERROR = 2
MSG_EXCEPT = 4
MSG_EAGAIN = 11
MSG_ENOMSG = 42
bool(false)
bool(false)
array(5) {
  ["MSG_EAGAIN"]=>
  int(11)
  ["MSG_ENOMSG"]=>
  int(42)
  ["MSG_EXCEPT"]=>
  int(4)
  ["MSG_IPC_NOWAIT"]=>
  int(1)
  ["MSG_NOERROR"]=>
  int(2)
}

--TEST--
sysvmsg: module name, version, phpinfo row, no INI entries
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
var_dump(extension_loaded('sysvmsg'));
var_dump(phpversion('sysvmsg') === PHP_VERSION);
$ext = new ReflectionExtension('sysvmsg');
var_dump($ext->getName(), $ext->getVersion() === PHP_VERSION, $ext->getINIEntries());
$fns = array_keys($ext->getFunctions());
sort($fns);
echo implode("\n", $fns), "\n";
var_dump(array_keys($ext->getClasses()));
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump((bool) preg_match('/^sysvmsg support => enabled$/m', $info));
?>
--EXPECTF--
bool(true)
bool(true)
string(7) "sysvmsg"
bool(true)
array(0) {
}
msg_get_queue
msg_queue_exists
msg_receive
msg_remove_queue
msg_send
msg_set_queue
msg_stat_queue
array(1) {
  [0]=>
  string(16) "SysvMessageQueue"
}
bool(true)

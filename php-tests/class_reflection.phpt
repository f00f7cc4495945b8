--TEST--
SysvMessageQueue: Reflection facts
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$rc = new ReflectionClass('SysvMessageQueue');
var_dump($rc->isInternal(), $rc->isFinal(), $rc->isAbstract(), $rc->isInterface());
var_dump($rc->getConstructor());
var_dump($rc->isInstantiable(), $rc->isCloneable());
var_dump($rc->getModifiers() === ReflectionClass::IS_FINAL);
var_dump(Reflection::getModifierNames($rc->getModifiers()));
var_dump($rc->getMethods(), $rc->getProperties(), $rc->getConstants(), $rc->getInterfaceNames(), $rc->getParentClass());
var_dump($rc->getExtensionName());
var_dump($rc->getAttributes());
?>
--EXPECTF--
bool(true)
bool(true)
bool(false)
bool(false)
NULL
bool(true)
bool(false)
bool(true)
array(1) {
  [0]=>
  string(5) "final"
}
array(0) {
}
array(0) {
}
array(0) {
}
array(0) {
}
bool(false)
string(7) "sysvmsg"
array(0) {
}

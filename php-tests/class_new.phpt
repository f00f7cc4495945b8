--TEST--
SysvMessageQueue: new and ReflectionClass::newInstance are refused
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
try {
    new SysvMessageQueue();
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    (new ReflectionClass('SysvMessageQueue'))->newInstance();
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    (new ReflectionClass('SysvMessageQueue'))->newInstanceArgs([]);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    (new ReflectionClass('SysvMessageQueue'))->newInstanceWithoutConstructor();
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
Error: Cannot directly construct SysvMessageQueue, use msg_get_queue() instead
Error: Cannot directly construct SysvMessageQueue, use msg_get_queue() instead
Error: Cannot directly construct SysvMessageQueue, use msg_get_queue() instead
ReflectionException: Class SysvMessageQueue is an internal class marked as final that cannot be instantiated without invoking its constructor

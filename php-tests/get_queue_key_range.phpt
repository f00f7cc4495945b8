--TEST--
msg_get_queue()/msg_queue_exists(): from PHP 8.6 on, a key outside key_t throws a ValueError, before anything is created
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (PHP_VERSION_ID < 80600) die("skip a PHP 8.6 behaviour: before 8.6 every key is narrowed to 32 bits (get_queue_key_narrowing.phpt tests that)");
if (!function_exists('pcntl_unshare') || !defined('CLONE_NEWIPC')) die("skip pcntl_unshare(CLONE_NEWIPC) not available");
$pid = pcntl_fork();
if ($pid === 0) {
    exit(@pcntl_unshare(CLONE_NEWIPC) ? 0 : 1);
}
pcntl_waitpid($pid, $status);
if (pcntl_wexitstatus($status) !== 0) die("skip cannot create an IPC namespace (needs root)");
?>
--FILE--
<?php
// In a child with an IPC namespace of its own, so that counting the queues is not disturbed by other tests.
$pid = pcntl_fork();
if ($pid === 0) {
    if (!pcntl_unshare(CLONE_NEWIPC)) {
        echo "setup failed\n";
        exit(1);
    }
    // The check comes before the object: a refused call leaves no object behind that took a handle.
    $marker = new stdClass;
    try {
        msg_get_queue(2**32);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    unset($e);
    var_dump(new stdClass);

    $outside = [2**31, 0xffffffff, 2**32 + 0x7E5700F1, -2**31 - 1, -2**32, PHP_INT_MAX, PHP_INT_MIN, '4294967296', 4294967296.0];
    foreach ($outside as $key) {
        foreach (['msg_queue_exists', 'msg_get_queue'] as $f) {
            try {
                var_dump($f($key));
            } catch (ValueError $e) {
                echo get_class($e), ': ', $e->getMessage(), "\n";
            }
        }
    }
    try {
        msg_get_queue(permissions: 0600, key: 2**32 + 1);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    // an argument error of the other parameter comes first
    try {
        msg_get_queue(2**32, 'rw');
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    echo count(file('/proc/sysvipc/msg')) - 1, " queues\n";

    // the ends of key_t are keys
    foreach ([2**31 - 1, -2**31] as $key) {
        $q = msg_get_queue($key, 0600);
        var_dump(msg_queue_exists($key), msg_remove_queue($q), msg_queue_exists($key));
    }
    echo count(file('/proc/sysvipc/msg')) - 1, " queues\n";
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
?>
--EXPECT--
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
object(stdClass)#2 (0) {
}
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_queue_exists(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
ValueError: msg_get_queue(): Argument #1 ($key) is out of range
TypeError: msg_get_queue(): Argument #2 ($permissions) must be of type int, string given
0 queues
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
0 queues
int(0)

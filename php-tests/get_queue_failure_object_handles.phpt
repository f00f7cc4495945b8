--TEST--
msg_get_queue(): the queue object exists before msgget, so a handler of the failure warning sees later object handles
--DESCRIPTION--
The C extension creates the SysvMessageQueue object (object_init_ex) before it calls msgget and frees it after the
failure warning: an object created by the error handler during that warning gets the next handle after it.
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (!function_exists('pcntl_unshare') || !defined('CLONE_NEWIPC')) die("skip pcntl_unshare(CLONE_NEWIPC) not available");
$pid = pcntl_fork();
if ($pid === 0) {
    exit(@pcntl_unshare(CLONE_NEWIPC) && @file_put_contents('/proc/sys/kernel/msgmni', '0') === 1 ? 0 : 1);
}
pcntl_waitpid($pid, $status);
if (pcntl_wexitstatus($status) !== 0) die("skip cannot create an IPC namespace with msgmni = 0 (needs root)");
?>
--FILE--
<?php
// A fresh IPC namespace in a child with msgmni = 0 makes every creation fail (ENOSPC) without touching other tests.
$pid = pcntl_fork();
if ($pid === 0) {
    if (!pcntl_unshare(CLONE_NEWIPC) || file_put_contents('/proc/sys/kernel/msgmni', '0') !== 1) {
        echo "setup failed\n";
        exit(1);
    }
    set_error_handler(function (int $no, string $str) {
        echo "handler: $str\n";
        var_dump(new stdClass);
        return true;
    });
    $before = new stdClass;
    var_dump($before);
    var_dump(msg_get_queue(0x7E5700C1));
    var_dump(new stdClass);
    var_dump(msg_get_queue(0x7E5700C2, 0600));
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
?>
--EXPECT--
object(stdClass)#2 (0) {
}
handler: msg_get_queue(): Failed for key 0x7e5700c1: No space left on device
object(stdClass)#4 (0) {
}
bool(false)
object(stdClass)#3 (0) {
}
handler: msg_get_queue(): Failed for key 0x7e5700c2: No space left on device
object(stdClass)#4 (0) {
}
bool(false)
int(0)

--TEST--
msg_get_queue(): up to PHP 8.5 the failure warning of a key wider than key_t names the whole 64-bit value in hex
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (PHP_VERSION_ID >= 80600) die("skip a PHP 8.2-8.5 behaviour: 8.6 refuses a key outside key_t before msgget (get_queue_key_range.phpt tests that)");
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
    var_dump(msg_get_queue(2**40 + 0x42));
    var_dump(msg_get_queue(PHP_INT_MIN + 0x99));
    var_dump(msg_get_queue(2**32));
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
?>
--EXPECTF--

Warning: msg_get_queue(): Failed for key 0x10000000042: No space left on device in %s on line %d
bool(false)

Warning: msg_get_queue(): Failed for key 0x8000000000000099: No space left on device in %s on line %d
bool(false)

Warning: msg_get_queue(): Failed for key 0x100000000: No space left on device in %s on line %d
bool(false)
int(0)

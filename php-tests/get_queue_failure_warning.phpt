--TEST--
msg_get_queue(): failure warning with the key in hex (16 digits for a negative key)
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
    var_dump(msg_get_queue(-5));
    var_dump(msg_get_queue(0x1234ABCD, 0600));
    var_dump(msg_get_queue(-2**31));
    var_dump(msg_queue_exists(0x1234ABCD));
    // (a key wider than key_t, up to PHP 8.5: get_queue_failure_warning_wide_key.phpt)
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
?>
--EXPECTF--

Warning: msg_get_queue(): Failed for key 0xfffffffffffffffb: No space left on device in %s on line %d
bool(false)

Warning: msg_get_queue(): Failed for key 0x1234abcd: No space left on device in %s on line %d
bool(false)

Warning: msg_get_queue(): Failed for key 0xffffffff80000000: No space left on device in %s on line %d
bool(false)
bool(false)
int(0)

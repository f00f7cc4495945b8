--TEST--
msg_receive(): queue removed while blocked gives EIDRM (43), whatever max_message_size is
--SKIPIF--
<?php
if (!extension_loaded("sysvmsg")) die("skip sysvmsg not loaded");
if (!function_exists("pcntl_fork")) die("skip pcntl not available");
if (!is_readable("/proc/self/stat")) die("skip /proc not available");
?>
--FILE--
<?php
require __DIR__ . '/_proc.inc';
// 1024 fits the receive buffer of a first call; 1 MiB is more than the default kernel.msgmax, so a receive that
// waits has a buffer smaller than max_message_size.
foreach ([1024, 1 << 20] as $max) {
    $q = msg_get_queue(0x7E570082);
    $parent = getmypid();
    $pid = pcntl_fork();
    if ($pid === 0) {
        $ok = wait_until_blocked_in($parent, 'msgrcv');
        msg_remove_queue($q);
        exit($ok ? 0 : 1);
    }
    $t = 'old';
    $m = 'old';
    var_dump(msg_receive($q, 0, $t, $max, $m, true, 0, $err), $t, $m, $err);
    var_dump(wait_child($pid));
    var_dump(msg_queue_exists(0x7E570082));
}
?>
--EXPECT--
bool(false)
int(0)
bool(false)
int(43)
int(0)
bool(false)
bool(false)
int(0)
bool(false)
int(43)
int(0)
bool(false)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570082)) msg_remove_queue(msg_get_queue(0x7E570082));
?>

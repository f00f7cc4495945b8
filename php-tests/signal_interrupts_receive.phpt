--TEST--
msg_receive(): a signal interrupts a blocked receive (EINTR 4), the handler runs afterwards, whatever max_message_size is
--EXTENSIONS--
posix
--SKIPIF--
<?php
if (!extension_loaded("sysvmsg")) die("skip sysvmsg not loaded");
if (!function_exists("pcntl_fork")) die("skip pcntl not available");
if (!is_readable("/proc/self/stat")) die("skip /proc not available");
?>
--FILE--
<?php
require __DIR__ . '/_proc.inc';
pcntl_async_signals(true);
pcntl_signal(SIGUSR1, function () { echo "handler\n"; });
$q = msg_get_queue(0x7E570084);
$parent = getmypid();
// 1024 fits the receive buffer of a first call; 1 MiB is more than the default kernel.msgmax, so a receive that
// waits has a buffer smaller than max_message_size.
foreach ([1024, 1 << 20] as $max) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_signal(SIGUSR1, SIG_DFL);
        $ok = wait_until_blocked_in($parent, 'msgrcv');
        posix_kill($parent, SIGUSR1);
        exit($ok ? 0 : 1);
    }
    $t = 'old';
    $m = 'old';
    $err = 'old';
    $r = msg_receive($q, 0, $t, $max, $m, true, 0, $err);
    echo "returned\n";
    var_dump($r, $t, $m, $err);
    var_dump(wait_child($pid));
}
var_dump(msg_remove_queue($q));
?>
--EXPECT--
handler
returned
bool(false)
int(0)
bool(false)
int(4)
int(0)
handler
returned
bool(false)
int(0)
bool(false)
int(4)
int(0)
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570084)) msg_remove_queue(msg_get_queue(0x7E570084));
?>

--TEST--
msg_send(): a signal interrupts a blocked send (EINTR 4) with a warning
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
// The handler runs where the script dispatches pending signals. (Not by declare(ticks=1): from PHP 8.6 on, the tick
// after `$r = msg_send(...)` no longer runs it, only a later statement's does.)
pcntl_signal(SIGUSR2, function () { echo "handler\n"; });
$q = msg_get_queue(0x7E570085);
msg_set_queue($q, ['msg_qbytes' => 3]);
msg_send($q, 1, 'abc', false);
$parent = getmypid();
$pid = pcntl_fork();
if ($pid === 0) {
    pcntl_signal(SIGUSR2, SIG_DFL);
    $ok = wait_until_blocked_in($parent, 'msgsnd');
    posix_kill($parent, SIGUSR2);
    exit($ok ? 0 : 1);
}
$err = 'old';
$r = msg_send($q, 1, 'def', false, true, $err);
pcntl_signal_dispatch();
echo "returned\n";
var_dump($r, $err);
var_dump(wait_child($pid));
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--

Warning: msg_send(): msgsnd failed: Interrupted system call in %s on line %d
handler
returned
bool(false)
int(4)
int(0)
int(1)
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570085)) msg_remove_queue(msg_get_queue(0x7E570085));
?>

--TEST--
msg_receive(): a signal handler that throws while a receive is blocked: the call fails with EINTR, then the exception propagates
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (!function_exists('pcntl_async_signals')) die("skip pcntl not available");
?>
--FILE--
<?php
pcntl_async_signals(true);
pcntl_signal(SIGALRM, function () { throw new RuntimeException('alarm'); });
$q = msg_get_queue(0x7E570105);
$t = $m = $err = 'untouched';
pcntl_alarm(1);
try {
    $ok = 'unassigned';
    $ok = msg_receive($q, 0, $t, 100, $m, true, 0, $err);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($ok, $t, $m, $err);
// The queue still works afterwards.
var_dump(msg_send($q, 1, 'x'), msg_receive($q, 0, $t, 100, $m), $m);
msg_remove_queue($q);
?>
--EXPECT--
RuntimeException: alarm
string(10) "unassigned"
int(0)
bool(false)
int(4)
bool(true)
bool(true)
string(1) "x"
--CLEAN--
<?php if (msg_queue_exists(0x7E570105)) msg_remove_queue(msg_get_queue(0x7E570105)); ?>

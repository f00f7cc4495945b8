--TEST--
msg_receive(): a fatal error or max_execution_time inside __wakeup/__unserialize ends the request cleanly
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (!function_exists('pcntl_fork')) die("skip pcntl not available");
?>
--FILE--
<?php
// Both bail out (longjmp) from inside the unserializer, out of msg_receive; each case runs in a child process.
// A compile error: a fatal error (bailout) on every PHP version (E_USER_ERROR is deprecated from 8.4 on).
function fatal_error(): void { eval('function fatal_twice() {} function fatal_twice() {}'); }
class FatalWakeup { public $a = 1; public function __wakeup() { fatal_error(); /* in __wakeup */ } }
class SpinUnserialize {
    public function __unserialize(array $d): void { set_time_limit(1); for (;;) { $d[] = 1; array_pop($d); } }
}
$q = msg_get_queue(0x7E570104);
foreach (['FatalWakeup', 'SpinUnserialize'] as $class) {
    echo "$class\n";
    msg_send($q, 1, new $class);
    msg_send($q, 2, 'after');
    $pid = pcntl_fork();
    if ($pid === 0) {
        register_shutdown_function(function () use ($q, &$m) {
            echo "  child shutdown, message: ", gettype($m), "\n";
            // The request goes on: the queue works as before.
            var_dump(msg_receive($q, 2, $t, 100, $after), $after);
        });
        msg_receive($q, 1, $t, 1024, $m);
        echo "  not reached\n";
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    echo "  exit status ", pcntl_wexitstatus($status), ", queued ", msg_stat_queue($q)['msg_qnum'], "\n";
}
msg_remove_queue($q);
?>
--EXPECTF--
FatalWakeup

Fatal error: Cannot redeclare %s in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
  child shutdown, message: object
bool(true)
string(5) "after"
  exit status 255, queued 0
SpinUnserialize

Fatal error: Maximum execution time of 1 second exceeded in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
  child shutdown, message: object
bool(true)
string(5) "after"
  exit status 255, queued 0
--CLEAN--
<?php if (msg_queue_exists(0x7E570104)) msg_remove_queue(msg_get_queue(0x7E570104)); ?>

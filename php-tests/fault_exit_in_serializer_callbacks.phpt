--TEST--
msg_send()/msg_receive(): exit() inside __serialize, __sleep, __unserialize, and __wakeup ends the script cleanly
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (!function_exists('pcntl_fork')) die("skip pcntl not available");
?>
--FILE--
<?php
// Each case runs in a child process (exit ends the whole script), which reports on stdout; the parent checks what
// the queue holds afterwards.
class ExitSer { public function __serialize(): array { echo "  __serialize exits\n"; exit(3); } public function __unserialize(array $d): void {} }
class ExitSleep { public $a = 1; public function __sleep() { echo "  __sleep exits\n"; exit(3); } }
class ExitUnser { public $a = 1; public function __unserialize(array $d): void { echo "  __unserialize exits\n"; exit(4); } }
class ExitWakeup { public $a = 1; public function __wakeup() { echo "  __wakeup exits\n"; exit(4); } }
$q = msg_get_queue(0x7E570103);
$run = function (string $label, callable $body) use ($q) {
    echo "$label\n";
    $pid = pcntl_fork();
    if ($pid === 0) {
        register_shutdown_function(function () { echo "  child shutdown\n"; });
        $body($q);
        echo "  not reached\n";
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    echo "  exit status ", pcntl_wexitstatus($status), ", queued ", msg_stat_queue($q)['msg_qnum'], "\n";
};
$run('send __serialize', fn ($q) => msg_send($q, 1, new ExitSer));
$run('send __sleep', fn ($q) => msg_send($q, 1, [new ExitSleep]));
foreach (['ExitUnser', 'ExitWakeup'] as $class) {
    msg_send($q, 1, serialize(new $class), false);
    $run("receive $class", function ($q) {
        $err = 'untouched';
        register_shutdown_function(function () use (&$m, &$t, &$err) { var_dump($t, $m ?? 'unset', $err); });
        msg_receive($q, 0, $t, 1024, $m, true, 0, $err);
    });
}
msg_remove_queue($q);
?>
--EXPECTF--
send __serialize
  __serialize exits
  child shutdown
  exit status 3, queued 0
send __sleep
  __sleep exits
  child shutdown
  exit status 3, queued 0
receive ExitUnser
  __unserialize exits
  child shutdown
int(1)
object(ExitUnser)#%d (1) {
  ["a"]=>
  int(1)
}
int(0)
  exit status 4, queued 0
receive ExitWakeup
  __wakeup exits
  child shutdown
int(1)
object(ExitWakeup)#%d (1) {
  ["a"]=>
  int(1)
}
int(0)
  exit status 4, queued 0
--CLEAN--
<?php if (msg_queue_exists(0x7E570103)) msg_remove_queue(msg_get_queue(0x7E570103)); ?>

--TEST--
msg_receive(): an exception from Serializable::unserialize propagates, and exit() there ends the script cleanly ("Message corrupted" first)
--SKIPIF--
<?php
require __DIR__ . '/_impl.inc';
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (!function_exists('pcntl_fork')) die("skip pcntl not available");
if (PHP_DEBUG && !sysvmsg_impl_is_ours()) {
    die("skip deliberate difference 4: the C extension leaks the partly built value of a corrupted message, which debug builds of PHP report\n");
}
?>
--FILE--
<?php
class ExitSerializable implements Serializable {
    public function serialize() { return 'x'; }
    public function unserialize($s) { echo "  Serializable::unserialize exits\n"; exit(4); }
}
class ThrowingSerializable implements Serializable {
    public function serialize() { return 'x'; }
    public function unserialize($s) { throw new UnexpectedValueException('from unserialize'); }
}
$q = msg_get_queue(0x7E570107);
msg_send($q, 1, 'C:20:"ThrowingSerializable":1:{x}', false);
$err = 'untouched';
try {
    msg_receive($q, 0, $type, 1024, $m, true, 0, $err);
} catch (UnexpectedValueException $e) {
    echo get_class($e), ': ', $e->getMessage(), ", queued ", msg_stat_queue($q)['msg_qnum'], "\n";
}
var_dump($type, $m, $err);
msg_send($q, 1, 'C:16:"ExitSerializable":1:{x}', false);
$pid = pcntl_fork();
if ($pid === 0) {
    $err = 'untouched';
    register_shutdown_function(function () use (&$m, &$t, &$err) {
        echo "  child shutdown\n";
        var_dump($t, $m ?? 'unset', $err);
    });
    msg_receive($q, 0, $t, 1024, $m, true, 0, $err);
    echo "  not reached\n";
    exit(0);
}
pcntl_waitpid($pid, $status);
echo "exit status ", pcntl_wexitstatus($status), ", queued ", msg_stat_queue($q)['msg_qnum'], "\n";
msg_remove_queue($q);
?>
--EXPECTF--
Deprecated: ExitSerializable implements the Serializable interface, which is deprecated. %s

Deprecated: ThrowingSerializable implements the Serializable interface, which is deprecated. %s

Warning: msg_receive(): Message corrupted in %s on line %d
UnexpectedValueException: from unserialize, queued 0
int(1)
bool(false)
int(0)
  Serializable::unserialize exits

Warning: msg_receive(): Message corrupted in %s on line %d
  child shutdown
int(1)
bool(false)
int(0)
exit status 4, queued 0
--CLEAN--
<?php if (msg_queue_exists(0x7E570107)) msg_remove_queue(msg_get_queue(0x7E570107)); ?>

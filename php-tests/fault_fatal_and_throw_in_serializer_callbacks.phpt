--TEST--
msg_send()/msg_receive(): fatal errors in __serialize, __sleep and Serializable::serialize end the request cleanly; an exception from Serializable::serialize propagates
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (!function_exists('pcntl_fork')) die("skip pcntl not available");
?>
--FILE--
<?php
// A compile error: a fatal error (bailout) on every PHP version (E_USER_ERROR is deprecated from 8.4 on).
function fatal_error(): void { eval('function fatal_twice() {} function fatal_twice() {}'); }
class FatalSer { public function __serialize(): array { fatal_error(); /* in __serialize */ } public function __unserialize(array $d): void {} }
class FatalSleep { public $a = 1; public function __sleep() { fatal_error(); /* in __sleep */ } }
class FatalSerializable implements Serializable {
    public function serialize() { fatal_error(); /* in Serializable::serialize */ }
    public function unserialize($s) {}
}
class ThrowingSerializable implements Serializable {
    public function serialize() { throw new DomainException('from serialize'); }
    public function unserialize($s) {}
}
$q = msg_get_queue(0x7E570108);
foreach (['FatalSer', 'FatalSleep', 'FatalSerializable'] as $class) {
    echo "$class\n";
    $pid = pcntl_fork();
    if ($pid === 0) {
        register_shutdown_function(function () use ($q) { echo "  child shutdown, queued ", msg_stat_queue($q)['msg_qnum'], "\n"; });
        msg_send($q, 1, [new $class]);
        echo "  not reached\n";
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    echo "  exit status ", pcntl_wexitstatus($status), "\n";
}
$t = new ThrowingSerializable;
try {
    msg_send($q, 1, $t);
} catch (DomainException $e) {
    echo get_class($e), ': ', $e->getMessage(), ", queued ", msg_stat_queue($q)['msg_qnum'], "\n";
}
msg_remove_queue($q);
?>
--EXPECTF--
Deprecated: FatalSerializable implements the Serializable interface, which is deprecated. %s

Deprecated: ThrowingSerializable implements the Serializable interface, which is deprecated. %s
FatalSer

Fatal error: Cannot redeclare %s in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
  child shutdown, queued 0
  exit status 255
FatalSleep

Fatal error: Cannot redeclare %s in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
  child shutdown, queued 0
  exit status 255
FatalSerializable

Fatal error: Cannot redeclare %s in %s on line %d%r(\nStack trace:(\n#\d+ [^\n]*)+)?%r
  child shutdown, queued 0
  exit status 255
DomainException: from serialize, queued 0
--CLEAN--
<?php if (msg_queue_exists(0x7E570108)) msg_remove_queue(msg_get_queue(0x7E570108)); ?>

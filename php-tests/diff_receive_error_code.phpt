--TEST--
Deliberate difference 5: $error_code of a failed msg_receive is the errno of msgrcv even if a destructor run by the output assignments fails a syscall
--DESCRIPTION--
A failed msg_receive sets $received_message_type to 0 and $message to false before $error_code; releasing their old
values can run a destructor. The C extension reads errno after those assignments, so a failing system call in such a
destructor changes the reported code (ENOENT instead of ENOMSG); here it is always the errno of msgrcv.
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
sysvmsg_skip_unless_ours();
?>
--FILE--
<?php
class FailsASyscallOnDestruct {
    public function __destruct() {
        echo "destructor\n";
        // a failing system call of its own (ENOENT)
        var_dump(@fopen('/nonexistent-dir-sysvmsg-test/file', 'r'));
    }
}
$q = msg_get_queue(0x7E5700C5);
$type = null;
$err = null;

// the destructor runs when $message is set to false
$message = new FailsASyscallOnDestruct;
var_dump(msg_receive($q, 0, $type, 100, $message, true, MSG_IPC_NOWAIT, $err));
var_dump($type, $message, $err === MSG_ENOMSG);

// ... or when $received_message_type is set to 0
$type = new FailsASyscallOnDestruct;
var_dump(msg_receive($q, 0, $type, 100, $message, true, MSG_IPC_NOWAIT, $err));
var_dump($type, $message, $err === MSG_ENOMSG);

// a removed queue: EINVAL
var_dump(msg_remove_queue($q));
$message = new FailsASyscallOnDestruct;
var_dump(msg_receive($q, 0, $type, 100, $message, true, MSG_IPC_NOWAIT, $err));
var_dump($err);
?>
--EXPECT--
destructor
bool(false)
bool(false)
int(0)
bool(false)
bool(true)
destructor
bool(false)
bool(false)
int(0)
bool(false)
bool(true)
bool(true)
destructor
bool(false)
bool(false)
int(22)
--CLEAN--
<?php
if (msg_queue_exists(0x7E5700C5)) msg_remove_queue(msg_get_queue(0x7E5700C5));
?>

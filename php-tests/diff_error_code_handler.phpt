--TEST--
Deliberate difference 3: $error_code of a failed msg_send is the errno of msgsnd even if the warning handler fails a syscall
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
sysvmsg_skip_unless_ours();
?>
--FILE--
<?php
set_error_handler(function (int $no, string $str) {
    echo "handler: $str\n";
    // a failing system call of its own (ENOENT)
    var_dump(@fopen('/nonexistent-dir-sysvmsg-test/file', 'r'));
    return true;
});
$q = msg_get_queue(0x7E570092);
$err = null;
var_dump(msg_send($q, 0, 'bad type', true, true, $err), $err);
msg_set_queue($q, ['msg_qbytes' => 1]);
msg_send($q, 1, 'x', false);
var_dump(msg_send($q, 1, 'y', false, false, $err), $err);
var_dump(msg_remove_queue($q));
var_dump(msg_send($q, 1, 'z', false, false, $err), $err);
?>
--EXPECT--
handler: msg_send(): msgsnd failed: Invalid argument
bool(false)
bool(false)
int(22)
handler: msg_send(): msgsnd failed: Resource temporarily unavailable
bool(false)
bool(false)
int(11)
bool(true)
handler: msg_send(): msgsnd failed: Invalid argument
bool(false)
bool(false)
int(22)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570092)) msg_remove_queue(msg_get_queue(0x7E570092));
?>

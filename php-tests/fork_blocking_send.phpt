--TEST--
msg_send(): a blocking send on a full queue waits for room
--SKIPIF--
<?php
if (!extension_loaded("sysvmsg")) die("skip sysvmsg not loaded");
if (!function_exists("pcntl_fork")) die("skip pcntl not available");
if (!is_readable("/proc/self/stat")) die("skip /proc not available");
?>
--FILE--
<?php
require __DIR__ . '/_proc.inc';
$q = msg_get_queue(0x7E570081);
msg_set_queue($q, ['msg_qbytes' => 8]);
var_dump(msg_send($q, 1, 'first!!!', false));
$parent = getmypid();
$pid = pcntl_fork();
if ($pid === 0) {
    $ok = wait_until_blocked_in($parent, 'msgsnd');
    // make room (also on timeout, so the parent cannot hang)
    msg_receive($q, 0, $t, 100, $m, false);
    exit($ok && $m === 'first!!!' ? 0 : 1);
}
$err = 'untouched';
var_dump(msg_send($q, 2, 'second!!', false, true, $err), $err);
var_dump(wait_child($pid));
var_dump(msg_receive($q, 0, $t, 100, $m, false, MSG_IPC_NOWAIT), $t, $m);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
bool(true)
string(9) "untouched"
int(0)
bool(true)
int(2)
string(8) "second!!"
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570081)) msg_remove_queue(msg_get_queue(0x7E570081));
?>

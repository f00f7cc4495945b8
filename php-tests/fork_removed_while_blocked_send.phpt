--TEST--
msg_send(): queue removed while a send is blocked gives EIDRM (43)
--SKIPIF--
<?php
if (!extension_loaded("sysvmsg")) die("skip sysvmsg not loaded");
if (!function_exists("pcntl_fork")) die("skip pcntl not available");
if (!is_readable("/proc/self/stat")) die("skip /proc not available");
?>
--FILE--
<?php
require __DIR__ . '/_proc.inc';
$q = msg_get_queue(0x7E570083);
msg_set_queue($q, ['msg_qbytes' => 4]);
msg_send($q, 1, 'full', false);
$parent = getmypid();
$pid = pcntl_fork();
if ($pid === 0) {
    $ok = wait_until_blocked_in($parent, 'msgsnd');
    msg_remove_queue($q);
    exit($ok ? 0 : 1);
}
var_dump(msg_send($q, 1, 'more', false, true, $err), $err);
var_dump(wait_child($pid));
?>
--EXPECTF--

Warning: msg_send(): msgsnd failed: Identifier removed in %s on line %d
bool(false)
int(43)
int(0)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570083)) msg_remove_queue(msg_get_queue(0x7E570083));
?>

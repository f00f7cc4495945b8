--TEST--
msg_receive(): blocks until another process sends
--SKIPIF--
<?php
if (!extension_loaded("sysvmsg")) die("skip sysvmsg not loaded");
if (!function_exists("pcntl_fork")) die("skip pcntl not available");
if (!is_readable("/proc/self/stat")) die("skip /proc not available");
?>
--FILE--
<?php
require __DIR__ . '/_proc.inc';
$q = msg_get_queue(0x7E570080);
$parent = getmypid();
$pid = pcntl_fork();
if ($pid === 0) {
    $ok = wait_until_blocked_in($parent, 'msgrcv');
    // always unblock the parent, even on timeout
    msg_send($q, 8, $ok ? ['from' => 'child'] : 'timeout');
    exit($ok ? 0 : 1);
}
var_dump(msg_receive($q, 0, $t, 1024, $m, true, 0, $err), $t, $m, $err);
var_dump(wait_child($pid));
var_dump(msg_stat_queue($q)['msg_lspid'] === $pid);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
int(8)
array(1) {
  ["from"]=>
  string(5) "child"
}
int(0)
int(0)
bool(true)
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570080)) msg_remove_queue(msg_get_queue(0x7E570080));
?>

--TEST--
msg_set_queue(): false without a warning when only msgctl(IPC_SET) fails (a process that may read the queue's state but not change it)
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
if (trim((string) shell_exec('id -u')) !== '0') die("skip needs root: the test runs a process as another user (setpriv)");
if (trim((string) shell_exec('command -v setpriv')) === '') die("skip setpriv (util-linux) not available");
?>
--FILE--
<?php
// The queue belongs to root (mode 0644). A PHP process of user nobody (setpriv), which keeps only the capabilities
// to read files wherever the PHP under test lives, may stat it (read permission) but not change it: IPC_SET fails
// with EPERM after IPC_STAT succeeded, the one way to reach msg_set_queue's failure path.
$key = 0x7E570056;
$q = msg_get_queue($key, 0644);
$child = <<<'PHP'
set_error_handler(function ($no, $str) { echo "warning: $str\n"; return true; });
$q = msg_get_queue((int) $argv[1]);
echo 'running as uid ', trim(shell_exec('id -u')), "\n";
$before = msg_stat_queue($q);
var_dump(msg_set_queue($q, ['msg_perm.mode' => 0666, 'msg_qbytes' => 1024]));
var_dump(msg_set_queue($q, []));
$after = msg_stat_queue($q);
// The mode's bits above 15 on a line of their own: under qemu user emulation the C module reads them from an
// uninitialised buffer (58-aarch64 excuses exactly that line there).
$mode = fn(array $s, int $shift) => $shift ? $s['msg_perm.mode'] >> 16 : $s['msg_perm.mode'] & 0xffff;
printf("unchanged: %s\n", var_export(array_diff_key($before, ['msg_perm.mode' => 0]) === array_diff_key($after, ['msg_perm.mode' => 0]), true));
printf("mode bits 0-15 unchanged: %s\n", var_export($mode($before, 0) === $mode($after, 0), true));
printf("mode bits above 15 unchanged: %s\n", var_export($mode($before, 16) === $mode($after, 16), true));
PHP;
$cmd = 'setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=+dac_override,+dac_read_search '
    . '--ambient-caps=+dac_override,+dac_read_search ' . getenv('TEST_PHP_EXECUTABLE') . ' '
    . getenv('TEST_PHP_EXTRA_ARGS') . ' -r ' . escapeshellarg($child) . ' ' . $key . ' 2>&1';
echo shell_exec($cmd);
$s = msg_stat_queue($q);
printf("mode=%o qbytes=%d\n", $s['msg_perm.mode'], $s['msg_qbytes']);
var_dump(msg_set_queue($q, ['msg_perm.mode' => 0600]));
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
running as uid 65534
bool(false)
bool(false)
unchanged: true
mode bits 0-15 unchanged: true
mode bits above 15 unchanged: true
mode=644 qbytes=%d
bool(true)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570056] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

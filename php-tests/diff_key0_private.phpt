--TEST--
Key 0 (IPC_PRIVATE): msg_queue_exists(0) is false and creates nothing, msg_get_queue(0) honours permissions (deliberate difference 1 up to PHP 8.5; PHP 8.6's C module does the same)
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
if (PHP_VERSION_ID < 80600) sysvmsg_skip_unless_ours();
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded");
?>
--FILE--
<?php
// Only this test uses key 0 in the suite, so counting key-0 queues is not disturbed by parallel tests.
function private_queues(): int {
    $n = 0;
    foreach (file('/proc/sysvipc/msg') as $i => $line) {
        $cols = preg_split('/\s+/', trim($line));
        if ($i > 0 && $cols[0] === '0') {
            $n++;
        }
    }
    return $n;
}
$before = private_queues();
var_dump(msg_queue_exists(0));
var_dump(private_queues() - $before);
$a = msg_get_queue(0, 0600);
$b = msg_get_queue(0, 0640);
var_dump(private_queues() - $before);
printf("%o %o\n", msg_stat_queue($a)['msg_perm.mode'], msg_stat_queue($b)['msg_perm.mode']);
$c = msg_get_queue(0);
printf("%o\n", msg_stat_queue($c)['msg_perm.mode']);
// three different queues
var_dump(msg_send($a, 1, 'only in a'));
var_dump(msg_receive($b, 0, $t, 100, $m, true, MSG_IPC_NOWAIT, $err), $err);
var_dump(msg_receive($c, 0, $t, 100, $m, true, MSG_IPC_NOWAIT, $err), $err);
var_dump(msg_receive($a, 0, $t, 100, $m, true, MSG_IPC_NOWAIT), $m);
var_dump(msg_queue_exists(0));
var_dump(msg_remove_queue($a), msg_remove_queue($b), msg_remove_queue($c));
var_dump(private_queues() - $before);
?>
--EXPECT--
bool(false)
int(0)
int(2)
600 640
666
bool(true)
bool(false)
int(42)
bool(false)
int(42)
bool(true)
string(9) "only in a"
bool(false)
bool(true)
bool(true)
bool(true)
int(0)

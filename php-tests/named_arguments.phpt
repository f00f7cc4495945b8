--TEST--
named arguments use the documented parameter names
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(permissions: 0600, key: 0x7E570063);
printf("%o\n", msg_stat_queue(queue: $q)['msg_perm.mode']);
var_dump(msg_send(message: 'named', message_type: 2, queue: $q, serialize: false));
var_dump(msg_receive($q, 0, $t, 100, $m, flags: MSG_IPC_NOWAIT, unserialize: false), $t, $m);
var_dump(msg_receive(queue: $q, desired_message_type: 0, received_message_type: $t, max_message_size: 10,
    message: $m, flags: MSG_IPC_NOWAIT, error_code: $err), $t, $m, $err);
var_dump(msg_send($q, 0, 'bad', error_code: $err2), $err2);
var_dump(msg_set_queue(data: ['msg_qbytes' => 999], queue: $q), msg_stat_queue($q)['msg_qbytes']);
var_dump(msg_queue_exists(key: 0x7E570063));
foreach ([
    fn() => msg_send($q, 1, 'x', bogus: 1),
    fn() => msg_send($q, 1, message: 'x', message_type: 2),
    fn() => msg_receive($q, 0, max_message_size: 10, message: $m),
    fn() => msg_get_queue(permissions: 0600),
] as $i => $f) {
    try {
        var_dump($f());
    } catch (Throwable $e) {
        echo "$i: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(msg_remove_queue(queue: $q));
?>
--EXPECTF--
600
bool(true)
bool(true)
int(2)
string(5) "named"
bool(false)
int(0)
bool(false)
int(42)

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)
bool(true)
int(999)
bool(true)
0: Error: Unknown named parameter $bogus
1: Error: Named parameter $message_type overwrites previous argument
2: ArgumentCountError: msg_receive(): Argument #3 ($received_message_type) not passed
3: ArgumentCountError: msg_get_queue(): Argument #1 ($key) not passed
bool(true)
--CLEAN--
<?php
foreach ([0x7E570063] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
argument counts: too few and too many
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570062);
foreach ([
    fn() => msg_get_queue(),
    fn() => msg_get_queue(1, 2, 3),
    fn() => msg_send($q, 1),
    fn() => msg_send($q, 1, 'x', true, true, $e, 7),
    fn() => msg_receive($q, 0, $t, 100),
    fn() => msg_receive($q, 0, $t, 100, $m, true, 0, $e, 9),
    fn() => msg_remove_queue(),
    fn() => msg_remove_queue($q, 1),
    fn() => msg_stat_queue(),
    fn() => msg_set_queue($q),
    fn() => msg_set_queue($q, [], 1),
    fn() => msg_queue_exists(),
    fn() => msg_queue_exists(1, 2),
] as $i => $f) {
    try {
        var_dump($f());
    } catch (Throwable $e) {
        echo "$i: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(msg_queue_exists(0x7E570062));
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
0: ArgumentCountError: msg_get_queue() expects at least 1 argument, 0 given
1: ArgumentCountError: msg_get_queue() expects at most 2 arguments, 3 given
2: ArgumentCountError: msg_send() expects at least 3 arguments, 2 given
3: ArgumentCountError: msg_send() expects at most 6 arguments, 7 given
4: ArgumentCountError: msg_receive() expects at least 5 arguments, 4 given
5: ArgumentCountError: msg_receive() expects at most 8 arguments, 9 given
6: ArgumentCountError: msg_remove_queue() expects exactly 1 argument, 0 given
7: ArgumentCountError: msg_remove_queue() expects exactly 1 argument, 2 given
8: ArgumentCountError: msg_stat_queue() expects exactly 1 argument, 0 given
9: ArgumentCountError: msg_set_queue() expects exactly 2 arguments, 1 given
10: ArgumentCountError: msg_set_queue() expects exactly 2 arguments, 3 given
11: ArgumentCountError: msg_queue_exists() expects exactly 1 argument, 0 given
12: ArgumentCountError: msg_queue_exists() expects exactly 1 argument, 2 given
bool(true)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570062] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

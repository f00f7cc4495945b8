--TEST--
arguments in strict_types mode: TypeErrors, int to float widening not applicable
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
declare(strict_types=1);
$q = msg_get_queue(0x7E570061);
foreach ([
    fn() => msg_get_queue("1"),
    fn() => msg_get_queue(1, "0666"),
    fn() => msg_queue_exists(1.0),
    fn() => msg_send($q, "1", 'x'),
    fn() => msg_send($q, 1, 'x', 1),
    fn() => msg_send($q, 1, 'x', true, 0),
    fn() => msg_send($q, 1, 'x', null),
    fn() => msg_receive($q, 1.0, $t, 1, $m),
    fn() => msg_receive($q, 0, $t, "1", $m),
    fn() => msg_receive($q, 0, $t, 1, $m, 1),
    fn() => msg_receive($q, 0, $t, 1, $m, true, false),
    fn() => msg_set_queue($q, null),
    fn() => msg_stat_queue("q"),
] as $i => $f) {
    try {
        var_dump($f());
    } catch (Throwable $e) {
        echo "$i: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// in strict mode the message itself is still untyped and serialize=false still converts scalars
var_dump(msg_send($q, 1, 1.25, false), msg_receive($q, 0, $t, 100, $m, false), $m);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
0: TypeError: msg_get_queue(): Argument #1 ($key) must be of type int, string given
1: TypeError: msg_get_queue(): Argument #2 ($permissions) must be of type int, string given
2: TypeError: msg_queue_exists(): Argument #1 ($key) must be of type int, float given
3: TypeError: msg_send(): Argument #2 ($message_type) must be of type int, string given
4: TypeError: msg_send(): Argument #4 ($serialize) must be of type bool, int given
5: TypeError: msg_send(): Argument #5 ($blocking) must be of type bool, int given
6: TypeError: msg_send(): Argument #4 ($serialize) must be of type bool, null given
7: TypeError: msg_receive(): Argument #2 ($desired_message_type) must be of type int, float given
8: TypeError: msg_receive(): Argument #4 ($max_message_size) must be of type int, string given
9: TypeError: msg_receive(): Argument #6 ($unserialize) must be of type bool, int given
10: TypeError: msg_receive(): Argument #7 ($flags) must be of type int, %r(bool|false)%r given
11: TypeError: msg_set_queue(): Argument #2 ($data) must be of type array, null given
12: TypeError: msg_stat_queue(): Argument #1 ($queue) must be of type SysvMessageQueue, string given
bool(true)
bool(true)
string(8) "1.250000"
bool(true)
--CLEAN--
<?php
foreach ([0x7E570061] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

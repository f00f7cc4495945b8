--TEST--
arguments in coercive mode: numeric strings, fractional floats, null, wrong types
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue("2120679520");
var_dump($q instanceof SysvMessageQueue);
var_dump(msg_send($q, "3", 'numeric string type', "1", 1.0));
var_dump(msg_receive($q, "0", $t, "100", $m, 1, "0"), $t, $m);
var_dump(msg_send($q, 3.5, 'fractional type'));
var_dump(msg_receive($q, 0, $t, 100.7, $m), $t);
var_dump(msg_send($q, 3, 'null flags', null, null));
var_dump(msg_receive($q, null, $t, 100, $m, null, null), $t, $m);
var_dump(msg_get_queue(0x7E570060, null) instanceof SysvMessageQueue, msg_queue_exists(0x7E570060 + 0.0), msg_queue_exists("2120679520"));
foreach ([
    fn() => msg_send($q, "three", 'x'),
    fn() => msg_send($q, [], 'x'),
    fn() => msg_receive($q, 0, $t, "big", $m),
    fn() => msg_get_queue("0x10"),
    fn() => msg_get_queue(1e30),
    fn() => msg_queue_exists(NAN),
    fn() => msg_set_queue($q, "not an array"),
    fn() => msg_send("queue", 1, 'x'),
    fn() => msg_receive(new stdClass, 1, $t, 1, $m),
    fn() => msg_stat_queue(null),
    fn() => msg_remove_queue(42),
    fn() => msg_set_queue(1.5, []),
] as $i => $f) {
    try {
        var_dump($f());
    } catch (Throwable $e) {
        echo "$i: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
int(3)
string(19) "numeric string type"

Deprecated: Implicit conversion from float 3.5 to int loses precision in %s on line %d
bool(true)

Deprecated: Implicit conversion from float 100.7 to int loses precision in %s on line %d
bool(true)
int(3)

Deprecated: msg_send(): Passing null to parameter #4 ($serialize) of type bool is deprecated in %s on line %d

Deprecated: msg_send(): Passing null to parameter #5 ($blocking) of type bool is deprecated in %s on line %d
bool(true)

Deprecated: msg_receive(): Passing null to parameter #2 ($desired_message_type) of type int is deprecated in %s on line %d

Deprecated: msg_receive(): Passing null to parameter #6 ($unserialize) of type bool is deprecated in %s on line %d

Deprecated: msg_receive(): Passing null to parameter #7 ($flags) of type int is deprecated in %s on line %d
bool(true)
int(3)
string(10) "null flags"

Deprecated: msg_get_queue(): Passing null to parameter #2 ($permissions) of type int is deprecated in %s on line %d
bool(true)
bool(true)
bool(true)
0: TypeError: msg_send(): Argument #2 ($message_type) must be of type int, string given
1: TypeError: msg_send(): Argument #2 ($message_type) must be of type int, array given
2: TypeError: msg_receive(): Argument #4 ($max_message_size) must be of type int, string given
3: TypeError: msg_get_queue(): Argument #1 ($key) must be of type int, string given
4: TypeError: msg_get_queue(): Argument #1 ($key) must be of type int, float given
5: TypeError: msg_queue_exists(): Argument #1 ($key) must be of type int, float given
6: TypeError: msg_set_queue(): Argument #2 ($data) must be of type array, string given
7: TypeError: msg_send(): Argument #1 ($queue) must be of type SysvMessageQueue, string given
8: TypeError: msg_receive(): Argument #1 ($queue) must be of type SysvMessageQueue, stdClass given
9: TypeError: msg_stat_queue(): Argument #1 ($queue) must be of type SysvMessageQueue, null given
10: TypeError: msg_remove_queue(): Argument #1 ($queue) must be of type SysvMessageQueue, int given
11: TypeError: msg_set_queue(): Argument #1 ($queue) must be of type SysvMessageQueue, float given
bool(true)
--CLEAN--
<?php
foreach ([0x7E570060] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

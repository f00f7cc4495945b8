--TEST--
msg_send(serialize: false): null, array, object, resource are a TypeError
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570028);
class WithToString { public function __toString(): string { return 'str'; } }
$fp = fopen('php://memory', 'r');
foreach ([null, [], [1, 2], new stdClass, new WithToString, $fp, $q] as $v) {
    $err = 'untouched';
    try {
        var_dump(msg_send($q, 1, $v, false, true, $err));
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump($err);
}
fclose($fp);
var_dump(msg_stat_queue($q)['msg_qnum']);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, null given
string(9) "untouched"
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, array given
string(9) "untouched"
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, array given
string(9) "untouched"
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, stdClass given
string(9) "untouched"
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, WithToString given
string(9) "untouched"
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, resource given
string(9) "untouched"
TypeError: msg_send(): Argument #3 ($message) must be of type string|int|float|bool, SysvMessageQueue given
string(9) "untouched"
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570028] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

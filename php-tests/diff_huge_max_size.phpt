--TEST--
Deliberate difference 2: a huge max_message_size (PHP_INT_MAX, 1 GiB) receives a small message without allocating it
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
sysvmsg_skip_unless_ours();
?>
--INI--
memory_limit=64M
--FILE--
<?php
$q = msg_get_queue(0x7E570091);
foreach ([PHP_INT_MAX, 1 << 30, PHP_INT_MAX - 7] as $size) {
    msg_send($q, 5, 'hello', false);
    var_dump(msg_receive($q, 0, $t, $size, $m, false, 0, $err), $t, $m, $err);
    msg_send($q, 6, ['an' => 'array']);
    var_dump(msg_receive($q, 0, $t, $size, $m, true, MSG_NOERROR, $err), $t, $m, $err);
}
var_dump(memory_get_peak_usage() < 16 * 1024 * 1024);
// limits still apply exactly at max_message_size
msg_send($q, 1, 'abcdef', false);
var_dump(msg_receive($q, 0, $t, 5, $m, false, MSG_IPC_NOWAIT, $err), $err);
var_dump(msg_receive($q, 0, $t, 5, $m, false, MSG_NOERROR, $err), $m);
var_dump(msg_remove_queue($q));
?>
--EXPECT--
bool(true)
int(5)
string(5) "hello"
int(0)
bool(true)
int(6)
array(1) {
  ["an"]=>
  string(5) "array"
}
int(0)
bool(true)
int(5)
string(5) "hello"
int(0)
bool(true)
int(6)
array(1) {
  ["an"]=>
  string(5) "array"
}
int(0)
bool(true)
int(5)
string(5) "hello"
int(0)
bool(true)
int(6)
array(1) {
  ["an"]=>
  string(5) "array"
}
int(0)
bool(true)
bool(false)
int(7)
bool(true)
string(5) "abcde"
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570091)) msg_remove_queue(msg_get_queue(0x7E570091));
?>

--TEST--
Deliberate difference 4: truncated payloads are never parsed past the received bytes, failed values are freed
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
sysvmsg_skip_unless_ours();
?>
--FILE--
<?php
$q = msg_get_queue(0x7E570093);
// Leave bytes in freed memory that would complete the truncated payloads if they were read on.
for ($i = 0; $i < 50; $i++) {
    $junk = str_repeat(';}i:1;}', 1000);
    msg_send($q, 1, $junk, false);
    msg_receive($q, 0, $t, 100000, $m, false);
    unset($junk, $m);
}
$payloads = ['i:12', 'b:1', 'd:1.5', 'a:1:{i:0;i:1;', 'O:8:"stdClass":1:{s:1:"a";i:1;', 's:4294967295:"x', 's:3:"ab'];
foreach ($payloads as $p) {
    msg_send($q, 3, $p, false);
    $t = 'old';
    $m = 'old';
    $err = 'old';
    var_dump(msg_receive($q, 0, $t, 100000, $m, true, 0, $err), $t, $m, $err);
}
// corrupted messages that built part of a value do not leak
$warnings = 0;
set_error_handler(function () use (&$warnings) { $warnings++; return true; });
$bad = 'a:3:{i:0;s:5:"hello";i:1;a:2:{i:0;O:8:"stdClass":0:{}i:1;s:3:"abc";}i:2;X';
for ($i = 0; $i < 20; $i++) {
    msg_send($q, 1, $bad, false);
    msg_receive($q, 0, $t, 1000, $m);
}
$before = memory_get_usage();
for ($i = 0; $i < 500; $i++) {
    msg_send($q, 1, $bad, false);
    msg_receive($q, 0, $t, 1000, $m);
}
restore_error_handler();
var_dump($warnings, $m);
var_dump(memory_get_usage() - $before < 50000);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(3)
bool(false)
int(0)
int(520)
bool(false)
bool(true)
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E570093)) msg_remove_queue(msg_get_queue(0x7E570093));
?>

--TEST--
msg_send(serialize: true): the bytes on the queue are exactly serialize()'s, for every scalar
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570030);
$values = [null, true, false, 0, -42, PHP_INT_MAX, 1.5, -0.0, 0.1, INF, -INF, NAN, '', "bin\0ary", 'ünïcode'];
foreach ($values as $v) {
    msg_send($q, 5, $v);
    msg_receive($q, 0, $t, 4096, $raw, false, MSG_IPC_NOWAIT);
    $same = $raw === serialize($v);
    msg_send($q, 5, $v);
    msg_receive($q, 0, $t, 4096, $back, true, MSG_IPC_NOWAIT);
    echo var_export($raw, true), ' ', $same ? 'same' : 'DIFFERENT', ' ';
    var_dump(is_string($back) ? addcslashes($back, "\0") : $back);
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
'N;' same NULL
'b:1;' same bool(true)
'b:0;' same bool(false)
'i:0;' same int(0)
'i:-42;' same int(-42)
'i:9223372036854775807;' same int(9223372036854775807)
'd:1.5;' same float(1.5)
'd:-0;' same float(-0)
'd:0.1;' same float(0.1)
'd:INF;' same float(INF)
'd:-INF;' same float(-INF)
'd:NAN;' same float(NAN)
's:0:"";' same string(0) ""
's:7:"bin' . "\0" . 'ary";' same string(10) "bin\000ary"
's:9:"ünïcode";' same string(9) "ünïcode"
bool(true)
--CLEAN--
<?php
foreach ([0x7E570030] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

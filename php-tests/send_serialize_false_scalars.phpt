--TEST--
msg_send(serialize: false): ints, bools and floats (%F) become text
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570026);
$values = [0, 42, -17, PHP_INT_MAX, PHP_INT_MIN, true, false, 1.5, -2.25, 0.0, -0.0, 1e20, 1e-7, 123456.7890123,
    INF, -INF, NAN, "12", "1.5"];
foreach ($values as $v) {
    if (!msg_send($q, 1, $v, false)) {
        echo "send failed\n";
    }
    msg_receive($q, 0, $t, 4096, $m, false, MSG_IPC_NOWAIT);
    echo str_pad(var_export($v, true), 22), ' => ', var_export($m, true), "\n";
}
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
0                      => '0'
42                     => '42'
-17                    => '-17'
9223372036854775807    => '9223372036854775807'
-9223372036854775807-1 => '-9223372036854775808'
true                   => '1'
false                  => '0'
1.5                    => '1.500000'
-2.25                  => '-2.250000'
0.0                    => '0.000000'
-0.0                   => '0.000000'
1.0E+20                => '100000000000000000000.000000'
1.0E-7                 => '0.000000'
123456.7890123         => '123456.789012'
INF                    => 'inf'
-INF                   => 'inf'
NAN                    => 'nan'
'12'                   => '12'
'1.5'                  => '1.5'
bool(true)
--CLEAN--
<?php
foreach ([0x7E570026] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

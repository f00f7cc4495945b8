--TEST--
msg_receive(): desired type 0, N > 0 and N < 0 (lowest type <= |N|)
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570044);
foreach ([5, 3, 9, 1, 3, 7] as $i => $type) {
    msg_send($q, $type, "m$i");
}
function rcv($q, $desired) {
    $ok = msg_receive($q, $desired, $t, 100, $m, true, MSG_IPC_NOWAIT, $err);
    printf("desired %3d: %s type=%d msg=%s err=%d\n", $desired, $ok ? 'ok  ' : 'fail', $t, var_export($m, true), $err);
}
rcv($q, 3);
rcv($q, -4);
rcv($q, 0);
rcv($q, -100);
rcv($q, -2);
rcv($q, 8);
rcv($q, 0);
rcv($q, 0);
rcv($q, 0);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
desired   3: ok   type=3 msg='m1' err=0
desired  -4: ok   type=1 msg='m3' err=0
desired   0: ok   type=5 msg='m0' err=0
desired -100: ok   type=3 msg='m4' err=0
desired  -2: fail type=0 msg=false err=42
desired   8: fail type=0 msg=false err=42
desired   0: ok   type=9 msg='m2' err=0
desired   0: ok   type=7 msg='m5' err=0
desired   0: fail type=0 msg=false err=42
bool(true)
--CLEAN--
<?php
foreach ([0x7E570044] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

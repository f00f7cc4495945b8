--TEST--
msg_receive(): after kernel.msgmax was lowered, messages queued before are still received whole (or cut at max_message_size), in a fresh request and in one that received before
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// Lowering kernel.msgmax only limits new messages: those queued before stay, longer than any message msgmax now allows.
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(70000, 1 << 20);
$q = msg_get_queue(1);
$results = msg_get_queue(2);

function show(string $who, bool $ok, int $type, $message, ?int $err): string
{
    $what = is_string($message) ? strlen($message) . ' bytes, md5 ' . md5($message) : var_export($message, true);
    return sprintf("%s: %s, type %d, %s, errno %s\n", $who, $ok ? 'received' : 'failed', $type, $what, var_export($err, true));
}

// A process whose request has not received anything yet; it waits for the go.
$go = sys_get_temp_dir() . '/sysvmsg-test-lowered-' . getmypid();
@unlink($go);
$fresh = pcntl_fork();
if ($fresh === 0) {
    while (!file_exists($go)) {
        usleep(1000);
    }
    $out = '';
    foreach ([[2, 1 << 20, 0], [4, 25000, MSG_NOERROR], [3, 1 << 20, MSG_IPC_NOWAIT], [7, 30000, MSG_IPC_NOWAIT]] as [$desired, $max, $flags]) {
        $err = null;
        $ok = msg_receive($q, $desired, $type, $max, $m, false, $flags, $err);
        $out .= show("fresh, type $desired, max $max, flags $flags", $ok, $type, $m, $err);
    }
    msg_send($results, 1, $out);
    exit(0);
}

// This request receives a large message while msgmax is 70000.
msg_send($q, 9, str_repeat('w', 60000), false);
echo show('warm-up', msg_receive($q, 9, $t, 1 << 20, $m, false), $t, $m, null);

foreach ([1 => 50000, 2 => 20000, 3 => 9000, 4 => 30000, 5 => 100, 6 => 40000, 7 => 45000] as $type => $size) {
    msg_send($q, $type, msgmax_payload($size, $type), false);
}
set_msgmax(8192);
$err = null;
var_dump(msg_send($q, 8, str_repeat('x', 9000), false, true, $err), $err);

touch($go);
wait_child($fresh);
unlink($go);
msg_receive($results, 1, $t, 1 << 16, $report);
echo $report;

foreach ([[1, 1 << 20, 0], [5, 1 << 20, MSG_EXCEPT], [0, 50, 0], [0, 50, MSG_NOERROR], [0, 1 << 20, MSG_IPC_NOWAIT]] as [$desired, $max, $flags]) {
    $err = null;
    $ok = msg_receive($q, $desired, $type, $max, $m, false, $flags, $err);
    echo show("worker, type $desired, max $max, flags $flags", $ok, $type, $m, $err);
}

// Up and down again while this request goes on: every message arrives whole.
foreach ([200000, 8192, 100000, 16384] as $i => $msgmax) {
    set_msgmax($msgmax);
    $size = $msgmax - 7;
    $receiver = spawn_receiver($q, $results, 3, 0, 1 << 20);
    $payload = msgmax_payload($size, $i);
    msg_send($q, 1, $payload, false);
    echo "msgmax $msgmax, blocked receiver: ", receiver_report($results, 3) === sprintf('receiver 3: received, type 1, %d bytes, md5 %s, errno 0', $size, md5($payload)) ? 'whole' : 'NOT whole', "\n";
    wait_child($receiver);
    msg_send($q, 1, $payload, false);
    $ok = msg_receive($q, 0, $t, 1 << 20, $m, false);
    echo "msgmax $msgmax, this request: ", $ok && $m === $payload ? 'whole' : 'NOT whole', "\n";
}
var_dump(msg_stat_queue($q)['msg_qnum']);
msg_remove_queue($q);
msg_remove_queue($results);
?>
--EXPECTF--
warm-up: received, type 9, 60000 bytes, md5 aa6c83e3b0f3a10116e039ae64181afa, errno NULL

Warning: msg_send(): msgsnd failed: Invalid argument in %s on line %d
bool(false)
int(22)
fresh, type 2, max 1048576, flags 0: received, type 2, 20000 bytes, md5 0e4dedd8cf9ea285664962c2ac321629, errno 0
fresh, type 4, max 25000, flags 2: received, type 4, 25000 bytes, md5 ab566bf3a361bc73b97cd07c6fa00754, errno 0
fresh, type 3, max 1048576, flags 1: received, type 3, 9000 bytes, md5 2393d11b0680248b43d37decffb9a2dc, errno 0
fresh, type 7, max 30000, flags 1: failed, type 0, false, errno 7
worker, type 1, max 1048576, flags 0: received, type 1, 50000 bytes, md5 cfeb122cbdbf6f349b9280a130c7e26a, errno 0
worker, type 5, max 1048576, flags 4: received, type 6, 40000 bytes, md5 964c3400c69d8283395c8c3441b33a90, errno 0
worker, type 0, max 50, flags 0: failed, type 0, false, errno 7
worker, type 0, max 50, flags 2: received, type 5, 50 bytes, md5 f20571848bae80267ef1bfc440054aaf, errno 0
worker, type 0, max 1048576, flags 1: received, type 7, 45000 bytes, md5 2ebbe6c1c3092178ad655a9ad7c34a1d, errno 0
msgmax 200000, blocked receiver: whole
msgmax 200000, this request: whole
msgmax 8192, blocked receiver: whole
msgmax 8192, this request: whole
msgmax 100000, blocked receiver: whole
msgmax 100000, this request: whole
msgmax 16384, blocked receiver: whole
msgmax 16384, this request: whole
int(0)

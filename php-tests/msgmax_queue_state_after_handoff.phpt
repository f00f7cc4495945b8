--TEST--
msg_send(): with kernel.msgmax raised, a message handed to a blocked receiver never sits in the queue (msg_qnum, room for a non-blocking sender)
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(1 << 20, 4 << 20);
$q = msg_get_queue(1);
$results = msg_get_queue(2);
$control = msg_get_queue(3);
var_dump(msg_set_queue($q, ['msg_qbytes' => 40000]));
for ($round = 0; $round < 5; $round++) {
    // A third process looks at the queue once the producer's msgsnd has returned.
    $observer = pcntl_fork();
    if ($observer === 0) {
        msg_receive($control, 1, $t, 16, $go);
        $stat = msg_stat_queue($q);
        msg_send($results, 9, "qnum {$stat['msg_qnum']}, qbytes {$stat['msg_qbytes']}");
        exit(0);
    }
    wait_until_blocked_in($observer, 'msgrcv');
    $consumer = spawn_receiver($q, $results, 1, 0, 1 << 20);
    $sent = msg_send($q, 1, str_repeat('j', 40000), false);
    msg_send($control, 1, 'go');
    msg_receive($results, 9, $t, 1024, $seen);
    // The queue is empty, so a non-blocking sender finds room for a message of msg_qbytes bytes.
    $err = null;
    $second = msg_send($q, 2, str_repeat('k', 40000), false, false, $err);
    $report = receiver_report($results, 1);
    $drained = msg_receive($q, 2, $t, 1 << 20, $m, false, MSG_IPC_NOWAIT) ? strlen($m) : 'nothing';
    printf("round %d: sent %s; observer: %s; non-blocking send %s (errno %s); %s; then queued: %s\n",
        $round, var_export($sent, true), $seen, var_export($second, true), var_export($err, true),
        preg_replace('/, md5 \w+/', '', $report), $drained);
    wait_child($observer);
    wait_child($consumer);
}
msg_remove_queue($q);
msg_remove_queue($results);
msg_remove_queue($control);
?>
--EXPECT--
bool(true)
round 0: sent true; observer: qnum 0, qbytes 40000; non-blocking send true (errno NULL); receiver 1: received, type 1, 40000 bytes, errno 0; then queued: 40000
round 1: sent true; observer: qnum 0, qbytes 40000; non-blocking send true (errno NULL); receiver 1: received, type 1, 40000 bytes, errno 0; then queued: 40000
round 2: sent true; observer: qnum 0, qbytes 40000; non-blocking send true (errno NULL); receiver 1: received, type 1, 40000 bytes, errno 0; then queued: 40000
round 3: sent true; observer: qnum 0, qbytes 40000; non-blocking send true (errno NULL); receiver 1: received, type 1, 40000 bytes, errno 0; then queued: 40000
round 4: sent true; observer: qnum 0, qbytes 40000; non-blocking send true (errno NULL); receiver 1: received, type 1, 40000 bytes, errno 0; then queued: 40000

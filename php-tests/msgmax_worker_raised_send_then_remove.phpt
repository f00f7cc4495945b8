--TEST--
msg_receive(): a worker that received before kernel.msgmax was raised gets a larger last message even when the queue is removed right after the send
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// The producer sends its last job and removes the queue. The kernel copies the message into the blocked worker
// before msgsnd returns, so the removal cannot take it away, provided the worker's msgrcv has room for it: with the
// msgmax of now, not of the worker's first job.
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(8192, 1 << 20);
$results = msg_get_queue(2);
$lost = 0;
foreach ([[8192, 70000, 20000], [8192, 70000, 70000], [16384, 300000, 250000]] as [$before, $after, $size]) {
    foreach ([false, true] as $serialize) {
        for ($round = 0; $round < 3; $round++) {
            set_msgmax($before);
            $q = msg_get_queue(1);
            msg_send($q, 1, 'first job', false);
            $worker = spawn_worker($q, $results, 1, 1 << 20);
            set_msgmax($after);
            worker_go($worker);
            $job = msgmax_payload($serialize ? $size - 16 : $size, $round);
            msg_send($q, 3, $job, $serialize);
            msg_remove_queue($q);
            $report = receiver_report($results, 1);
            $want = $serialize
                ? sprintf('receiver 1: received, type 3, %d bytes, md5 %s, errno 0', strlen(serialize($job)), md5(serialize($job)))
                : sprintf('receiver 1: received, type 3, %d bytes, md5 %s, errno 0', $size, md5($job));
            if ($report !== $want) {
                $lost++;
                printf("%s, msgmax %d then %d, %d bytes, round %d: %s\n", $serialize ? 'serialized' : 'raw',
                    $before, $after, $size, $round, $report);
            }
            wait_child($worker[0]);
        }
    }
}
echo "lost: $lost\n";
msg_remove_queue($results);
?>
--EXPECT--
lost: 0

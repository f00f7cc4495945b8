--TEST--
msg_receive(): with kernel.msgmax raised, a blocked receiver gets the last message even when the queue is removed right after the send
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// Producer: send the final job, then clean up. The kernel copies the message into the blocked receiver before msgsnd
// returns, so the removal cannot take it away, provided the receiver's msgrcv has room for it.
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(1 << 20, 4 << 20);
$results = msg_get_queue(2);
$lost = 0;
foreach ([9000, 40000, 300000, 1 << 20] as $size) {
    foreach ([false, true] as $serialize) {
        if ($serialize && $size === 1 << 20) {
            continue; // the serialized form would exceed msgmax
        }
        for ($round = 0; $round < 4; $round++) {
            $q = msg_get_queue(1);
            $pid = spawn_receiver($q, $results, 1, 0, 1 << 20, 0, $serialize);
            $payload = msgmax_payload($size, $round);
            msg_send($q, 3, $payload, $serialize);
            msg_remove_queue($q);
            $report = receiver_report($results, 1);
            $want = sprintf('receiver 1: received, type 3, %d bytes, md5 %s, errno 0', $size, md5($payload));
            if ($report !== $want) {
                $lost++;
                echo ($serialize ? 'serialized' : 'raw'), " $size bytes, round $round: $report\n";
            }
            wait_child($pid);
        }
    }
}
echo "lost: $lost\n";
msg_remove_queue($results);
?>
--EXPECT--
lost: 0

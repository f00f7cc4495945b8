<?php
// The basic life cycle: create a queue with permissions 0666, look at its state, send a message, receive it without
// blocking (MSG_IPC_NOWAIT), print it and remove the queue.
// Run: php examples/02-create-stat-send-receive-remove.php

$msg_key = ftok(__FILE__, 'a');
if (msg_queue_exists($msg_key)) {
    fprintf(STDERR, "a queue with key 0x%08x already exists; remove it first (ipcrm -Q 0x%08x)\n", $msg_key, $msg_key);
    exit(1);
}
$msg_queue = msg_get_queue($msg_key, 0666);
printf("created queue 0x%08x with permissions 0666\n", $msg_key);

$status = msg_stat_queue($msg_queue);
echo "msg_stat_queue() of the new queue:\n";
foreach ($status as $field => $value) {
    printf("  %-14s %s\n", $field, $field === 'msg_perm.mode' ? sprintf('0%o', $value) : $value);
}

$text = 'sui sui sui lucky !';
msg_send($msg_queue, 1, $text) or exit(1);
echo "sent: $text\n";
printf("messages on the queue now: %d\n", msg_stat_queue($msg_queue)['msg_qnum']);

// Type 0: the first message whatever its type; MSG_IPC_NOWAIT: fail with MSG_ENOMSG instead of waiting if empty.
if (!msg_receive($msg_queue, 0, $message_type, 1024, $message, true, MSG_IPC_NOWAIT, $error)) {
    echo "receive failed, error $error\n";
    msg_remove_queue($msg_queue);
    exit(1);
}
echo "received (type $message_type): $message" . PHP_EOL;

// Once more on the now empty queue: no waiting, the error code says why.
$again = msg_receive($msg_queue, 0, $message_type, 1024, $nothing, true, MSG_IPC_NOWAIT, $error);
printf("receiving again: %s, error code %d (MSG_ENOMSG = %d)\n", $again ? 'got a message?!' : 'nothing', $error,
    MSG_ENOMSG);

$removed = msg_remove_queue($msg_queue);
echo $removed ? "queue removed\n" : "could not remove the queue\n";
$ok = $removed && $message === $text && !$again && $error === MSG_ENOMSG;
echo $ok ? "ok\n" : "unexpected result\n";
exit($ok ? 0 : 1);

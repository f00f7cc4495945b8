<?php
// A parent and a forked child talk through a queue: the child reports in, the parent reads the report, reaps the child
// and removes the queue. The parent's receive blocks, so it cannot run before the child has sent (no race).
// Run: php examples/03-parent-child.php
// Needs: pcntl

$msg_key = ftok(__FILE__, 'a');
if (msg_queue_exists($msg_key)) {
    fprintf(STDERR, "a queue with key 0x%08x already exists; remove it first (ipcrm -Q 0x%08x)\n", $msg_key, $msg_key);
    exit(1);
}
$msg_queue = msg_get_queue($msg_key, 0666);

$pid = pcntl_fork();
if ($pid === -1) {
    msg_remove_queue($msg_queue);
    exit(1);
}
if ($pid === 0) {
    msg_send($msg_queue, 1, "father i am " . getmypid() . " and i am working!\n");
    exit(0);
}

echo "parent " . getmypid() . " forked child $pid, waiting for its message\n";
// Bounded: if the child never sends, SIGALRM ends the wait instead of blocking forever.
pcntl_async_signals(true);
pcntl_signal(SIGALRM, function () {});
pcntl_alarm(10);
$ok = msg_receive($msg_queue, 0, $message_type, 1024, $message, true, 0, $error);
pcntl_alarm(0);
echo $ok ? "message from the child (type $message_type): $message" : "no message (error $error)\n";

pcntl_waitpid($pid, $status);
$code = pcntl_wifexited($status) ? pcntl_wexitstatus($status) : -1;
echo "child $pid exited with status $code\n";

msg_remove_queue($msg_queue);
echo "queue removed\n";
$ok = $ok && $code === 0 && $message === "father i am $pid and i am working!\n";
echo $ok ? "ok\n" : "unexpected result\n";
exit($ok ? 0 : 1);

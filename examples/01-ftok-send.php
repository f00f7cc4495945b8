<?php
// Send 'hello' to a queue named by ftok() and look at what the kernel stores: one message of 12 bytes, because
// msg_send() serializes by default and serialize('hello') is the 12-byte string s:5:"hello"; (like `ipcs -q` shows).
// Run: php examples/01-ftok-send.php

$key = ftok(__FILE__, 'a');
if ($key === -1) {
    fwrite(STDERR, "ftok failed\n");
    exit(1);
}
if (msg_queue_exists($key)) {
    // Queues are system-wide: never reuse (or remove) one this program did not create.
    fprintf(STDERR, "a queue with key 0x%08x already exists; remove it first (ipcrm -Q 0x%08x)\n", $key, $key);
    exit(1);
}

$queue = msg_get_queue($key);
printf("created queue with key 0x%08x (ftok of this file, project id 'a')\n", $key);

msg_send($queue, 2, 'hello') or exit(1);
echo "sent 'hello' with message type 2\n";

$stat = msg_stat_queue($queue);
printf("msg_stat_queue: msg_qnum = %d message(s)\n", $stat['msg_qnum']);

// msg_stat_queue() has no "bytes in use" field; /proc/sysvipc/msg has it (cbytes), as ipcs prints it.
$cbytes = null;
foreach (@file('/proc/sysvipc/msg') ?: [] as $line) {
    $f = preg_split('/\s+/', trim($line));
    if (isset($f[3]) && is_numeric($f[0]) && (int) $f[0] === $key) {
        $cbytes = (int) $f[3];
    }
}
if ($cbytes !== null) {
    printf("/proc/sysvipc/msg: %d bytes used on the queue\n", $cbytes);
}

// The same 12 bytes, seen by receiving the message without unserializing it.
msg_receive($queue, 0, $type, 1024, $raw, false, MSG_IPC_NOWAIT) or exit(1);
printf("raw message (type %d): %s = %d bytes, while 'hello' itself is %d bytes\n", $type, $raw, strlen($raw),
    strlen('hello'));
printf("serialize('hello') === the raw message: %s\n", serialize('hello') === $raw ? 'yes' : 'no');

$ok = $stat['msg_qnum'] === 1 && strlen($raw) === 12 && ($cbytes === null || $cbytes === 12);
msg_remove_queue($queue);
echo "queue removed\n";
echo $ok ? "ok\n" : "unexpected result\n";
exit($ok ? 0 : 1);

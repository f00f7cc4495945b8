<?php
// The send / receive / remove flow of a System V queue, and where the kernel shows it: /proc/sysvipc/msg lists every
// queue (key, msqid, perms, cbytes, qnum, lspid, lrpid, ...), as `ipcs -q` does.
// Run: php examples/04-system-queue.php

function show_proc_row(int $key): void
{
    $lines = @file('/proc/sysvipc/msg', FILE_IGNORE_NEW_LINES) ?: [];
    foreach ($lines as $i => $line) {
        $f = preg_split('/\s+/', trim($line));
        if ($i > 0 && is_numeric($f[0]) && (int) $f[0] === $key) {
            printf("  /proc/sysvipc/msg: key %s msqid %s perms %s cbytes %s qnum %s lspid %s lrpid %s\n",
                $f[0], $f[1], $f[2], $f[3], $f[4], $f[5], $f[6]);
            return;
        }
    }
    echo "  /proc/sysvipc/msg: no row for this key\n";
}

$key = ftok(__FILE__, 'x');
if (msg_queue_exists($key)) {
    fprintf(STDERR, "a queue with key 0x%08x already exists; remove it first (ipcrm -Q 0x%08x)\n", $key, $key);
    exit(1);
}
// Create the queue; the result is a SysvMessageQueue object (a resource before PHP 8).
$msg_id = msg_get_queue($key);
fprintf(STDOUT, "queue key = %d (0x%08x), %s\n", $key, $key, get_debug_type($msg_id));
show_proc_row($key);

// Send a message.
$sent = "hello-" . time();
msg_send($msg_id, 1, $sent) or exit(1);
echo "sent: $sent\n";
show_proc_row($key);

// Take it off again (type 1; it is there, so this does not block).
msg_receive($msg_id, 1, $msg_type, 1024, $msg, true, MSG_IPC_NOWAIT) or exit(1);
echo "received (type $msg_type): $msg\n";
show_proc_row($key);

// Remove the queue.
msg_remove_queue($msg_id);
echo "queue removed; exists now: ", msg_queue_exists($key) ? 'yes' : 'no', "\n";
show_proc_row($key);

$ok = $msg === $sent && !msg_queue_exists($key);
echo $ok ? "ok\n" : "unexpected result\n";
exit($ok ? 0 : 1);

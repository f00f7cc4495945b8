<?php
// A walk through a queue's attributes with msg_stat_queue() and msg_set_queue(): the state of a new queue, after a
// send, after a receive, and after changing owner and capacity. Only root may raise msg_qbytes above the system
// default (MSGMNB, with CAP_SYS_RESOURCE); the owner may give the queue away and lower its capacity.
// Run: php examples/06-stat-set.php

function show(SysvMessageQueue $q, string $when): array
{
    $s = msg_stat_queue($q);
    $t = fn (int $ts) => $ts === 0 ? 'never' : date('Y-m-d H:i:s', $ts);
    echo "-- $when\n";
    printf("   number of messages in queue   %d\n", $s['msg_qnum']);
    printf("   max number of bytes on queue  %d\n", $s['msg_qbytes']);
    printf("   pid of last msgsnd            %d\n", $s['msg_lspid']);
    printf("   pid of last msgrcv            %d\n", $s['msg_lrpid']);
    printf("   last msgsnd time              %s\n", $t($s['msg_stime']));
    printf("   last msgrcv time              %s\n", $t($s['msg_rtime']));
    printf("   last change time              %s\n", $t($s['msg_ctime']));
    printf("   uid %d, gid %d, mode 0%o\n", $s['msg_perm.uid'], $s['msg_perm.gid'], $s['msg_perm.mode']);
    return $s;
}

$key = ftok(__FILE__, 'a');
if (msg_queue_exists($key)) {
    fprintf(STDERR, "a queue with key 0x%08x already exists; remove it first (ipcrm -Q 0x%08x)\n", $key, $key);
    exit(1);
}
$q = msg_get_queue($key, 0666);
$ok = true;

$new = show($q, 'new queue');
$ok = $ok && $new['msg_qnum'] === 0 && $new['msg_lspid'] === 0 && $new['msg_stime'] === 0;

// Non-blocking send of a one-byte message, as the original C program does with IPC_NOWAIT.
$ok = msg_send($q, 10, 'a', false, false) && $ok;
$sent = show($q, 'after sending one 1-byte message of type 10');
$ok = $ok && $sent['msg_qnum'] === 1 && $sent['msg_lspid'] === getmypid();

// Receive with a 4-byte buffer; MSG_NOERROR would truncate a longer message instead of failing.
if (msg_receive($q, 10, $type, 4, $msg, false, MSG_IPC_NOWAIT | MSG_NOERROR)) {
    printf("read from msg queue %d bytes\n", strlen($msg));
} else {
    echo "read msg error\n";
    $ok = false;
}
$read = show($q, 'after receiving it');
$ok = $ok && $read['msg_qnum'] === 0 && $read['msg_lrpid'] === getmypid();

// As in the original C program: give the queue to uid/gid 8 and raise its capacity a little above the default.
$want = ['msg_perm.uid' => 8, 'msg_perm.gid' => 8, 'msg_qbytes' => $read['msg_qbytes'] + 4];
$set = msg_set_queue($q, $want);
echo 'msg_set_queue(uid 8, gid 8, qbytes ', $want['msg_qbytes'], '): ', $set ? 'done' : 'refused', "\n";
if (!$set) {
    // Raising msg_qbytes above MSGMNB needs CAP_SYS_RESOURCE, which root in a container often lacks; lowering it and
    // changing the owner only need to be the queue's owner or creator.
    $caps = preg_match('/^CapEff:\s*([0-9a-f]+)/mi', (string) @file_get_contents('/proc/self/status'), $m)
        ? hexdec($m[1]) : 0;
    printf("(raising msg_qbytes above the system default needs CAP_SYS_RESOURCE, which this process %s)\n",
        ($caps >> 24) & 1 ? 'has' : 'lacks');
    $want['msg_qbytes'] = $read['msg_qbytes'] - 4;
    $set = msg_set_queue($q, $want);
    echo 'msg_set_queue(uid 8, gid 8, qbytes ', $want['msg_qbytes'], '): ', $set ? 'done' : 'refused', "\n";
}
$after = show($q, 'after msg_set_queue');
$ok = $ok && $set && $after['msg_perm.uid'] === 8 && $after['msg_perm.gid'] === 8
    && $after['msg_qbytes'] === $want['msg_qbytes'];

// Root (or the creator) may remove it even after giving it away.
$removed = msg_remove_queue($q);
echo $removed ? "queue removed\n" : "unlink msg queue error\n";
$ok = $ok && $removed;
echo $ok ? "ok\n" : "unexpected result\n";
exit($ok ? 0 : 1);

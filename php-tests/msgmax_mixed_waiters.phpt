--TEST--
msg_receive(): with kernel.msgmax raised, blocked receivers with mixed buffer sizes, type selectors and flags get what the kernel hands them
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// The kernel walks the blocked receivers in the order they blocked: the first whose selector matches takes the
// message if its buffer fits it (or it asked for MSG_NOERROR), and one whose buffer is too small wakes with E2BIG.
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(1 << 20, 4 << 20);
$q = msg_get_queue(1);
$results = msg_get_queue(2);
$pids = [
    spawn_receiver($q, $results, 1, 2, 100),
    spawn_receiver($q, $results, 2, 0, 1 << 20),
    spawn_receiver($q, $results, 3, -5, 50000),
    spawn_receiver($q, $results, 4, 3, 1 << 20, MSG_EXCEPT),
    spawn_receiver($q, $results, 5, 1, 10, MSG_NOERROR),
];
msg_send($q, 2, str_repeat('a', 30000), false);   // 1: E2BIG; 2 takes it
msg_send($q, 1, str_repeat('b', 40000), false);   // 3 takes it
msg_send($q, 3, str_repeat('c', 60000), false);   // nobody waits for type 3: queued
msg_send($q, 1, str_repeat('d', 70000), false);   // 4 (anything but 3) takes it
msg_send($q, 1, str_repeat('e', 20), false);      // 5 takes it, cut to 10 bytes
for ($tag = 1; $tag <= 5; $tag++) {
    echo receiver_report($results, $tag), "\n";
}
foreach ($pids as $pid) {
    wait_child($pid);
}
$stat = msg_stat_queue($q);
echo "queued: {$stat['msg_qnum']}\n";
var_dump(msg_receive($q, 0, $t, 1 << 20, $m, false), $t, strlen($m));
msg_remove_queue($q);
msg_remove_queue($results);
?>
--EXPECT--
receiver 1: failed, type 0, false, errno 7
receiver 2: received, type 2, 30000 bytes, md5 d319ed7d0af7c5ccfa34859e8426873c, errno 0
receiver 3: received, type 1, 40000 bytes, md5 4c83434389b2f9824904ba55fcce8473, errno 0
receiver 4: received, type 1, 70000 bytes, md5 df4eea01b3695dc7c802e1249a37559f, errno 0
receiver 5: received, type 1, 10 bytes, md5 c5ba867d9056b7cecf87f8ce88af90f8, errno 0
queued: 1
bool(true)
int(3)
int(60000)

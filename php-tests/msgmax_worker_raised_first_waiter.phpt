--TEST--
msg_receive(): a worker that received before kernel.msgmax was raised still takes a larger message first when it waited first
--SKIPIF--
<?php
require __DIR__ . '/_msgmax.inc';
msgmax_skip_unless_possible();
?>
--FILE--
<?php
// A worker is one request that lasts as long as the process. It received its first job at the msgmax of that time;
// then an administrator raised kernel.msgmax without restarting it. The kernel hands a new message to the first
// blocked receiver whose buffer fits it (or that asked for MSG_NOERROR), so the worker, which waited first, must
// wait with room for any message the new msgmax allows.
require __DIR__ . '/_msgmax.inc';
enter_namespace_with_msgmax(8192, 1 << 20);
$q = msg_get_queue(1);
$results = msg_get_queue(2);
// Round by round: the msgmax of the first job, the raised one, the size of the next job.
foreach ([[8192, 70000, 20000], [8192, 70000, 70000], [16384, 30000, 25000], [30000, 200000, 150000]] as $round => [$before, $after, $size]) {
    set_msgmax($before);
    msg_send($q, 1, str_repeat('f', $before), false);
    $worker = spawn_worker($q, $results, 1, 1 << 20);
    set_msgmax($after);
    worker_go($worker);
    $late = spawn_receiver($q, $results, 2, 0, 100, MSG_NOERROR);
    $job = msgmax_payload($size, $round);
    msg_send($q, 1, $job, false);
    msg_send($q, 1, 'y', false);
    echo "round $round: msgmax $before, then $after; a job of $size bytes, md5 ", md5($job), "\n";
    echo '  ', receiver_report($results, 1), "\n  ", receiver_report($results, 2), "\n";
    wait_child($worker[0]);
    wait_child($late);
}
msg_remove_queue($q);
msg_remove_queue($results);
?>
--EXPECT--
round 0: msgmax 8192, then 70000; a job of 20000 bytes, md5 084c946c1daec9abe4437f2afa87b94b
  receiver 1: received, type 1, 20000 bytes, md5 084c946c1daec9abe4437f2afa87b94b, errno 0
  receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
round 1: msgmax 8192, then 70000; a job of 70000 bytes, md5 dacd4974273182e5e4f53472f740abbd
  receiver 1: received, type 1, 70000 bytes, md5 dacd4974273182e5e4f53472f740abbd, errno 0
  receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
round 2: msgmax 16384, then 30000; a job of 25000 bytes, md5 789602632d114ba6b4c2c6af214f00e8
  receiver 1: received, type 1, 25000 bytes, md5 789602632d114ba6b4c2c6af214f00e8, errno 0
  receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
round 3: msgmax 30000, then 200000; a job of 150000 bytes, md5 07117f85c353586bcc046c2841d603a8
  receiver 1: received, type 1, 150000 bytes, md5 07117f85c353586bcc046c2841d603a8, errno 0
  receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0

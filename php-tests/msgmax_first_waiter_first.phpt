--TEST--
msg_receive(): with kernel.msgmax raised, the first blocked receiver that has room gets the message, whatever its buffer held before
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
for ($round = 0; $round < 5; $round++) {
    // A blocks first, fresh; B blocks second, after a large receive of its own.
    $a = spawn_receiver($q, $results, 1, 1, 1 << 20);
    msg_send($q, 9, str_repeat('w', 30000), false);
    $b = spawn_receiver($q, $results, 2, 1, 1 << 20, 0, false, 9);
    msg_send($q, 1, str_repeat('x', 20000), false);
    msg_send($q, 1, 'y', false);
    echo receiver_report($results, 1), "\n", receiver_report($results, 2), "\n";
    wait_child($a);
    wait_child($b);
}
msg_remove_queue($q);
msg_remove_queue($results);
?>
--EXPECT--
receiver 1: received, type 1, 20000 bytes, md5 e5d2c6fe7777b38038eb8315e1f5c734, errno 0
receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
receiver 1: received, type 1, 20000 bytes, md5 e5d2c6fe7777b38038eb8315e1f5c734, errno 0
receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
receiver 1: received, type 1, 20000 bytes, md5 e5d2c6fe7777b38038eb8315e1f5c734, errno 0
receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
receiver 1: received, type 1, 20000 bytes, md5 e5d2c6fe7777b38038eb8315e1f5c734, errno 0
receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0
receiver 1: received, type 1, 20000 bytes, md5 e5d2c6fe7777b38038eb8315e1f5c734, errno 0
receiver 2: received, type 1, 1 bytes, md5 415290769594460e2e485922904f345d, errno 0

<?php
// P producers x M consumers on one queue: every message arrives exactly once, intact (crc32), in per-producer order
// within each type as seen by each consumer, and the queue is empty at the end.
//
// Parameters (env): STRESS_SCALE=large for the big run, or individually PC_PRODUCERS, PC_CONSUMERS, PC_MESSAGES
// (per producer), PC_TYPES, PC_MAXLEN (payload bytes, capped below the kernel's msgmax), PC_QBYTES (queue size),
// STRESS_SEED. Small: 3x3, 20000 messages each. Large: 8x6, 200000 messages each.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();

$P = param('PC_PRODUCERS', 3, 8);
$M = param('PC_CONSUMERS', 3, 6);
$N = param('PC_MESSAGES', 20000, 200000);
$T = param('PC_TYPES', 5, 9);
$seed = param('STRESS_SEED', 12345, 12345);
// Room for the serialize() envelope around the payload.
$maxLen = min(param('PC_MAXLEN', 8000, 8000), msgmax() - 160);
$qbytes = param('PC_QBYTES', 65536, 65536);
$timeout = param('PC_TIMEOUT', 60, 900);
$STOP = $T + 1;

out(sprintf('producers_consumers: %d producers x %d consumers, %d messages each, %d types, payload 1..%d bytes, ' .
    'qbytes %d, seed %d, extension %s', $P, $M, $N, $T, $maxLen, $qbytes, $seed, ext_kind()));

[$key, $q] = fresh_queue();
// Root may raise msg_qbytes above msgmnb; a larger queue keeps several 8000-byte messages in flight.
if (!msg_set_queue($q, ['msg_qbytes' => $qbytes])) {
    out("note: msg_set_queue(msg_qbytes=$qbytes) refused (no CAP_SYS_RESOURCE?); using the default size");
}
$dir = tmpdir('pc');
$t0 = microtime(true);

$consumers = [];
for ($c = 0; $c < $M; $c++) {
    $consumers[] = spawn(function () use ($key, $c, $dir, $T, $STOP, $seed, $maxLen): int {
        mt_srand($seed * 1000 + 500 + $c);
        return consume_until_stop($key, "$dir/consumer-$c", $T, $STOP, $maxLen + 200);
    }, $timeout);
}

$producers = [];
for ($p = 0; $p < $P; $p++) {
    $producers[] = spawn(function () use ($key, $p, $N, $T, $seed, $maxLen, $dir): int {
        mt_srand($seed * 1000 + $p);
        $q = msg_get_queue($key);
        $ts = array_fill(1, $T, 0);
        $fh = fopen("$dir/producer-$p", 'w');
        for ($s = 0; $s < $N; $s++) {
            $t = mt_rand(1, $T);
            // Mostly small payloads, some near the maximum, so both many-small and few-large cases occur.
            $len = mt_rand(0, 3) === 0 ? mt_rand(max(1, $maxLen - 500), $maxLen) : mt_rand(1, min(600, $maxLen));
            $data = random_bytes($len);
            $m = ['p' => $p, 's' => $s, 't' => $t, 'ts' => $ts[$t]++, 'n' => $len, 'd' => $data, 'c' => crc32($data)];
            $err = null;
            $ok = mt_rand(0, 1) === 1
                ? msg_send($q, $t, $m, true, true, $err)
                : msg_send($q, $t, serialize($m), false, true, $err);
            if (!$ok) {
                fwrite($fh, "E send $s failed: $err\n");
                return 2;
            }
        }
        fwrite($fh, "DONE $N\n");
        fclose($fh);
        return 0;
    }, $timeout);
}

$failures = [];
$deadline = $t0 + $timeout + 5;
foreach (reap($producers, $deadline) as $pid => $st) {
    if ($st !== 'ok') {
        $failures[] = "producer $pid: $st";
    }
}
$tProduced = microtime(true);
for ($c = 0; $c < $M; $c++) {
    if (!msg_send($q, $STOP, 'stop', true, true, $err)) {
        $failures[] = "sending stop failed: $err";
    }
}
foreach (reap($consumers, $deadline) as $pid => $st) {
    if ($st !== 'ok') {
        $failures[] = "consumer $pid: $st";
    }
}
$elapsed = microtime(true) - $t0;

$d = tally_deliveries($dir, $P, $M, $N, $failures);
$st = msg_stat_queue($q);
$left = $st === false ? -1 : $st['msg_qnum'];
msg_remove_queue($q);
rmtree($dir);

$expected = $P * $N;
out(sprintf('received %d of %d, missing %d, duplicates %d, corrupt %d, order violations %d, left in queue %d',
    $d['total'], $expected, $d['missing'], $d['dups'], $d['bad'], $d['order'], $left));
out(sprintf('%.2f s, %.0f messages/s', $elapsed, $expected / max($elapsed, 1e-6)));
if ($d['missing'] || $d['dups'] || $d['bad'] || $d['order'] || $left !== 0 || $d['total'] !== $expected) {
    $failures[] = 'message accounting failed';
}
if ($failures) {
    foreach (array_slice($failures, 0, 20) as $f) {
        out("  $f");
    }
    fail_exit('producers_consumers: ' . count($failures) . ' problem(s)');
}
out('PASS: producers_consumers');

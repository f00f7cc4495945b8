<?php
// Long-running workers while an administrator keeps changing the kernel's limits: producers and consumers run in
// worker loops (each one request for its whole life), and another process sets kernel.msgmax and kernel.msgmnb up
// and down many times. Every message arrives exactly once, whole (crc32), in per-producer order within each type as
// each consumer sees it, and the queue is empty at the end.
//
// It changes the limits of the IPC namespace it runs in: run it in one of its own, as root (50-stress does:
// `unshare --ipc`). Producers send payloads up to the msgmax of the moment (a send refused with EINVAL because
// msgmax was lowered meanwhile is made again, with a new size); consumers receive with max_message_size 2 MiB (more
// than any msgmax set here), blocking or not, with type selectors, MSG_EXCEPT and MSG_NOERROR.
//
// Parameters (env): STRESS_SCALE=large, or MC_PRODUCERS, MC_CONSUMERS, MC_MESSAGES (per producer), MC_TYPES,
// MC_CHURN_MS (the longest pause between two changes), STRESS_SEED.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();

$P = param('MC_PRODUCERS', 3, 6);
$M = param('MC_CONSUMERS', 3, 5);
$N = param('MC_MESSAGES', 10000, 200000);
$T = param('MC_TYPES', 3, 5);
$churnMs = param('MC_CHURN_MS', 5, 5);
$seed = param('STRESS_SEED', 4242, 4242);
$timeout = param('MC_TIMEOUT', 150, 1800);
$MAX = 2 << 20;
$STOP = $T + 1;
// The values the churner sets: the default, ones admins raise msgmax to, and lower ones that leave longer messages
// queued behind.
$MSGMAX_VALUES = [8192, 4096, 16384, 65536, 70000, 200000, 1 << 20];
$MSGMNB_VALUES = [16384, 65536, 1 << 20, 4 << 20];

// A new queue holds msgmnb bytes: 16 MiB gives room for several large messages in flight, whatever msgmnb is set to
// later (the churner's values only apply to queues made after them).
foreach (['msgmax' => 8192, 'msgmnb' => 16 << 20] as $name => $value) {
    if (@file_put_contents("/proc/sys/kernel/$name", (string) $value) === false) {
        fail_exit("msgmax_churn: cannot set kernel.$name (run as root, in an IPC namespace of its own)");
    }
}

out(sprintf('msgmax_churn: %d producers x %d consumers, %d messages each, %d types, msgmax among %s changed every ' .
    '1..%d ms, seed %d, extension %s', $P, $M, $N, $T, implode('/', $MSGMAX_VALUES), $churnMs, $seed, ext_kind()));

[$key, $q] = fresh_queue();
$dir = tmpdir('mc');
$t0 = microtime(true);

$consumers = [];
for ($c = 0; $c < $M; $c++) {
    $consumers[] = spawn(function () use ($key, $c, $dir, $T, $STOP, $seed, $MAX): int {
        mt_srand($seed * 1000 + 500 + $c);
        return consume_until_stop($key, "$dir/consumer-$c", $T, $STOP, $MAX);
    }, $timeout);
}

$producers = [];
for ($p = 0; $p < $P; $p++) {
    $producers[] = spawn(function () use ($key, $p, $N, $T, $seed, $dir): int {
        mt_srand($seed * 1000 + $p);
        $q = msg_get_queue($key);
        $ts = array_fill(1, $T, 0);
        $fh = fopen("$dir/producer-$p", 'w');
        $resent = 0;
        for ($s = 0; $s < $N; $s++) {
            $t = mt_rand(1, $T);
            for ($attempt = 0; ; $attempt++) {
                // Room for the serialize() envelope around the payload; mostly small, often near the msgmax of now.
                $room = max(1, msgmax() - 200);
                $len = mt_rand(0, 1) === 0 ? mt_rand(1, min(600, $room)) : mt_rand(max(1, intdiv($room, 2)), $room);
                $data = random_bytes($len);
                $m = ['p' => $p, 's' => $s, 't' => $t, 'ts' => $ts[$t], 'n' => $len, 'd' => $data, 'c' => crc32($data)];
                $err = null;
                $ok = mt_rand(0, 1) === 1
                    ? @msg_send($q, $t, $m, true, true, $err)
                    : @msg_send($q, $t, serialize($m), false, true, $err);
                if ($ok) {
                    $ts[$t]++;
                    break;
                }
                // EINVAL: msgmax was lowered between reading it and sending; anything else is a failure.
                if ($err !== 22 || $attempt > 1000) {
                    fwrite($fh, "E send $s failed: error $err\n");
                    return 2;
                }
                $resent++;
            }
        }
        fwrite($fh, "DONE $N, sent again after EINVAL: $resent\n");
        fclose($fh);
        return 0;
    }, $timeout);
}

// The administrator: msgmax and msgmnb up and down until the producers are done.
$churner = spawn(function () use ($dir, $seed, $churnMs, $MSGMAX_VALUES, $MSGMNB_VALUES): int {
    mt_srand($seed * 1000 + 999);
    $changes = 0;
    while (!file_exists("$dir/produced")) {
        file_put_contents('/proc/sys/kernel/msgmax', (string) $MSGMAX_VALUES[mt_rand(0, count($MSGMAX_VALUES) - 1)]);
        if (mt_rand(0, 3) === 0) {
            file_put_contents('/proc/sys/kernel/msgmnb', (string) $MSGMNB_VALUES[mt_rand(0, count($MSGMNB_VALUES) - 1)]);
        }
        $changes++;
        usleep(mt_rand(1, $churnMs) * 1000);
    }
    file_put_contents("$dir/churner", "$changes\n");
    return 0;
}, $timeout);

$failures = [];
$deadline = $t0 + $timeout + 5;
foreach (reap($producers, $deadline) as $pid => $st) {
    if ($st !== 'ok') {
        $failures[] = "producer $pid: $st";
    }
}
touch("$dir/produced");
foreach (reap([$churner], $deadline) as $pid => $st) {
    if ($st !== 'ok') {
        $failures[] = "churner $pid: $st";
    }
}
file_put_contents('/proc/sys/kernel/msgmax', '8192');
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

$large = 0;
$d = tally_deliveries($dir, $P, $M, $N, $failures, function (array $fields) use (&$large): void {
    $large += (int) $fields[7] > 8192 ? 1 : 0;
});
$resent = 0;
foreach ($d['notes'] as $line) {
    if (preg_match('/again after EINVAL: (\d+)/', $line, $mm)) {
        $resent += (int) $mm[1];
    }
}
$changes = (int) @file_get_contents("$dir/churner");
$st = msg_stat_queue($q);
$left = $st === false ? -1 : $st['msg_qnum'];
msg_remove_queue($q);
rmtree($dir);

$expected = $P * $N;
out(sprintf('received %d of %d (%d longer than 8 KiB), missing %d, duplicates %d, not whole %d, order violations %d, ' .
    'left in queue %d; %d limit changes, %d sends made again after EINVAL', $d['total'], $expected, $large,
    $d['missing'], $d['dups'], $d['bad'], $d['order'], $left, $changes, $resent));
out(sprintf('%.2f s, %.0f messages/s', $elapsed, $expected / max($elapsed, 1e-6)));
if ($d['missing'] || $d['dups'] || $d['bad'] || $d['order'] || $left !== 0 || $d['total'] !== $expected) {
    $failures[] = 'message accounting failed';
}
if ($changes < 100) {
    $failures[] = "only $changes limit changes happened while the producers ran";
}
if ($failures) {
    foreach (array_slice($failures, 0, 20) as $f) {
        out("  $f");
    }
    fail_exit('msgmax_churn: ' . count($failures) . ' problem(s)');
}
out('PASS: msgmax_churn');

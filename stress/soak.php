<?php
// Soak: many send+receive pairs (all payload kinds, plus the error paths ENOMSG, E2BIG, MSG_NOERROR, stat and set)
// and many msg_get_queue objects created and dropped. Zend heap usage (memory_get_usage) and the process RSS
// (VmRSS) measured after a warm-up must not grow by the end. A third phase receives corrupted messages: the C
// extension leaks there (README deliberate difference 4), which is reported but only fails with ours.
//
// Parameters (env): SOAK_N (pairs; small 200000, large 1000000), SOAK_GET (msg_get_queue calls, default = SOAK_N),
// SOAK_CORRUPT (corrupted messages, default SOAK_N / 10), SOAK_HEAP_SLACK (bytes, default 65536),
// SOAK_RSS_SLACK (KiB, default 1024), STRESS_SCALE=large.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();

$N = param('SOAK_N', 200000, 1000000);
$G = param('SOAK_GET', $N, $N);
$C = param('SOAK_CORRUPT', intdiv($N, 10), intdiv($N, 10));
$heapSlack = param('SOAK_HEAP_SLACK', 65536, 65536);
$rssSlack = param('SOAK_RSS_SLACK', 1024, 1024);
$kind = ext_kind();
out("soak: $N send+receive pairs, $G msg_get_queue calls, $C corrupted messages, extension $kind");

[$key, $q] = fresh_queue();
$problems = [];
$notes = [];

function measure(): array
{
    gc_collect_cycles();
    return [memory_get_usage(), vm_rss_kib()];
}

function judge(string $phase, array $a, array $b, int $heapSlack, int $rssSlack, array &$problems, bool $fatal = true)
{
    $dh = $b[0] - $a[0];
    $dr = $b[1] - $a[1];
    $line = sprintf('%s: heap %+d bytes (%d -> %d), RSS %+d KiB (%d -> %d)', $phase, $dh, $a[0], $b[0], $dr, $a[1],
        $b[1]);
    out("  $line");
    if ($dh > $heapSlack || $dr > $rssSlack) {
        $problems[] = "$phase grows: $line";
        return false;
    }
    return true;
}

// Phase 1: pairs.
$payloads = [
    fn(int $i) => ['i' => $i, 's' => str_repeat('p', $i % 300), 'f' => $i / 3],
    fn(int $i) => str_repeat(chr($i & 255), $i % 2000),
    fn(int $i) => $i,
    fn(int $i) => $i * 0.5,
    fn(int $i) => ($i & 1) === 1,
    fn(int $i) => '',
];
$warm = max(1, intdiv($N, 10));
$base = null;
$t0 = microtime(true);
$tWarm = $t0;
for ($i = 0; $i < $N; $i++) {
    if ($i === $warm) {
        $base = measure();
        $tWarm = microtime(true);
    }
    $k = $i % 6;
    $v = $payloads[$k]($i);
    $ser = $k === 0 || ($i & 8) === 8;
    $err = null;
    if (!msg_send($q, 1 + ($i % 3), $v, $ser, false, $err)) {
        $problems[] = "send $i failed: $err";
        break;
    }
    $rt = 0;
    $m = null;
    if (!msg_receive($q, 0, $rt, 4096, $m, $ser, MSG_IPC_NOWAIT, $err)) {
        $problems[] = "receive $i failed: $err";
        break;
    }
    $want = $ser ? $v : (is_bool($v) ? ($v ? '1' : '0') : (is_float($v) ? sprintf('%F', $v) : (string) $v));
    if ($m !== $want || $rt !== 1 + ($i % 3)) {
        $problems[] = "message $i differs";
        break;
    }
    switch ($i % 50) {
        case 7: // empty queue
            if (msg_receive($q, 0, $rt, 64, $m, true, MSG_IPC_NOWAIT, $err) || $err !== MSG_ENOMSG) {
                $problems[] = "ENOMSG path at $i gave $err";
            }
            break;
        case 17: // too long without and with MSG_NOERROR
            msg_send($q, 5, str_repeat('e', 100), false);
            if (msg_receive($q, 5, $rt, 10, $m, false, MSG_IPC_NOWAIT, $err) || $err !== 7) {
                $problems[] = "E2BIG path at $i gave $err";
            }
            if (!msg_receive($q, 5, $rt, 10, $m, false, MSG_IPC_NOWAIT | MSG_NOERROR, $err) || $m !== 'eeeeeeeeee') {
                $problems[] = "MSG_NOERROR path at $i failed";
            }
            break;
        case 27:
            $st = msg_stat_queue($q);
            if (!is_array($st) || !msg_set_queue($q, ['msg_qbytes' => $st['msg_qbytes'], 'ignored' => 1])) {
                $problems[] = "stat/set at $i failed";
            }
            break;
    }
    if (count($problems) > 10) {
        break;
    }
}
$end = measure();
$dt = microtime(true) - $tWarm;
$rate = ($N - $warm) / max($dt, 1e-6);
out(sprintf('phase 1: %d pairs in %.2f s, %.0f messages/s (send+receive pairs after warm-up)', $N,
    microtime(true) - $t0, $rate));
judge('phase 1 (send+receive)', $base ?? $end, $end, $heapSlack, $rssSlack, $problems);

// Phase 2: queue objects.
$warm = max(1, intdiv($G, 10));
$t0 = microtime(true);
for ($i = 0; $i < $G; $i++) {
    if ($i === $warm) {
        $base = measure();
    }
    $x = msg_get_queue($key);
    if ($x === false) {
        $problems[] = "msg_get_queue failed at $i";
        break;
    }
    if (($i & 15) === 0 && !msg_queue_exists($key)) {
        $problems[] = "msg_queue_exists false at $i";
        break;
    }
    unset($x);
}
$end = measure();
out(sprintf('phase 2: %d msg_get_queue calls in %.2f s, %.0f/s', $G, microtime(true) - $t0,
    $G / max(microtime(true) - $t0, 1e-6)));
judge('phase 2 (msg_get_queue)', $base, $end, $heapSlack, $rssSlack, $problems);

// Phase 3: corrupted messages.
if ($C > 0) {
    $warm = max(1, intdiv($C, 10));
    $p3 = [];
    for ($i = 0; $i < $C; $i++) {
        if ($i === $warm) {
            $base = measure();
        }
        // A valid array prefix cut short: the unserializer has built part of the value when it fails.
        msg_send($q, 1, 'a:3:{i:0;s:5:"hello";i:1;a:1:{i:0;d:1.5;}i:2;s:10:"abc', false);
        if (@msg_receive($q, 0, $rt, 4096, $m, true, MSG_IPC_NOWAIT, $err) || $m !== false || $err !== 0) {
            $p3[] = "corrupted message $i not reported as corrupted";
            break;
        }
    }
    $end = measure();
    $ok = judge('phase 3 (corrupted messages)', $base, $end, $heapSlack, $rssSlack, $p3);
    if (!$ok && $kind === 'c') {
        $notes[] = sprintf('phase 3 leaks about %d bytes per corrupted message with the C extension (expected: ' .
            'README deliberate difference 4)', intdiv($end[0] - $base[0], max(1, $C - $warm)));
    } else {
        array_push($problems, ...$p3);
    }
}
$st = msg_stat_queue($q);
msg_remove_queue($q);
if ($st['msg_qnum'] !== 0) {
    $problems[] = "{$st['msg_qnum']} messages left in the queue";
}
foreach ($notes as $n) {
    out("note: $n");
}
out(sprintf('peak memory %d bytes', memory_get_peak_usage()));
if ($problems) {
    foreach (array_slice($problems, 0, 20) as $p) {
        out("  $p");
    }
    fail_exit('soak: ' . count($problems) . ' problem(s)');
}
out('PASS: soak');

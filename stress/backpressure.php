<?php
// Backpressure: a tiny msg_qbytes, several blocking senders and one slow consumer. Blocking sends must wait (never
// EAGAIN, never fail), and every message arrives exactly once and intact.
//
// Parameters (env): STRESS_SCALE=large, BP_SENDERS, BP_MESSAGES (per sender), BP_QBYTES, BP_DELAY_US (consumer
// pause per message), STRESS_SEED. Small: 4 senders x 300 messages, qbytes 2048. Large: 8 x 5000.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();

$S = param('BP_SENDERS', 4, 8);
$N = param('BP_MESSAGES', 300, 5000);
$qbytes = param('BP_QBYTES', 2048, 2048);
$delay = param('BP_DELAY_US', 200, 100);
$seed = param('STRESS_SEED', 12345, 12345);
$timeout = param('BP_TIMEOUT', 60, 900);

out(sprintf('backpressure: %d senders x %d messages, msg_qbytes %d, consumer delay %d us, extension %s',
    $S, $N, $qbytes, $delay, ext_kind()));

[$key, $q] = fresh_queue();
if (!msg_set_queue($q, ['msg_qbytes' => $qbytes])) {
    fail_exit("msg_set_queue(msg_qbytes=$qbytes) failed");
}
$st = msg_stat_queue($q);
if ($st['msg_qbytes'] !== $qbytes) {
    fail_exit("msg_qbytes is {$st['msg_qbytes']}, expected $qbytes");
}
$dir = tmpdir('bp');
$t0 = microtime(true);

$senders = [];
for ($i = 0; $i < $S; $i++) {
    $senders[] = spawn(function () use ($key, $i, $N, $qbytes, $seed, $dir): int {
        mt_srand($seed + $i);
        $q = msg_get_queue($key);
        $log = '';
        for ($s = 0; $s < $N; $s++) {
            // Payloads up to half the queue: a few at a time fill it, so senders block constantly.
            $data = random_bytes(mt_rand(1, intdiv($qbytes, 2) - 40));
            $body = pack('NNN', $i, $s, crc32($data)) . $data;
            $err = null;
            $ok = mt_rand(0, 1) === 1
                ? msg_send($q, 1 + $i, $body, false, true, $err)
                : msg_send($q, 1 + $i, ['b' => $body], true, true, $err);
            if (!$ok) {
                $log .= "E send $s: error $err\n";
                break;
            }
            if ($err !== null) {
                $log .= "E send $s: error code set to $err on success\n";
            }
        }
        file_put_contents("$dir/sender-$i", $log);
        return $log === '' ? 0 : 1;
    }, $timeout);
}

// The consumer is the parent: slow, and it checks as it goes.
$seen = [];
$problems = [];
$blockedSeen = 0;
$expected = $S * $N;
$deadline = $t0 + $timeout;
while (count($seen) < $expected && microtime(true) < $deadline) {
    $st = msg_stat_queue($q);
    // A queue holding qbytes-worth of data means senders are being held back right now.
    if ($st !== false && $st['msg_qnum'] >= 2) {
        $blockedSeen++;
    }
    $rt = 0;
    $m = null;
    $err = null;
    if (!msg_receive($q, 0, $rt, $qbytes, $m, false, MSG_IPC_NOWAIT, $err)) {
        if ($err !== MSG_ENOMSG) {
            $problems[] = "receive error $err";
            break;
        }
        usleep(1000);
        continue;
    }
    if (str_starts_with($m, 'a:1:')) {
        $m = unserialize($m)['b'] ?? '';
    }
    $h = unpack('Ni/Ns/Nc', $m);
    $data = substr($m, 12);
    $k = "{$h['i']}/{$h['s']}";
    if (isset($seen[$k])) {
        $problems[] = "duplicate $k";
    }
    $seen[$k] = true;
    if ((crc32($data) & 0xffffffff) !== $h['c'] || $rt !== $h['i'] + 1) {
        $problems[] = "corrupt $k";
    }
    if ($delay > 0) {
        usleep($delay);
    }
}
foreach (reap($senders, microtime(true) + 10) as $pid => $r) {
    if ($r !== 'ok') {
        $problems[] = "sender $pid: $r";
    }
}
for ($i = 0; $i < $S; $i++) {
    foreach (array_filter(explode("\n", (string) @file_get_contents("$dir/sender-$i"))) as $l) {
        $problems[] = "sender $i: $l";
    }
}
$st = msg_stat_queue($q);
msg_remove_queue($q);
rmtree($dir);
$elapsed = microtime(true) - $t0;
out(sprintf('received %d of %d in %.2f s; queue held >= 2 messages at %d of the consumer polls; left %d',
    count($seen), $expected, $elapsed, $blockedSeen, $st['msg_qnum']));
if (count($seen) !== $expected) {
    $problems[] = 'lost ' . ($expected - count($seen)) . ' message(s)';
}
if ($st['msg_qnum'] !== 0) {
    $problems[] = 'queue not empty';
}
if ($problems) {
    foreach (array_slice($problems, 0, 20) as $p) {
        out("  $p");
    }
    fail_exit('backpressure: ' . count($problems) . ' problem(s)');
}
out('PASS: backpressure');

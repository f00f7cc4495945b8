<?php
// CLI consumer of scripts/suites/70-fpm.sh: php consumer.php KEY EXPECTED DEADLINE_SECONDS
// Takes jobs off the queue without blocking (so it always stops by the deadline) until EXPECTED jobs arrived, and
// prints one summary line: every job number 1..EXPECTED must come exactly once.
[, $key, $expected, $deadline] = $argv + [null, 0, 1000, 60];
$expected = (int) $expected;
$until = microtime(true) + (float) $deadline;
$q = msg_get_queue((int) $key);
$seen = [];
$total = $bad = $errors = 0;
$pids = [];
while ($total < $expected && microtime(true) < $until) {
    if (msg_receive($q, 0, $type, 8192, $job, true, MSG_IPC_NOWAIT, $err)) {
        $total++;
        if ($type !== 1 || !is_array($job) || !is_int($job['n'] ?? null) || $job['n'] < 1 || $job['n'] > $expected) {
            $bad++;
            continue;
        }
        $seen[$job['n']] = ($seen[$job['n']] ?? 0) + 1;
        $pids[$job['pid']] = true;
    } elseif ($err === MSG_ENOMSG) {
        usleep(2000);
    } else {
        $errors++;
        usleep(2000);
    }
}
$dups = count(array_filter($seen, fn ($c) => $c > 1));
$missing = $expected - count($seen);
printf("CONSUMED total=%d unique=%d dups=%d missing=%d bad=%d errors=%d senders=%d\n",
    $total, count($seen), $dups, $missing, $bad, $errors, count($pids));

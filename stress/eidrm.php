<?php
// EIDRM: the queue is removed while readers are blocked in msg_receive (empty queue) and writers are blocked in
// msg_send (full queue). Every process must return promptly: readers with false, error code 43 (EIDRM), type 0 and
// message false; writers with false and error code 43 too (Linux wakes blocked msgsnd with EIDRM). Later calls on
// the removed queue fail with 22 (EINVAL). Repeated ROUNDS times.
//
// Parameters (env): STRESS_SCALE=large, EIDRM_READERS, EIDRM_WRITERS, EIDRM_ROUNDS. Small: 4+4 processes, 5 rounds.
// Large: 16+16, 50 rounds.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();

const EIDRM = 43;
const EINVAL = 22;
$R = param('EIDRM_READERS', 4, 16);
$W = param('EIDRM_WRITERS', 4, 16);
$rounds = param('EIDRM_ROUNDS', 5, 50);
$promptness = 2.0; // seconds allowed between the removal and the last process returning

out(sprintf('eidrm: %d blocked readers + %d blocked writers per round, %d rounds, extension %s', $R, $W, $rounds,
    ext_kind()));

function proc_state(int $pid): string
{
    $s = @file_get_contents("/proc/$pid/stat");
    // The state letter follows the parenthesised command name.
    return ($s !== false && preg_match('/\) (\S)/', $s, $m)) ? $m[1] : '?';
}

$problems = [];
$worst = 0.0;
for ($round = 1; $round <= $rounds; $round++) {
    [$key, $q] = fresh_queue();
    msg_set_queue($q, ['msg_qbytes' => 512]);
    $dir = tmpdir('eidrm');
    $pids = [];
    for ($i = 0; $i < $R; $i++) {
        $pids[$i] = spawn(function () use ($key, $dir, $i): int {
            $q = msg_get_queue($key);
            $rt = -1;
            $m = 'untouched';
            $err = -1;
            // A type nobody sends: the reader stays blocked although the queue is full.
            $ok = msg_receive($q, 99, $rt, 1024, $m, true, 0, $err);
            $t = microtime(true);
            file_put_contents("$dir/r$i", json_encode([$ok, $rt, $m, $err, $t]));
            return 0;
        }, 20);
    }
    // Fill the queue so that writers block.
    $fill = 0;
    while (@msg_send($q, 1, str_repeat('x', 100), false, false, $e) && $fill < 100) {
        $fill++;
    }
    if ($fill === 0 || $fill >= 100) {
        $problems[] = "round $round: could not fill the queue ($fill messages)";
    }
    for ($i = 0; $i < $W; $i++) {
        $pids[$R + $i] = spawn(function () use ($key, $dir, $i): int {
            $q = msg_get_queue($key);
            $err = -1;
            // No user error handler: one that makes system calls would change the errno PHP 8.2's C extension
            // reports (README, deliberate difference 3); error_get_last() is enough here.
            $ok = @msg_send($q, 2, str_repeat('y', 100), false, true, $err);
            $t = microtime(true);
            file_put_contents("$dir/wwarn$i", error_get_last()['message'] ?? '');
            file_put_contents("$dir/w$i", json_encode([$ok, $err, $t]));
            return 0;
        }, 20);
    }
    // Wait until every child sleeps (state S) in its blocking call, bounded.
    $until = microtime(true) + 5;
    do {
        usleep(20000);
        $sleeping = 0;
        foreach ($pids as $pid) {
            $sleeping += proc_state($pid) === 'S' ? 1 : 0;
        }
    } while ($sleeping < count($pids) && microtime(true) < $until);
    usleep(50000);
    if ($sleeping < count($pids)) {
        $problems[] = "round $round: only $sleeping of " . count($pids) . ' processes were blocked';
    }
    $tRemove = microtime(true);
    if (!msg_remove_queue($q)) {
        $problems[] = "round $round: msg_remove_queue failed";
    }
    $status = reap(array_values($pids), $tRemove + $promptness + 3);
    foreach ($status as $pid => $st) {
        if ($st !== 'ok') {
            $problems[] = "round $round: child $pid: $st";
        }
    }
    for ($i = 0; $i < $R; $i++) {
        $r = json_decode((string) @file_get_contents("$dir/r$i"), true);
        if (!$r) {
            $problems[] = "round $round: reader $i: no result";
            continue;
        }
        [$ok, $rt, $m, $err, $t] = $r;
        $worst = max($worst, $t - $tRemove);
        if ($ok !== false || $err !== EIDRM || $rt !== 0 || $m !== false) {
            $problems[] = "round $round: reader $i got " . json_encode([$ok, $rt, $m, $err]) .
                ', expected [false,0,false,43]';
        }
        if ($t - $tRemove > $promptness) {
            $problems[] = sprintf('round %d: reader %d returned %.2f s after the removal', $round, $i, $t - $tRemove);
        }
    }
    for ($i = 0; $i < $W; $i++) {
        $r = json_decode((string) @file_get_contents("$dir/w$i"), true);
        if (!$r) {
            $problems[] = "round $round: writer $i: no result";
            continue;
        }
        [$ok, $err, $t] = $r;
        $worst = max($worst, $t - $tRemove);
        $warn = (string) @file_get_contents("$dir/wwarn$i");
        if ($ok !== false || $err !== EIDRM) {
            $problems[] = "round $round: writer $i got " . json_encode([$ok, $err]) . ', expected [false,43]';
        }
        if (!str_contains($warn, 'msgsnd failed: Identifier removed')) {
            $problems[] = "round $round: writer $i warning was '$warn'";
        }
        if ($t - $tRemove > $promptness) {
            $problems[] = sprintf('round %d: writer %d returned %.2f s after the removal', $round, $i, $t - $tRemove);
        }
    }
    // The object outlives its queue: everything now fails cleanly with EINVAL.
    $rt = -1;
    $m = null;
    $err = -1;
    $ok = msg_receive($q, 0, $rt, 64, $m, true, MSG_IPC_NOWAIT, $err);
    if ($ok !== false || $err !== EINVAL || $rt !== 0 || $m !== false) {
        $problems[] = "round $round: receive on removed queue gave " . json_encode([$ok, $rt, $m, $err]);
    }
    $err = -1;
    $ok = @msg_send($q, 1, 'z', false, false, $err);
    if ($ok !== false || $err !== EINVAL) {
        $problems[] = "round $round: send on removed queue gave " . json_encode([$ok, $err]);
    }
    if (msg_stat_queue($q) !== false || msg_remove_queue($q) !== false || msg_set_queue($q, []) !== false) {
        $problems[] = "round $round: stat/remove/set on removed queue did not return false";
    }
    rmtree($dir);
}
out(sprintf('slowest return after removal: %.1f ms', $worst * 1000));
if ($problems) {
    foreach (array_slice($problems, 0, 20) as $p) {
        out("  $p");
    }
    fail_exit('eidrm: ' . count($problems) . ' problem(s)');
}
out('PASS: eidrm');

<?php
// php analyse.php RESPONSE_DIR REQUESTS WORKERS RSS_SLACK_KB: checks the responses of scripts/suites/70-fpm.sh's
// requests (one file per request number) and prints one "ok ..." or "FAIL ..." line for each of its 8 checks (the
// suite counts them), plus some figures; exits 1 when a check failed.
[, $dir, $requests, $workers, $rssSlack] = $argv;
$requests = (int) $requests;
$workers = (int) $workers;
$rssSlack = (int) $rssSlack;

// What each kind of misbehaving request (job.php's switch) must show, so we know the failure really happened.
$chaosMarkers = [
    0 => ['END'],
    1 => ['Uncaught RuntimeException: chaos: uncaught'],
    2 => ['Allowed memory size'],
    3 => ['Uncaught LogicException: chaos: wakeup'],
    4 => ['Allowed memory size'],
    5 => ['Message corrupted', 'msgsnd failed', 'EXIT e2=22'],
];
$problems = ['response' => [], 'send' => [], 'echo' => [], 'chaos' => [], 'bleed' => []];
$failed = 0;
$byPid = [];
foreach (range(1, $requests) as $n) {
    $body = @file_get_contents("$dir/$n");
    if ($body === false || !preg_match('/^START n=(\d+) pid=(\d+) mem=(\d+) rss=(\d+) bleed=(\S+)$/m', $body, $m) || (int) $m[1] !== $n) {
        $problems['response'][] = "$n: " . substr(trim((string) $body), 0, 300);
        continue;
    }
    [, , $pid, $mem, $rss, $bleed] = $m;
    $byPid[$pid][] = ['n' => $n, 'mem' => (int) $mem, 'rss' => (int) $rss];
    if (!str_contains($body, "SENT n=$n ok=1 err='untouched'")) {
        $problems['send'][] = "$n: " . substr(trim($body), 0, 300);
    }
    if (!str_contains($body, 'ECHO ok')) {
        $problems['echo'][] = "$n: " . substr(trim($body), 0, 300);
    }
    if ($bleed !== '-') {
        $problems['bleed'][] = "$n (pid $pid): $bleed";
    }
    $markers = $n % 10 === 0 ? $chaosMarkers[intdiv($n, 10) % 6] : ['END'];
    foreach ($markers as $marker) {
        if (!str_contains($body, $marker)) {
            $problems['chaos'][] = "$n: no '$marker' in: " . substr(trim($body), 0, 300);
            break;
        }
    }
    if ($n % 10 === 0 && in_array(intdiv($n, 10) % 6, [1, 2, 3, 4, 5], true) && str_contains($body, "END\n")) {
        $problems['chaos'][] = "$n: the misbehaving request ran to its end";
    }
}
$report = function (string $what, array $list, string $okText) use (&$failed) {
    if ($list) {
        $failed++;
        printf("FAIL %s: %d requests, e.g. %s\n", $what, count($list), implode(' | ', array_slice($list, 0, 3)));
    } else {
        echo "ok $okText\n";
    }
};
$report('incomplete responses', $problems['response'], "all $requests responses start with the worker report");
$report('msg_send in FPM', $problems['send'], "every request sent its job (true, \$error_code left untouched)");
$report('send/receive echo in FPM', $problems['echo'], "every request echoed a message through the scratch queue");
$report('misbehaving requests', $problems['chaos'], "every 10th request misbehaved as intended (6 kinds)");
$report('state bleeding into later requests', $problems['bleed'], "no request saw globals, functions, classes, ini or error state of an earlier one");

ksort($byPid);
$counts = array_map('count', $byPid);
printf("requests per worker: %s\n", implode(' ', array_map(fn ($p, $c) => "$p:$c", array_keys($counts), $counts)));
$min = intdiv($requests, $workers * 3);
if (count($byPid) === $workers && min($counts ?: [0]) >= $min) {
    echo "ok each of the $workers workers served at least $min requests\n";
} else {
    printf("FAIL expected %d workers serving at least %d requests each, got %s\n", $workers, $min, json_encode($counts));
    $failed++;
}

// memory_get_usage() at request start: the engine resets the request heap, so after a worker's first requests
// (lazy engine structures) it must not move at all; RSS may wobble a little but not grow.
$memProblems = $rssProblems = [];
foreach ($byPid as $pid => $rows) {
    $warm = array_slice($rows, min(20, intdiv(count($rows), 2)));
    if (!$warm) continue;
    $mems = array_column($warm, 'mem');
    $rsss = array_column($warm, 'rss');
    printf("worker %d: memory_get_usage at start %d..%d bytes, RSS %d -> %d kB (max %d) over %d requests\n",
        $pid, min($mems), max($mems), $rsss[0], end($rsss), max($rsss), count($warm));
    if (max($mems) - min($mems) > 4096) {
        $memProblems[] = "pid $pid: " . min($mems) . '..' . max($mems);
    }
    if (max($rsss) - $rsss[0] > $rssSlack) {
        $rssProblems[] = "pid $pid: {$rsss[0]} -> " . max($rsss) . ' kB';
    }
}
$report('memory_get_usage at request start grows', $memProblems, 'memory_get_usage at request start does not grow in any worker');
$report("worker RSS grows more than $rssSlack kB", $rssProblems, "no worker's RSS grew more than $rssSlack kB after warm-up");
exit($failed ? 1 : 0);

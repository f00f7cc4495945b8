<?php
// Signals: consumers blocked in msg_receive and senders blocked in msg_send (full queue) are hit by SIGUSR1 from
// the parent. With pcntl_async_signals(true) the handler runs after the call returns false with error code 4 (EINTR);
// the program retries, and no message is lost or duplicated.
//
// Parameters (env): STRESS_SCALE=large, SIG_CONSUMERS, SIG_SENDERS, SIG_MESSAGES (per sender), STRESS_SEED.
// Small: 3 consumers, 2 senders x 5000 messages. Large: 6 consumers, 4 senders x 50000.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();

$M = param('SIG_CONSUMERS', 3, 6);
$S = param('SIG_SENDERS', 2, 4);
$N = param('SIG_MESSAGES', 5000, 50000);
$seed = param('STRESS_SEED', 12345, 12345);
$timeout = param('SIG_TIMEOUT', 60, 900);
const T_DATA = 1;
const T_STOP = 2;
const EINTR = 4;

out(sprintf('signals: %d consumers, %d senders x %d messages, extension %s', $M, $S, $N, ext_kind()));
[$key, $q] = fresh_queue();
// A small queue so that senders block too and get interrupted inside msgsnd.
msg_set_queue($q, ['msg_qbytes' => 1024]);
$dir = tmpdir('sig');
// Children inherit "ignore" until they install their handler, so an early signal cannot kill them.
pcntl_signal(SIGUSR1, SIG_IGN);
$t0 = microtime(true);

$consumers = [];
for ($c = 0; $c < $M; $c++) {
    $consumers[] = spawn(function () use ($key, $c, $dir): int {
        $handled = 0;
        pcntl_async_signals(true);
        pcntl_signal(SIGUSR1, function () use (&$handled) { $handled++; });
        $q = msg_get_queue($key);
        $eintr = 0;
        $got = [];
        $errs = [];
        while (true) {
            $rt = 0;
            $m = null;
            $err = null;
            if (!msg_receive($q, 0, $rt, 2048, $m, true, 0, $err)) {
                if ($err === EINTR && $rt === 0 && $m === false) {
                    $eintr++;
                    continue;
                }
                $errs[] = "receive error $err";
                break;
            }
            if ($rt === T_STOP) {
                break;
            }
            $got[] = $m[0] . '/' . $m[1] . '/' . (crc32($m[2]) === $m[3] ? 1 : 0);
        }
        file_put_contents("$dir/c$c", json_encode(['eintr' => $eintr, 'handled' => $handled, 'got' => $got,
            'errs' => $errs]));
        return $errs ? 1 : 0;
    }, $timeout);
}

// Let the consumers block on the empty queue, then interrupt them there.
usleep(100000);
for ($k = 0; $k < 20; $k++) {
    foreach ($consumers as $pid) {
        posix_kill($pid, SIGUSR1);
    }
    usleep(5000);
}

$senders = [];
for ($i = 0; $i < $S; $i++) {
    $senders[] = spawn(function () use ($key, $i, $N, $seed, $dir): int {
        mt_srand($seed + $i);
        $handled = 0;
        pcntl_async_signals(true);
        pcntl_signal(SIGUSR1, function () use (&$handled) { $handled++; });
        $warnings = 0;
        set_error_handler(function (int $no, string $str) use (&$warnings) {
            if (str_contains($str, 'msgsnd failed: Interrupted system call')) {
                $warnings++;
                return true;
            }
            return false;
        });
        $q = msg_get_queue($key);
        $eintr = 0;
        $errs = [];
        for ($s = 0; $s < $N; $s++) {
            $data = random_bytes(mt_rand(1, 400));
            for ($try = 0; ; $try++) {
                $err = null;
                if (msg_send($q, T_DATA, [$i, $s, $data, crc32($data)], true, true, $err)) {
                    break;
                }
                if ($err === EINTR && $try < 1000) {
                    $eintr++;
                    continue;
                }
                $errs[] = "send $s error $err";
                break 2;
            }
        }
        file_put_contents("$dir/s$i.tmp", json_encode(['eintr' => $eintr, 'handled' => $handled,
            'warnings' => $warnings, 'errs' => $errs]));
        rename("$dir/s$i.tmp", "$dir/s$i");
        // PHP restores the default action (terminate) for SIGUSR1 at shutdown: exit only once the parent has
        // acknowledged the report and stopped signalling this process.
        for ($w = 0; $w < 10000 && !file_exists("$dir/ack$i"); $w++) {
            usleep(1000);
        }
        return $errs ? 1 : 0;
    }, $timeout);
}

// Keep interrupting everybody while the traffic flows.
$problems = [];
$senderStatus = [];
$deadline = $t0 + $timeout;
$live = array_fill_keys($senders, true);
$signalsSent = 0;
while ($live && microtime(true) < $deadline) {
    foreach ($consumers as $pid) {
        posix_kill($pid, SIGUSR1);
        $signalsSent++;
    }
    foreach ($senders as $i => $pid) {
        if (!isset($live[$pid]) || file_exists("$dir/ack$i")) {
            continue;
        }
        if (file_exists("$dir/s$i")) {
            touch("$dir/ack$i");
            continue;
        }
        posix_kill($pid, SIGUSR1);
        $signalsSent++;
    }
    usleep(500);
    foreach (array_keys($live) as $pid) {
        if (pcntl_waitpid($pid, $st, WNOHANG) === $pid) {
            unset($live[$pid]);
            $senderStatus[$pid] = pcntl_wifexited($st) && pcntl_wexitstatus($st) === 0 ? 'ok' : "status $st";
        }
    }
}
foreach (reap(array_keys($live), microtime(true)) as $pid => $r) {
    $senderStatus[$pid] = $r;
}
foreach ($senderStatus as $pid => $r) {
    if ($r !== 'ok') {
        $problems[] = "sender $pid: $r";
    }
}
for ($c = 0; $c < $M; $c++) {
    msg_send($q, T_STOP, 'stop');
}
foreach (reap($consumers, microtime(true) + 20) as $pid => $r) {
    if ($r !== 'ok') {
        $problems[] = "consumer $pid: $r";
    }
}

$seen = [];
$dups = $corrupt = 0;
$cEintr = [];
for ($c = 0; $c < $M; $c++) {
    $r = json_decode((string) @file_get_contents("$dir/c$c"), true);
    if (!$r) {
        $problems[] = "consumer $c: no report";
        continue;
    }
    $cEintr[] = $r['eintr'];
    if ($r['eintr'] === 0) {
        $problems[] = "consumer $c never saw EINTR although it was signalled while blocked";
    }
    foreach ($r['errs'] as $e) {
        $problems[] = "consumer $c: $e";
    }
    foreach ($r['got'] as $g) {
        [$i, $s, $ok] = explode('/', $g);
        if (isset($seen["$i/$s"])) {
            $dups++;
        }
        $seen["$i/$s"] = true;
        $corrupt += $ok === '1' ? 0 : 1;
    }
}
$sEintr = [];
for ($i = 0; $i < $S; $i++) {
    $r = json_decode((string) @file_get_contents("$dir/s$i"), true);
    if (!$r) {
        $problems[] = "sender $i: no report";
        continue;
    }
    $sEintr[] = $r['eintr'];
    foreach ($r['errs'] as $e) {
        $problems[] = "sender $i: $e";
    }
    if ($r['warnings'] !== $r['eintr']) {
        $problems[] = "sender $i: {$r['eintr']} EINTR results but {$r['warnings']} 'Interrupted system call' warnings";
    }
}
$st = msg_stat_queue($q);
msg_remove_queue($q);
rmtree($dir);
$expected = $S * $N;
$missing = 0;
for ($i = 0; $i < $S; $i++) {
    for ($s = 0; $s < $N; $s++) {
        $missing += isset($seen["$i/$s"]) ? 0 : 1;
    }
}
out(sprintf('%d signals sent; EINTR retries: consumers [%s], senders [%s]', $signalsSent, implode(' ', $cEintr),
    implode(' ', $sEintr)));
out(sprintf('received %d of %d, missing %d, duplicates %d, corrupt %d, left %d, %.2f s', count($seen), $expected,
    $missing, $dups, $corrupt, $st['msg_qnum'], microtime(true) - $t0));
if ($missing || $dups || $corrupt || $st['msg_qnum'] !== 0) {
    $problems[] = 'message accounting failed';
}
if ($problems) {
    foreach (array_slice($problems, 0, 20) as $p) {
        out("  $p");
    }
    fail_exit('signals: ' . count($problems) . ' problem(s)');
}
out('PASS: signals');

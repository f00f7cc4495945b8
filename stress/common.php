<?php
// Shared helpers for the stress programs. Every program prints a last line starting with PASS, FAIL or XFAIL and
// exits 0 (pass), 1 (fail) or 77 (a failure the README lists as a deliberate difference, expected with Debian's C extension only).

declare(strict_types=1);

const EXIT_PASS = 0;
const EXIT_FAIL = 1;
const EXIT_XFAIL = 77;

function stress_require(): void
{
    foreach (['msg_get_queue' => 'sysvmsg', 'pcntl_fork' => 'pcntl', 'posix_kill' => 'posix'] as $fn => $ext) {
        if (!function_exists($fn)) {
            fwrite(STDERR, "missing extension $ext (load it with -d extension=...)\n");
            exit(EXIT_FAIL);
        }
    }
}

/** 'c' when Debian's C sysvmsg.so is the loaded module, 'rs' for ours (found through the mapped shared objects). */
function ext_kind(): string
{
    $maps = @file_get_contents('/proc/self/maps') ?: '';
    if (str_contains($maps, 'libsysvmsg_rs')) {
        return 'rs';
    }
    if (preg_match('~/sysvmsg\.so$~m', $maps)) {
        return 'c';
    }
    return 'unknown';
}

function is_large(): bool
{
    return strtolower((string) getenv('STRESS_SCALE')) === 'large';
}

/** An integer parameter: env var NAME wins, else the small or large default. */
function param(string $name, int $small, int $large): int
{
    $v = getenv($name);
    if ($v !== false && $v !== '' && is_numeric($v)) {
        return (int) $v;
    }
    return is_large() ? $large : $small;
}

function msgmax(): int
{
    $v = @file_get_contents('/proc/sys/kernel/msgmax');
    return $v === false ? 8192 : (int) trim($v);
}

function msgmnb(): int
{
    $v = @file_get_contents('/proc/sys/kernel/msgmnb');
    return $v === false ? 16384 : (int) trim($v);
}

/** A fresh queue on a key nobody uses; the caller owns it and removes it. */
function fresh_queue(): array
{
    for ($i = 0; $i < 1000; $i++) {
        $key = random_int(0x10000, 0x7ffffff0);
        if (!msg_queue_exists($key)) {
            $q = msg_get_queue($key, 0600);
            if ($q !== false) {
                return [$key, $q];
            }
        }
    }
    fail_exit('could not create a queue');
}

function out(string $s): void
{
    fwrite(STDOUT, $s . "\n");
}

function fail_exit(string $why): never
{
    out("FAIL: $why");
    exit(EXIT_FAIL);
}

/**
 * Forks a child that runs $fn and exits with its int result (0 = ok). A SIGALRM after $timeout seconds kills a child
 * that hangs, because the default action of SIGALRM terminates the process even inside a blocking system call.
 */
function spawn(callable $fn, int $timeout): int
{
    $pid = pcntl_fork();
    if ($pid < 0) {
        fail_exit('fork failed');
    }
    if ($pid === 0) {
        pcntl_alarm($timeout);
        $rc = 1;
        try {
            $rc = (int) $fn();
        } catch (Throwable $e) {
            fwrite(STDERR, 'child ' . getmypid() . ': ' . get_class($e) . ': ' . $e->getMessage() . "\n");
            $rc = 3;
        }
        exit($rc);
    }
    return $pid;
}

/**
 * Waits for the given children until $deadline (microtime). Returns [pid => status description]; 'ok' for exit 0.
 * Children still running at the deadline get SIGKILL (they are our own PIDs) and are reported as 'hang'.
 */
function reap(array $pids, float $deadline): array
{
    $res = [];
    $left = array_fill_keys($pids, true);
    while ($left) {
        foreach (array_keys($left) as $pid) {
            $st = 0;
            $r = pcntl_waitpid($pid, $st, WNOHANG);
            if ($r === $pid) {
                unset($left[$pid]);
                if (pcntl_wifexited($st)) {
                    $code = pcntl_wexitstatus($st);
                    $res[$pid] = $code === 0 ? 'ok' : "exit $code";
                } elseif (pcntl_wifsignaled($st)) {
                    $res[$pid] = 'signal ' . pcntl_wtermsig($st);
                } else {
                    $res[$pid] = 'status ' . $st;
                }
            } elseif ($r < 0) {
                unset($left[$pid]);
                $res[$pid] = 'lost';
            }
        }
        if (!$left) {
            break;
        }
        if (microtime(true) > $deadline) {
            foreach (array_keys($left) as $pid) {
                posix_kill($pid, SIGKILL);
                pcntl_waitpid($pid, $st);
                $res[$pid] = 'hang';
            }
            break;
        }
        usleep(2000);
    }
    return $res;
}



/**
 * A consumer of a producers/consumers run, in a worker loop until a message of $stopType: receives from queue $key
 * with max_message_size $maxSize, unserializing in msg_receive or after it at random, one receive in eight waiting
 * with MSG_NOERROR (which must never cut a message $maxSize holds) and three in eight trying first without waiting,
 * with a type, a type range or MSG_EXCEPT. Writes the report tally_deliveries() reads to $report. Messages are arrays
 * p (producer), s (its sequence number), t (type), ts (sequence within the type), n (length), d (data), c (crc32).
 * Returns 0, 1 after a problem it reported, 2 when a receive failed.
 */
function consume_until_stop(int $key, string $report, int $types, int $stopType, int $maxSize): int
{
    $q = msg_get_queue($key);
    $fh = fopen($report, 'w');
    $errors = 0;
    while (true) {
        $rtype = 0;
        $msg = null;
        $err = 0;
        $unser = mt_rand(0, 1) === 1;
        $ok = false;
        $mode = mt_rand(0, 7);
        if ($mode === 0) {
            $ok = msg_receive($q, mt_rand(1, $types), $rtype, $maxSize, $msg, $unser, MSG_IPC_NOWAIT, $err);
        } elseif ($mode === 1) {
            $ok = msg_receive($q, -mt_rand(1, $types), $rtype, $maxSize, $msg, $unser, MSG_IPC_NOWAIT, $err);
        } elseif ($mode === 2) {
            $ok = msg_receive($q, mt_rand(1, $types), $rtype, $maxSize, $msg, $unser, MSG_EXCEPT | MSG_IPC_NOWAIT, $err);
        }
        if (!$ok) {
            if ($mode <= 2 && $err !== MSG_ENOMSG) {
                fwrite($fh, "E non-blocking receive: error $err\n");
                $errors++;
            }
            $err = 0;
            $ok = msg_receive($q, 0, $rtype, $maxSize, $msg, $unser, $mode === 3 ? MSG_NOERROR : 0, $err);
        }
        if (!$ok) {
            fwrite($fh, "E receive: error $err\n");
            return 2;
        }
        if (!$unser) {
            $raw = $msg;
            $msg = unserialize($raw);
            if ($msg === false) {
                fwrite($fh, "E undecodable raw message of type $rtype, " . strlen($raw) . " bytes\n");
                $errors++;
                continue;
            }
        }
        if ($rtype === $stopType) {
            break;
        }
        if (!is_array($msg) || !isset($msg['p'], $msg['s'], $msg['t'], $msg['ts'], $msg['n'], $msg['d'], $msg['c'])) {
            fwrite($fh, "E malformed message of type $rtype\n");
            $errors++;
            continue;
        }
        $whole = crc32($msg['d']) === $msg['c'] && strlen($msg['d']) === $msg['n'] ? 1 : 0;
        $typeOk = $msg['t'] === $rtype ? 1 : 0;
        fwrite($fh, "M {$msg['p']} {$msg['s']} {$msg['t']} {$msg['ts']} $whole $typeOk " . strlen($msg['d']) . "\n");
    }
    fclose($fh);
    return $errors ? 1 : 0;
}
/**
 * Reads the reports of a producers/consumers run in $dir and counts what arrived. Each consumer c writes
 * consumer-c, a line a message received, "M producer seq type type-seq whole type-ok length" (whole and type-ok
 * are 1 or 0; consume_until_stop() writes them), or "E problem"; each producer p writes producer-p, with "E problem" lines among its notes. Returns the
 * counts: total received, dups (a message seen again), bad (not whole, wrong type or not sent), order (a type-seq
 * not above the last one the same consumer saw from that producer and type), missing (sent, never received), and
 * notes (the producers' other lines). Problems and missing reports go to $failures; $eachMessage sees every message
 * line's fields. One byte per message (times seen) keeps a large run within the default memory_limit.
 */
function tally_deliveries(string $dir, int $producers, int $consumers, int $perProducer, array &$failures,
    ?callable $eachMessage = null): array
{
    $seen = array_fill(0, $producers, str_repeat("\0", $perProducer));
    $total = $dups = $bad = $order = 0;
    for ($c = 0; $c < $consumers; $c++) {
        $fh = @fopen("$dir/consumer-$c", 'r');
        if ($fh === false) {
            $failures[] = "consumer $c: no report";
            continue;
        }
        $last = [];
        while (($line = fgets($fh)) !== false) {
            $line = rtrim($line, "\n");
            if ($line[0] === 'E') {
                $failures[] = "consumer $c: " . substr($line, 2);
                continue;
            }
            $fields = explode(' ', $line);
            [, $p, $s, $t, $ts, $whole, $typeOk] = $fields;
            [$p, $s, $ts] = [(int) $p, (int) $s, (int) $ts];
            $total++;
            if ($eachMessage !== null) {
                $eachMessage($fields);
            }
            if (!isset($seen[$p]) || $s < 0 || $s >= $perProducer) {
                $bad++;
                continue;
            }
            $n = ord($seen[$p][$s]);
            $dups += $n > 0 ? 1 : 0;
            $seen[$p][$s] = chr(min(255, $n + 1));
            if ($whole !== '1' || $typeOk !== '1') {
                $bad++;
            }
            if (isset($last["$p/$t"]) && $ts <= $last["$p/$t"]) {
                $order++;
            }
            $last["$p/$t"] = $ts;
        }
        fclose($fh);
    }
    $notes = [];
    for ($p = 0; $p < $producers; $p++) {
        foreach (@file("$dir/producer-$p", FILE_IGNORE_NEW_LINES) ?: ['E no report'] as $line) {
            if ($line[0] === 'E') {
                $failures[] = "producer $p: " . substr($line, 2);
            } else {
                $notes[] = $line;
            }
        }
    }
    $missing = 0;
    foreach ($seen as $counts) {
        $missing += substr_count($counts, "\0");
    }
    return ['total' => $total, 'dups' => $dups, 'bad' => $bad, 'order' => $order, 'missing' => $missing,
        'notes' => $notes];
}
function tmpdir(string $tag): string
{
    $d = sys_get_temp_dir() . '/sysvmsg-stress-' . $tag . '-' . getmypid() . '-' . bin2hex(random_bytes(4));
    mkdir($d, 0700);
    return $d;
}

function rmtree(string $d): void
{
    foreach (glob("$d/*") ?: [] as $f) {
        @unlink($f);
    }
    @rmdir($d);
}

function vm_rss_kib(): int
{
    $s = @file_get_contents('/proc/self/status') ?: '';
    return preg_match('/^VmRSS:\s+(\d+)\s+kB/m', $s, $m) ? (int) $m[1] : -1;
}

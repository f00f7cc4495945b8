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

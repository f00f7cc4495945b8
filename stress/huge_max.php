<?php
// A huge max_message_size (PHP_INT_MAX, 1 << 40, 1 << 30) with memory_limit=128M: small and large messages still
// arrive, the process exits normally and its peak Zend memory stays below 64 MiB, because the receive buffer
// follows the message actually received. Debian's C extension allocates max_message_size up front and dies here:
// README deliberate difference 2, reported as XFAIL (exit 77) with it; with ours every size must pass.
// Each size runs in its own child process so that a fatal error is observed rather than ending the program.

declare(strict_types=1);
require __DIR__ . '/common.php';
stress_require();
ini_set('memory_limit', '128M');
ini_set('display_errors', 'stderr');

$sizes = ['PHP_INT_MAX' => PHP_INT_MAX, '1 << 40' => 1 << 40, '1 << 30' => 1 << 30];
$limitPeak = 64 << 20;
$kind = ext_kind();
out("huge_max: max_message_size " . implode(', ', array_keys($sizes)) . ', memory_limit ' .
    ini_get('memory_limit') . ", extension $kind");
[$key, $q] = fresh_queue();
$dir = tmpdir('huge');
$failed = [];
foreach ($sizes as $name => $size) {
    $pid = spawn(function () use ($key, $size, $dir, $limitPeak): int {
        $q = msg_get_queue($key);
        $big = str_repeat('0123456789abcdef', intdiv(msgmax() - 64, 16));
        $cases = [
            ['hello', true],
            [$big, false],
            [['k' => $big], true],
        ];
        foreach ($cases as $n => [$v, $ser]) {
            if (!msg_send($q, 1 + $n, $v, $ser, false, $err)) {
                file_put_contents("$dir/result", "send $n failed: $err");
                return 1;
            }
            $rt = 0;
            $m = null;
            if (!msg_receive($q, 0, $rt, $size, $m, $ser, MSG_IPC_NOWAIT, $err) || $m !== $v || $rt !== 1 + $n) {
                file_put_contents("$dir/result", "message $n did not arrive intact (error $err)");
                return 1;
            }
        }
        // Empty-queue and E2BIG answers are unchanged by the size.
        if (msg_receive($q, 0, $rt, $size, $m, true, MSG_IPC_NOWAIT, $err) || $err !== MSG_ENOMSG) {
            file_put_contents("$dir/result", "empty queue gave error $err");
            return 1;
        }
        $peak = memory_get_peak_usage();
        file_put_contents("$dir/result", "peak $peak");
        return $peak < $limitPeak ? 0 : 1;
    }, 60);
    $st = reap([$pid], microtime(true) + 70)[$pid];
    $res = (string) @file_get_contents("$dir/result");
    @unlink("$dir/result");
    out(sprintf('  %-12s %s%s', $name, $st === 'ok' ? 'ok' : "child $st", $res === '' ? '' : " ($res)"));
    if ($st !== 'ok') {
        $failed[] = $name;
    }
}
// Whatever a dead child left behind.
while (msg_receive($q, 0, $t, 65536, $x, false, MSG_IPC_NOWAIT)) {
}
msg_remove_queue($q);
rmtree($dir);
if (!$failed) {
    out('PASS: huge_max');
    exit(EXIT_PASS);
}
if ($kind === 'c') {
    out('XFAIL: huge_max: the C extension allocates max_message_size before receiving (README deliberate ' .
        'difference 2); failed for ' . implode(', ', $failed));
    exit(EXIT_XFAIL);
}
fail_exit('huge_max: failed for ' . implode(', ', $failed));

<?php
// One benchmark case on one queue: php cases.php CASE N
// Runs N send+receive pairs and prints the nanoseconds per pair measured with hrtime() around the loop only, so
// PHP's start-up and shutdown are not in the figure. Under callgrind the same script is run at two values of N and
// the difference of the instruction counts is divided by the difference of N, for the same reason.
// The queue is created here with a key of this process and removed at the end; bench/run runs everything inside
// `unshare --ipc`, so no queue of the machine is touched.
//
// Cases: raw16, raw1k (serialize=false, max 8192), ser (a small array, serialize=true both ways),
// max1k, max64k, max64m (16 bytes raw with that max_message_size), msgmax1m (16 bytes raw, max_message_size 1 MiB,
// with kernel.msgmax raised to 1 MiB in an IPC namespace of this process's own), fork (a producer and a blocking
// consumer).

if ($argc !== 3 || !preg_match('/^[0-9]+$/', $argv[2])) {
    fwrite(STDERR, "usage: php cases.php CASE N\n");
    exit(2);
}
[, $case, $n] = $argv;
$n = (int) $n;

function fail(string $why, $q = null): never
{
    fwrite(STDERR, "cases.php: $why\n");
    if ($q !== null) {
        msg_remove_queue($q);
    }
    exit(1);
}

$max = 8192;
$serialize = false;
$msg = str_repeat('x', 16);
switch ($case) {
    case 'raw16':
    case 'fork':
        break;
    case 'raw1k':
        $msg = str_repeat('x', 1024);
        break;
    case 'ser':
        $msg = ['id' => 12345, 'name' => 'benchmark', 'payload' => str_repeat('p', 100)];
        $serialize = true;
        break;
    case 'max1k':
        $max = 1024;
        break;
    case 'max64k':
        $max = 65536;
        break;
    case 'max64m':
        $max = 64 * 1024 * 1024;
        break;
    case 'msgmax1m':
        // What admins do for big jobs; every receive then needs room for 1 MiB (README, difference 2).
        $max = 1 << 20;
        if (!pcntl_unshare(CLONE_NEWIPC) || !file_put_contents('/proc/sys/kernel/msgmax', (string) $max)) {
            fail('cannot raise kernel.msgmax in a new IPC namespace (needs root)');
        }
        break;
    default:
        fail("unknown case $case");
}

$key = 0x5b000000 | getmypid();
if (msg_queue_exists($key)) {
    fail(sprintf('queue 0x%x exists already; not touching it', $key));
}
$q = msg_get_queue($key, 0600) ?: fail('msg_get_queue failed');
$type = 0;
$got = null;

if ($case !== 'fork') {
    // The loop body is only the two calls: checks would cost the same in both extensions and blur the ratio, so
    // the result is checked once afterwards (a failed send would leave the receive blocked: bench/run has a timeout).
    $t0 = hrtime(true);
    for ($i = 0; $i < $n; $i++) {
        msg_send($q, 1, $msg, $serialize);
        msg_receive($q, 0, $type, $max, $got, $serialize);
    }
    $t1 = hrtime(true);
    if ($n > 0 && ($got !== $msg || $type !== 1)) {
        fail("case $case: received something else than was sent", $q);
    }
} else {
    if (!function_exists('pcntl_fork')) {
        fail('the fork case needs pcntl', $q);
    }
    $pid = pcntl_fork();
    if ($pid < 0) {
        fail('pcntl_fork failed', $q);
    }
    // SIGALRM without a handler ends the process: neither side can stay blocked if the other one dies.
    pcntl_alarm(300);
    if ($pid === 0) {
        for ($i = 0; $i < $n; $i++) {
            msg_receive($q, 1, $type, $max, $got, false);
        }
        // The consumer reports when it took the last message; its exit is not part of the measurement.
        $done = hrtime(true);
        $ok = $n === 0 || $got === $msg;
        msg_send($q, 2, $ok ? (string) $done : 'bad', false);
        exit(0);
    }
    $t0 = hrtime(true);
    for ($i = 0; $i < $n; $i++) {
        msg_send($q, 1, $msg, false);
    }
    msg_receive($q, 2, $type, 64, $reply, false) || fail('no reply from the consumer', $q);
    pcntl_waitpid($pid, $status);
    if (!preg_match('/^[0-9]+$/', (string) $reply)) {
        fail('the consumer received something else than was sent', $q);
    }
    $t1 = (int) $reply;
}

msg_remove_queue($q);
printf("%.1f\n", $n > 0 ? ($t1 - $t0) / $n : 0.0);

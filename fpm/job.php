<?php
// One php-fpm request of scripts/suites/70-fpm.sh (GET n=<request number>&key=<queue key>).
// It reports the worker's state as found at request start, sends job n to the queue, echoes a message through a
// scratch queue, and every 10th request misbehaves (see the switch) so that the next request on the same worker
// shows whether anything survived the request.
$startMem = memory_get_usage();
$rss = 0;
if (preg_match('/^VmRSS:\s+(\d+) kB/m', (string) @file_get_contents('/proc/self/status'), $mm)) {
    $rss = (int) $mm[1];
}
$n = (int) ($_GET['n'] ?? 0);
$key = (int) ($_GET['key'] ?? 0);
$scratchKey = $key + 1;
$pid = getmypid();

// Everything a misbehaving request leaves behind must be gone by the next one.
$bleed = [];
if (isset($GLOBALS['leaked_queue'])) $bleed[] = 'global';
if (function_exists('chaos_keep')) $bleed[] = 'function';
foreach (['ChaosSerializeBomb', 'ChaosWakeupBomb', 'ChaosUnserializeBomb'] as $c) {
    if (class_exists($c, false)) $bleed[] = $c;
}
if (ini_get('precision') !== '14') $bleed[] = 'precision';
if (ini_get('memory_limit') !== '64M') $bleed[] = 'memory_limit';
if (error_get_last() !== null) $bleed[] = 'error_get_last';
printf("START n=%d pid=%d mem=%d rss=%d bleed=%s\n", $n, $pid, $startMem, $rss, $bleed ? implode(',', $bleed) : '-');

$q = msg_get_queue($key);
$err = 'untouched';
$ok = msg_send($q, 1, ['n' => $n, 'pid' => $pid], true, true, $err);
printf("SENT n=%d ok=%d err=%s\n", $n, $ok ? 1 : 0, var_export($err, true));

// Type = our pid, so concurrent workers never take each other's message off the shared scratch queue.
$s = msg_get_queue($scratchKey);
$echoed = msg_send($s, $pid, "ping $n", false)
    && msg_receive($s, $pid, $type, 64, $got, false, MSG_IPC_NOWAIT, $rerr)
    && $type === $pid && $got === "ping $n" && $rerr === 0;
printf("ECHO %s\n", $echoed ? 'ok' : 'bad');
flush();

if ($n % 10 === 0) {
    $kind = intdiv($n, 10) % 6;
    echo "CHAOS kind=$kind\n";
    flush();
    switch ($kind) {
        case 0:
            // Queue objects kept in a global, a function's static and a reference cycle; changed ini and error state.
            $GLOBALS['leaked_queue'] = msg_get_queue($key);
            function chaos_keep($q) { static $keep = []; $keep[] = $q; return count($keep); }
            chaos_keep(msg_get_queue($scratchKey));
            $a = new stdClass();
            $b = new stdClass();
            $a->b = $b;
            $b->a = $a;
            $a->q = msg_get_queue($key);
            ini_set('precision', '3');
            trigger_error('chaos: left behind', E_USER_NOTICE);
            break;
        case 1:
            throw new RuntimeException('chaos: uncaught');
        case 2:
            // A fatal error (bailout) raised while msg_send is serializing: nothing may be sent.
            class ChaosSerializeBomb {
                public function __serialize(): array { ini_set('memory_limit', '8M'); $x = str_repeat('x', 64 << 20); return [$x]; }
            }
            msg_send($q, 1, new ChaosSerializeBomb());
            break;
        case 3:
            // An exception thrown by __wakeup while msg_receive is unserializing.
            class ChaosWakeupBomb {
                public function __wakeup(): void { throw new LogicException('chaos: wakeup'); }
            }
            msg_send($s, $pid, serialize(new ChaosWakeupBomb()), false);
            msg_receive($s, $pid, $type, 8192, $got, true, MSG_IPC_NOWAIT);
            break;
        case 4:
            // A fatal error (bailout) raised while msg_receive is unserializing.
            class ChaosUnserializeBomb {
                public function __unserialize(array $d): void { ini_set('memory_limit', '8M'); $x = str_repeat('x', 64 << 20); }
            }
            msg_send($s, $pid, serialize(new ChaosUnserializeBomb()), false);
            msg_receive($s, $pid, $type, 8192, $got, true, MSG_IPC_NOWAIT);
            break;
        case 5:
            // A corrupted message, a send to a removed queue, then exit in the middle of the script.
            msg_send($s, $pid, 'not serialized', false);
            msg_receive($s, $pid, $type, 8192, $got, true, MSG_IPC_NOWAIT, $e1);
            $gone = msg_get_queue($scratchKey + 1);
            msg_remove_queue($gone);
            $e2 = null;
            msg_send($gone, 1, 'x', false, true, $e2);
            echo "EXIT e2=$e2\n";
            exit();
    }
}
echo "END\n";

<?php
// A UDP proxy in front of worker processes: the main process receives datagrams and puts each one on a queue as a
// job (raw bytes, no serialization); two forked workers take jobs off the queue and process them. A forked client
// sends a few datagrams and expects "OK\n" for each. Workers report what they processed on the same queue with
// another message type, and the program shuts down by itself: stop jobs for the workers, every child reaped, the
// queue removed.
//
// Run: php examples/05-udp-proxy.php [PORT] [JOBS]    (PORT 0 or absent: an ephemeral port; binds 127.0.0.1 only)
// Needs: pcntl

const TYPE_JOB = 1;     // main -> workers
const TYPE_RESULT = 2;  // workers -> main
const STOP = "\0stop";  // a job that tells a worker to exit
const DEADLINE = 20;    // seconds for the whole run, so it always ends

$port = (int) ($argv[1] ?? getenv('PROXY_PORT') ?: 0);
$jobs = max(1, (int) ($argv[2] ?? 5));
$worker_num = 2;
$msg_key = 0x03000111;

if (msg_queue_exists($msg_key)) {
    fprintf(STDERR, "a queue with key 0x%08x already exists; remove it first (ipcrm -Q 0x%08x)\n", $msg_key, $msg_key);
    exit(1);
}
$queue = msg_get_queue($msg_key, 0666);
if ($queue === false) {
    die("create queue fail\n");
}

// Bind before forking, so the client can send as soon as it starts.
$bind = "udp://127.0.0.1:$port";
$socket = stream_socket_server($bind, $errno, $errstr, STREAM_SERVER_BIND);
if (!$socket) {
    msg_remove_queue($queue);
    die("cannot bind $bind: $errstr ($errno)\n");
}
$addr = stream_socket_get_name($socket, false);
echo "proxy listening on udp://$addr\n";

function proc_worker(SysvMessageQueue $queue, int $id): int
{
    // Whatever happens to the main process, a worker does not outlive the deadline (SIGALRM ends it).
    pcntl_alarm(DEADLINE + 5);
    $done = 0;
    while (true) {
        if (!msg_receive($queue, TYPE_JOB, $msg_type, 8192, $msg_pkt, false, 0, $errCode)) {
            echo "[worker $id] ERROR: queue errno=$errCode\n";
            return 1;
        }
        if ($msg_pkt === STOP) {
            echo "[worker $id] stop after $done job(s)\n";
            return 0;
        }
        // The "work": upper-case the payload.
        $result = strtoupper(rtrim($msg_pkt, "\n"));
        echo "[worker $id] processed: " . rtrim($msg_pkt, "\n") . "\n";
        msg_send($queue, TYPE_RESULT, "worker $id: $result", false);
        $done++;
    }
}

function proc_client(string $addr, int $jobs): int
{
    $c = stream_socket_client("udp://$addr", $errno, $errstr, 5);
    if (!$c) {
        echo "[client] cannot connect: $errstr\n";
        return 1;
    }
    stream_set_timeout($c, 5);
    $ok = 0;
    for ($i = 1; $i <= $jobs; $i++) {
        fwrite($c, "job $i from client " . getmypid() . "\n");
        $reply = fread($c, 100);
        echo "[client] job $i: reply \"" . addcslashes((string) $reply, "\0..\37") . "\"\n";
        $ok += $reply === "OK\n" ? 1 : 0;
    }
    return $ok === $jobs ? 0 : 1;
}

function proc_main($socket, SysvMessageQueue $queue, int $client_pid, float $deadline): int
{
    $served = 0;
    while (microtime(true) < $deadline) {
        if (pcntl_waitpid($client_pid, $status, WNOHANG) === $client_pid) {
            return pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0 ? $served : -1;
        }
        $r = [$socket];
        $w = $e = null;
        if (!stream_select($r, $w, $e, 0, 200000)) {
            continue;
        }
        $peer = '';
        $pkt = stream_socket_recvfrom($socket, 8192, 0, $peer);
        if ($pkt === false) {
            echo "udp error\n";
            continue;
        }
        // Blocks if the queue is full: back-pressure on the clients.
        $ret = msg_send($queue, TYPE_JOB, $pkt, false, true, $errCode);
        stream_socket_sendto($socket, $ret ? "OK\n" : "ER\n", 0, $peer);
        $served++;
    }
    echo "deadline reached\n";
    return -1;
}

$deadline = microtime(true) + DEADLINE;
$children = [];
for ($i = 0; $i < $worker_num; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        exit(proc_worker($queue, $i));
    }
    if ($pid < 0) {
        echo "fork fail\n";
        break;
    }
    $children[] = $pid;
    echo "create worker $i, pid = $pid\n";
}
$client = count($children) === $worker_num ? pcntl_fork() : -1;
if ($client === 0) {
    fclose($socket);
    exit(proc_client($addr, $jobs));
}
$served = -1;
if ($client > 0) {
    echo "client pid = $client sends $jobs datagram(s)\n";
    $served = proc_main($socket, $queue, $client, $deadline);
    echo $served >= 0 ? "client done, $served datagram(s) proxied\n" : "client failed\n";
}
fclose($socket);

// Graceful shutdown: one stop job per worker, queued after every real job.
foreach ($children as $_) {
    msg_send($queue, TYPE_JOB, STOP, false);
}
$exit_ok = true;
foreach ($children as $pid) {
    while (($r = pcntl_waitpid($pid, $status, WNOHANG)) === 0 && microtime(true) < $deadline + 5) {
        usleep(20000);
    }
    if ($r === 0) {
        echo "worker $pid did not stop in time\n";
        // posix_kill needs the posix extension; without it the worker's own alarm ends it.
        if (function_exists('posix_kill')) {
            posix_kill($pid, SIGTERM);
            pcntl_waitpid($pid, $status);
        }
        $exit_ok = false;
    } else {
        $exit_ok = $exit_ok && pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0;
    }
}

$results = [];
while (msg_receive($queue, TYPE_RESULT, $t, 8192, $res, false, MSG_IPC_NOWAIT)) {
    $results[] = $res;
}
echo "results reported by the workers:\n";
foreach ($results as $res) {
    echo "  $res\n";
}

msg_remove_queue($queue);
echo "queue removed\n";
$ok = $served === $jobs && count($results) === $jobs && $exit_ok;
echo $ok ? "ok\n" : "unexpected result\n";
exit($ok ? 0 : 1);

#!/bin/bash
# php-fpm suite: Debian's php-fpm with our extension (-n -d extension=$EXT) serves FPM_REQUESTS requests (default
# 1000) that each msg_send a job; a CLI consumer must get every job exactly once. The workers (pm=static, never
# recycled) must each serve many requests without growing memory, and misbehaving requests (every 10th: queue
# objects left in globals, uncaught exceptions, fatal errors inside msg_send/msg_receive, exit) must not affect the
# requests after them. Run from the repo root inside `unshare --ipc` (scripts/test does), so the queues are ours.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

REQUESTS=${FPM_REQUESTS:-1000}
WORKERS=${FPM_WORKERS:-3}
CLIENTS=${FPM_CLIENTS:-4}
# Allowed growth of a worker's RSS between its 20th request and its last, in KiB.
RSS_SLACK_KB=${FPM_RSS_SLACK_KB:-1024}
# Bound on the whole request phase, in seconds (1000 requests take a few seconds).
DEADLINE=${FPM_DEADLINE:-90}
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   - $*"; }
bad() { fail=$((fail + 1)); echo "FAIL - $*"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }

if [ ! -f "$EXT" ]; then
    echo "cannot run: no extension at $EXT (cargo build --release, or set EXT)"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! loaded=$(php_ours -r 'echo extension_loaded("sysvmsg") ? "yes" : "no";' 2>&1) || [ "$loaded" != yes ]; then
    echo "cannot run: PHP does not load $EXT: $loaded"
    echo "0 passed, 1 failed"
    exit 1
fi
ver=$("$PHP" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
ensure_pkgs "php$ver-fpm" libfcgi-bin
FPM=$(command -v "php-fpm$ver" || echo "/usr/sbin/php-fpm$ver")
[ -x "$FPM" ] || { echo "cannot run: php-fpm$ver not found"; echo "0 passed, 1 failed"; exit 1; }
command -v cgi-fcgi >/dev/null || { echo "cannot run: cgi-fcgi not found"; echo "0 passed, 1 failed"; exit 1; }

tmp=$(mktemp -d)
fpm_pid=
consumer_pid=
client_pids=()
cleanup() {
    local p
    set +e # a failing kill must not cut the cleanup short
    for p in "${client_pids[@]}"; do
        kill "$p" 2>/dev/null || true
        pkill -TERM -P "$p" 2>/dev/null || true # its timeout+cgi-fcgi in flight
    done
    [ -z "$consumer_pid" ] || kill "$consumer_pid" 2>/dev/null || true
    if [ -n "$fpm_pid" ]; then
        # php-fpm runs in its own process group (setsid below), so master and workers go together, even workers
        # stuck in a blocking msg_send.
        kill -TERM -- "-$fpm_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 -- "-$fpm_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$fpm_pid" 2>/dev/null
        wait "$fpm_pid" 2>/dev/null
    fi
    if [ -n "${FPM_KEEP_TMP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A key nobody uses; the scratch queues are key+1 and key+2.
key=$(php_ours -r '
    for ($i = 0; $i < 100; $i++) {
        $k = random_int(0x10000000, 0x6fffffff);
        if (!msg_queue_exists($k) && !msg_queue_exists($k + 1) && !msg_queue_exists($k + 2)) { echo $k; exit; }
    }
    exit(1);')
# Created here, before any worker or the consumer runs: two first-time msg_get_queue calls racing for one key
# can fail with "File exists".
php_ours -r 'foreach ([0, 1] as $d) msg_get_queue((int) $argv[1] + $d) or exit(1);' "$key"
echo "queue key $key, $REQUESTS requests, $WORKERS workers, $CLIENTS clients, extension $EXT"

sock=$tmp/fpm.sock
cat >"$tmp/php-fpm.conf" <<CONF
[global]
pid = $tmp/fpm.pid
error_log = $tmp/fpm.log
daemonize = no
log_level = notice

[sysvmsg]
listen = $sock
pm = static
pm.max_children = $WORKERS
pm.max_requests = 0
request_terminate_timeout = 30s
php_admin_value[display_errors] = stdout
php_admin_value[html_errors] = Off
php_admin_value[log_errors] = Off
php_value[memory_limit] = 64M
CONF
echo "starting $FPM -n -d extension=$EXT (config in $tmp)"
# -R: the suite runs as root, and a pool without a user= runs its workers as the user that started it.
setsid "$FPM" -n -d "extension=$EXT" -y "$tmp/php-fpm.conf" -F -R >"$tmp/fpm.out" 2>&1 &
fpm_pid=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; kill -0 "$fpm_pid" 2>/dev/null || break; sleep 0.1; done
children() { pgrep -P "$fpm_pid" | sort -n | tr '\n' ' '; }
workers_before=
for _ in $(seq 50); do
    workers_before=$(children)
    [ "$(wc -w <<<"$workers_before")" -ge "$WORKERS" ] && break
    sleep 0.1
done
if [ -S "$sock" ] && [ "$(wc -w <<<"$workers_before")" -eq "$WORKERS" ]; then
    ok "php-fpm started (master $fpm_pid, workers $workers_before)"
else
    bad "php-fpm did not start with $WORKERS workers (socket: $([ -S "$sock" ] && echo yes || echo no), workers: $workers_before)"
    cat "$tmp/fpm.out" "$tmp/fpm.log" 2>/dev/null | tail -20
    finish
    exit 1
fi

# Not through php_ours: $! must be PHP itself, so that cleanup can stop it by PID.
"$PHP" -n -d "extension=$EXT" "$ROOT/fpm/consumer.php" "$key" "$REQUESTS" "$((DEADLINE + 10))" >"$tmp/consumer.out" 2>&1 &
consumer_pid=$!

request() { # request N: one FastCGI request, response into $tmp/resp/N
    env -i REQUEST_METHOD=GET SCRIPT_FILENAME="$ROOT/fpm/job.php" SCRIPT_NAME=/job.php \
        QUERY_STRING="n=$1&key=$key" SERVER_PROTOCOL=HTTP/1.1 GATEWAY_INTERFACE=CGI/1.1 \
        timeout 10 cgi-fcgi -bind -connect "$sock" >"$tmp/resp/$1" 2>&1 || echo "CLIENT-ERROR rc=$?" >>"$tmp/resp/$1"
}
mkdir "$tmp/resp"
start=$(date +%s)
for c in $(seq 0 $((CLIENTS - 1))); do
    (for ((n = c + 1; n <= REQUESTS; n += CLIENTS)); do [ -e "$tmp/abort" ] || request "$n"; done) &
    client_pids+=($!)
done
# Without a consumer the queue fills and every msg_send blocks, so stop sending when the consumer is gone or the
# run takes longer than DEADLINE seconds.
abort=
while :; do
    running=0
    for p in "${client_pids[@]}"; do kill -0 "$p" 2>/dev/null && running=1; done
    [ "$running" = 1 ] || break
    if ! kill -0 "$consumer_pid" 2>/dev/null && ! grep -q '^CONSUMED' "$tmp/consumer.out"; then
        abort="the consumer died: $(tail -c 300 "$tmp/consumer.out")"
    elif [ $(($(date +%s) - start)) -gt "$DEADLINE" ]; then
        abort="requests still running after ${DEADLINE}s"
    fi
    if [ -n "$abort" ]; then touch "$tmp/abort"; break; fi
    sleep 0.2
done
if [ -n "$abort" ]; then
    bad "stopped sending requests: $abort"
    for p in "${client_pids[@]}"; do kill "$p" 2>/dev/null || true; pkill -TERM -P "$p" 2>/dev/null || true; done
fi
for p in "${client_pids[@]}"; do wait "$p" 2>/dev/null || true; done
client_pids=()
echo "requests done in $(($(date +%s) - start))s"

[ -z "$abort" ] || kill "$consumer_pid" 2>/dev/null || true
wait "$consumer_pid" || true
consumer_pid=
consumed=$(grep '^CONSUMED' "$tmp/consumer.out" || true)
echo "consumer: ${consumed:-$(tail -3 "$tmp/consumer.out")}"
left=$(php_ours "$ROOT/fpm/drain.php" "$key" "$((key + 1))" "$((key + 2))" 2>&1)

# Responses: one summary line per request, checked by fpm/analyse.php, which makes ANALYSE_CHECKS checks (responses,
# sends, echoes, misbehaving requests, state bleeding, requests per worker, memory, RSS): lib.sh tally counts them,
# so an analysis that dies or stops early fails.
ANALYSE_CHECKS=8
analysis=$(tally "fpm/analyse.php" "$ANALYSE_CHECKS" "$PHP" -n "$ROOT/fpm/analyse.php" "$tmp/resp" "$REQUESTS" \
    "$WORKERS" "$RSS_SLACK_KB")
printf '%s\n' "$analysis" | sed '$d'
summary_counts "$(tail -n 1 <<<"$analysis")" 0
pass=$((pass + SUM_PASS)) fail=$((fail + SUM_FAIL))

expect="CONSUMED total=$REQUESTS unique=$REQUESTS dups=0 missing=0 bad=0 errors=0"
if [[ "$consumed" == "$expect "* ]]; then
    ok "the CLI consumer received each of the $REQUESTS jobs exactly once"
else
    bad "consumer: expected '$expect', got '${consumed:-nothing}'"
fi
if [ "$(grep -c 'count=0$' <<<"$left")" -eq 3 ]; then
    ok "no job left on the queue after the consumer (no extra or duplicated sends), scratch queues empty"
else
    bad "messages left over: $(tr '\n' ' ' <<<"$left")"
fi

workers_after=$(children)
if [ "$workers_after" = "$workers_before" ] && kill -0 "$fpm_pid" 2>/dev/null; then
    ok "no worker died or was replaced (same $WORKERS worker PIDs at the end)"
else
    bad "workers changed: before '$workers_before', after '$workers_after'"
fi
if grep -Ei 'exited on signal|exited with code|SIGSEGV|core dumped|ALERT|ERROR' "$tmp/fpm.log" "$tmp/fpm.out" >"$tmp/log-problems"; then
    bad "php-fpm log reports problems: $(head -5 "$tmp/log-problems" | tr '\n' ' ')"
else
    ok "php-fpm log has no crash, error or alert"
fi

finish

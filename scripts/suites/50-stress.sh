#!/usr/bin/env bash
# "Never lose, never crash": the PHP programs in stress/ run against the extension in EXT, one test each.
# A program passes with exit 0 and a last line starting with PASS. Exit 77 with a last line starting with XFAIL is a
# failure that one of the README's deliberate differences explains; the programs return it only when Debian's C
# module is the one loaded, and it is counted as skipped.
#
# Env: ROOT, EXT, PHP (from scripts/test or scripts/lib.sh). STRESS_SCALE=large runs the big documented settings
# (tens of minutes); STRESS_ONLY="soak eidrm" runs a subset. To try the programs on the C extension:
#   EXT=$(php-config --extension-dir)/sysvmsg.so bash scripts/suites/50-stress.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# Queues are system-wide: outside a private IPC namespace, re-run inside one.
if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ] && [ -z "${STRESS_NO_UNSHARE:-}" ]; then
    say "not in a private IPC namespace: re-running under unshare --ipc"
    exec unshare --ipc bash "${BASH_SOURCE[0]}" "$@"
fi

[ -f "$EXT" ] || { say "extension $EXT not built (cargo build --release)"; echo "0 passed, 1 failed"; exit 1; }

# posix (posix_kill) and pcntl (fork, signals) may be built in or shared modules depending on the PHP build.
PHPARGS=(-n -d "extension=$EXT")
for mod in pcntl posix; do
    if ! "$PHP" -n -r "exit(extension_loaded('$mod') ? 0 : 1);" 2>/dev/null; then
        PHPARGS+=(-d "extension=$mod")
    fi
done
if ! "$PHP" "${PHPARGS[@]}" -r 'exit(function_exists("posix_kill") && function_exists("pcntl_fork") && function_exists("msg_send") ? 0 : 1);'; then
    say "PHP cannot load $EXT together with pcntl and posix"
    echo "0 passed, 1 failed"
    exit 1
fi

SCALE=${STRESS_SCALE:-small}
if [ "$SCALE" = large ]; then LIMIT=${STRESS_TIMEOUT:-3600}; else LIMIT=${STRESS_TIMEOUT:-180}; fi
TESTS=(producers_consumers producers_consumers_msgmax msgmax_churn backpressure signals eidrm fuzz_unserialize soak huge_max)
[ -n "${STRESS_ONLY:-}" ] && read -r -a TESTS <<<"$STRESS_ONLY"
say "stress programs at scale '$SCALE' with $EXT (time limit ${LIMIT}s each)"

pass=0 fail=0 skip=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for t in "${TESTS[@]}"; do
    say "$t"
    start=$(date +%s)
    rc=0
    case $t in
        producers_consumers_msgmax)
            # The same program with kernel.msgmax raised to 1 MiB, as admins do for big jobs, in an IPC namespace of
            # its own (the limits are per namespace): messages up to 1 MiB, each handed to blocked consumers.
            # Fewer messages, as a quarter of them are near 1 MiB.
            STRESS_SCALE=$SCALE PC_MAXLEN=$((1 << 20)) PC_QBYTES=$((8 << 20)) \
                PC_MESSAGES=$([ "$SCALE" = large ] && echo 6000 || echo 1500) \
                timeout --kill-after=10 "$LIMIT" unshare --ipc sh -c '
                    echo 1048576 > /proc/sys/kernel/msgmax && echo 8388608 > /proc/sys/kernel/msgmnb && exec "$@"' \
                sh "$PHP" "${PHPARGS[@]}" "$ROOT/stress/producers_consumers.php" >"$out" 2>&1 || rc=$?
            ;;
        msgmax_churn)
            # It sets kernel.msgmax and msgmnb up and down while workers run: in an IPC namespace of its own, so the
            # programs after it start from the defaults.
            STRESS_SCALE=$SCALE timeout --kill-after=10 "$LIMIT" unshare --ipc "$PHP" "${PHPARGS[@]}" \
                "$ROOT/stress/msgmax_churn.php" >"$out" 2>&1 || rc=$?
            ;;
        *)
            STRESS_SCALE=$SCALE timeout --kill-after=10 "$LIMIT" "$PHP" "${PHPARGS[@]}" "$ROOT/stress/$t.php" \
                >"$out" 2>&1 || rc=$?
            ;;
    esac
    secs=$(($(date +%s) - start))
    sed 's/^/    /' "$out" >&2
    last=$(tail -n 1 "$out")
    if [ $rc -eq 0 ] && [[ $last == PASS* ]]; then
        pass=$((pass + 1))
        printf '  PASS  %-20s %3ss\n' "$t" "$secs"
    elif [ $rc -eq 77 ] && [[ $last == XFAIL* ]]; then
        skip=$((skip + 1))
        printf '  XFAIL %-20s %3ss  expected with the C extension: a deliberate difference (README)\n' "$t" "$secs"
    else
        fail=$((fail + 1))
        [ $rc -eq 124 ] && last="timed out after ${LIMIT}s"
        printf '  FAIL  %-20s %3ss  exit %s: %s\n' "$t" "$secs" "$rc" "$last"
    fi
done

report "$pass" "$fail" "$skip"

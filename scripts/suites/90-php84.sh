#!/usr/bin/env bash
# PHP 8.4: builds the extension against Debian 13's PHP 8.4 inside a cached trixie root (scripts/php84-root; nothing of
# 8.4 is installed on the host) and, inside that root, checks
#   (a) php-tests/ with our 8.4 build and with 8.4's C sysvmsg (8.4's run-tests.php), one check per test and module;
#   (b) php-src's own ext/sysvmsg/tests of 8.4, unchanged, with ours and with the C module;
#   (c) Reflection: scripts/suites/20-reflection.sh inside the root (`--rf` of the seven functions, `--rc SysvMessageQueue`, `--re sysvmsg`);
#   (d) scripts/suites/40-interop.sh (C module <-> ours, and the C peer), when that suite exists;
#   (e) across versions: the host's PHP 8.2 C module sends, our 8.4 build receives, and the reverse (the root then
#       shares this suite's IPC namespace), with interop/'s cases, values and exact bytes.
# Every `php84-root run` has its own IPC namespace, so queues never leak between steps or to the host.
#
# Env: SKIP_PHP84=1 skips the whole suite (CI does not set it). SYSVMSG_CACHE moves the cache (root ~1.3 GB with the php-src 8.4 tree).
#      PHPT_JOBS (default 2), PHPT_TIMEOUT (default 60 s per test).
# First run: about 2-3 minutes for the root, plus a cold cargo build; on a warm cache it takes about a minute.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# ---- steps that run inside the root (this same file, called as `--inside STEP ...` with ROOT=/src) ----

# phpt LABEL EXT DIR: run-tests.php of the root's PHP over DIR; one check per test. A DIR outside the repository
# (php-src's tests in the root's cache) is copied first, so run-tests' result files stay out of the cached sources;
# php-tests/ runs in place (its tests read ../stubs, and .gitignore covers the result files).
# Prints the problems, then "P passed, F failed, S skipped".
inside_phpt() {
    local label=$1 ext=$2 dir=$3 work status log pass fail skip
    local run_tests php_bin
    run_tests="$(php-config --extension-dir)/build/run-tests.php"
    php_bin=$(command -v php)
    work=$(mktemp -d)
    status=$work/status log=$work/log
    local t=$dir
    case $dir in
        "$ROOT"/*) ;;
        *) cp -r "$dir" "$work/t"; t=$work/t ;;
    esac
    NO_INTERACTION=1 NO_COLOR=1 "$php_bin" "$run_tests" -n -p "$php_bin" -d "extension=$ext" -q \
        -j"${PHPT_JOBS:-2}" --set-timeout "${PHPT_TIMEOUT:-60}" --show-diff -W "$status" "$t" >"$log" 2>&1 || true
    pass=$(grep -c -E '^(PASSED|XFAILED)'$'\t' "$status" || true)
    skip=$(grep -c -E '^SKIPPED'$'\t' "$status" || true)
    fail=$(grep -c -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$status" || true)
    if [ $((pass + fail + skip)) -eq 0 ]; then
        cat "$log"
        fail=1
    fi
    if [ "$fail" -gt 0 ]; then
        grep -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$status" | sed "s|$t/||; s|^|  $label: |" || true
        sed -n '/^========DIFF========/,/^========DONE========/p' "$log"
    fi
    grep -E 'SKIP.*reason:' "$log" | sed -E "s|^.*\[([^]]*/)?([^]/]*)\] reason: |  $label: skipped \2: |" || true
    rm -rf "$work"
    echo "$pass passed, $fail failed, $skip skipped"
}

if [ "${1:-}" = --inside ]; then
    shift
    step=$1
    shift
    case $step in
        phpt) inside_phpt "$@" ;;
        *) echo "unknown inside step $step"; exit 2 ;;
    esac
    exit 0
fi

# ---- on the host ----

# Queues are made below (and in the root when it shares this namespace): never in the host's IPC namespace.
if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ]; then
    exec unshare --ipc "$BASH" "${BASH_SOURCE[0]}" "$@"
fi

[ "${SKIP_PHP84:-0}" = 1 ] && skip_suite "SKIP_PHP84=1 (the PHP 8.4 checks need a Debian 13 root of about 1.3 GB, built by scripts/php84-root)"

R=$ROOT/scripts/php84-root
SELF=scripts/suites/90-php84.sh   # as seen from /src inside the root
EXT84=/src/target/php84/release/libsysvmsg_rs.so
pass=0 fail=0 skip=0
t_suite=$SECONDS
timings=()

# counted LABEL CMD...: runs CMD (whose last line is "P passed, F failed[, S skipped]"), shows its output and adds
# the counts; a command that ends without that line counts as one failure.
counted() {
    local label=$1 out rc=0 last t0=$SECONDS
    shift
    say "$label"
    out=$("$@" 2>&1) || rc=$?
    printf '%s\n' "$out" | sed '$d'
    last=$(printf '%s\n' "$out" | tail -n 1)
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
        pass=$((pass + BASH_REMATCH[1])) fail=$((fail + BASH_REMATCH[2])) skip=$((skip + ${BASH_REMATCH[4]:-0}))
        echo "  $label: $last"
        if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
            echo "  FAIL $label: exit status $rc although no failure was reported"
            fail=$((fail + 1))
        fi
    else
        echo "  $last"
        echo "  FAIL $label: exit status $rc, no summary line"
        fail=$((fail + 1))
    fi
    timings+=("$(printf '%-34s %4d s' "$label" $((SECONDS - t0)))")
}

timed() {
    local label=$1 t0=$SECONDS rc=0
    shift
    "$@" || rc=$?
    timings+=("$(printf '%-34s %4d s' "$label" $((SECONDS - t0)))")
    return $rc
}

finish() {
    echo "timings:"
    printf '  %s\n' "${timings[@]}" "$(printf '%-34s %4d s' total $((SECONDS - t_suite)))"
    report "$pass" "$fail" "$skip"
}

say "preparing the Debian 13 root (cached in $("$R" path))"
if ! timed "root" "$R" prepare; then
    echo "  FAIL: the PHP 8.4 root could not be prepared"
    fail=$((fail + 1))
    finish
    exit 1
fi
"$R" run php -v | head -n 1 || true

say "building the extension against PHP 8.4 (CARGO_TARGET_DIR=target/php84 inside the root)"
built=1
if timed "cargo build --release (8.4)" "$R" run cargo build --release --locked -p sysvmsg-rs; then
    echo "  PASS build against PHP 8.4"
    pass=$((pass + 1))
    if "$R" run php -n -d "extension=$EXT84" -r 'exit(extension_loaded("sysvmsg") ? 0 : 1);'; then
        echo "  PASS PHP 8.4 loads the build as module sysvmsg"
        pass=$((pass + 1))
    else
        echo "  FAIL PHP 8.4 does not load $EXT84"
        fail=$((fail + 1)) built=0
    fi
else
    echo "  FAIL build against PHP 8.4"
    fail=$((fail + 1)) built=0
fi

# not_built LABEL: a check that needs our 8.4 build, which is missing: one failure.
not_built() { echo "  FAIL $1: no loadable 8.4 build"; fail=$((fail + 1)); }

if [ $built = 1 ]; then
    counted "(a) php-tests, ours (8.4)" "$R" run bash "$SELF" --inside phpt ours "$EXT84" /src/php-tests
else not_built "(a) php-tests, ours"; fi
counted "(a) php-tests, C module (8.4)" "$R" run bash "$SELF" --inside phpt c sysvmsg /src/php-tests

# php-src's tests through scripts/php-source inside the root (the same policy as 30-upstream): no source at all is
# a skip with its reason, any other failure a failure.
say "(b) php-src's ext/sysvmsg/tests of the root's PHP 8.4 (scripts/php-source)"
src_err=$(mktemp)
src_rc=0
upstream=$("$R" php-src-tests 2>"$src_err") || src_rc=$?
cat "$src_err" >&2
if [ $src_rc -eq 0 ]; then
    if [ $built = 1 ]; then
        counted "(b) php-src tests, ours (8.4)" "$R" run bash "$SELF" --inside phpt ours "$EXT84" "$upstream"
    else not_built "(b) php-src tests, ours"; fi
    counted "(b) php-src tests, C module (8.4)" "$R" run bash "$SELF" --inside phpt c sysvmsg "$upstream"
elif [ $src_rc -eq 3 ]; then
    echo "skipped: (b) php-src tests of 8.4: $(tail -n 1 "$src_err")"
    skip=$((skip + 1))
else
    echo "  FAIL (b): scripts/php-source 8.4 failed in the root (exit status $src_rc): $(tail -n 1 "$src_err")"
    fail=$((fail + 1))
fi
rm -f "$src_err"

if [ $built = 1 ]; then
    counted "(c) Reflection, C vs ours (8.4)" "$R" run env EXT="$EXT84" bash scripts/suites/20-reflection.sh
else not_built "(c) Reflection"; fi

if [ -f "$ROOT/scripts/suites/40-interop.sh" ]; then
    if [ $built = 1 ]; then
        counted "(d) interop (8.4)" "$R" run env EXT="$EXT84" bash scripts/suites/40-interop.sh
    else not_built "(d) interop"; fi
else
    echo "  skipped (d): scripts/suites/40-interop.sh does not exist"
    skip=$((skip + 1))
fi

# cross LABEL SENDER... -- RECEIVER...: the sender sends interop/'s "php" set twice, the receiver checks values and
# bytes (one PASS/FAIL line each); checks it never reported count as failures.
cross() {
    local label=$1 snd=() rcv=() out rc=0 p f expected
    shift
    while [ "$1" != -- ]; do snd+=("$1"); shift; done
    shift
    rcv=("$@")
    expected=$(($(php_c "$ROOT/interop/cases.php" hex php | wc -l) * 2 + 1))
    php_c "$ROOT/interop/remove.php" "$XKEY" >/dev/null
    if ! "${snd[@]}" "$XKEY" php 2; then
        echo "FAIL $label: the sender failed"
    fi
    out=$("${rcv[@]}" "$XKEY" php 2 "$label" 2>&1) || rc=$?
    php_c "$ROOT/interop/remove.php" "$XKEY" >/dev/null
    printf '%s\n' "$out" | sed 's/^/  /'
    p=$(printf '%s\n' "$out" | grep -c '^PASS' || true)
    f=$(printf '%s\n' "$out" | grep -c '^FAIL' || true)
    [ $((p + f)) -ge "$expected" ] || f=$((expected - p))
    [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
    echo "$p passed, $f failed"
}

if [ -f "$ROOT/interop/send.php" ] && [ -f "$ROOT/interop/recv.php" ]; then
    if [ $built = 1 ]; then
        XKEY=0x51574E84
        export PHP84_SHARE_IPC=1
        counted "(e) 8.2 C sends, 8.4 ours receives" cross 8.2-C-\>8.4-ours php_c "$ROOT/interop/send.php" -- \
            "$R" run php -n -d "extension=$EXT84" /src/interop/recv.php
        counted "(e) 8.4 ours sends, 8.2 C receives" cross 8.4-ours-\>8.2-C \
            "$R" run php -n -d "extension=$EXT84" /src/interop/send.php -- php_c "$ROOT/interop/recv.php"
        unset PHP84_SHARE_IPC
    else not_built "(e) 8.2 <-> 8.4"; fi
else
    echo "  skipped (e): interop/send.php and recv.php do not exist"
    skip=$((skip + 1))
fi

finish

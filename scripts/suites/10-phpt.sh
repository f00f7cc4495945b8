#!/usr/bin/env bash
# PHP-level tests: php-tests/*.phpt through PHP's own run-tests.php, once against our extension ($EXT) and once
# against Debian's C sysvmsg, so every expectation is checked against the reference implementation as well.
# The tests of the deliberate differences (diff_*.phpt) skip themselves when the C module is loaded.
#
# Run one test by hand (inside a private IPC namespace, as root), with the C module or with ours:
#   unshare --ipc php "$(php-config --extension-dir)/build/run-tests.php" -n -p "$(command -v php)" \
#       -d extension=sysvmsg -q --show-diff php-tests/send_receive_basic.phpt
#   ... -d extension="$PWD/target/release/libsysvmsg_rs.so" ...
# run-tests.php leaves NAME.php/.out/.diff/.exp next to a failed test; `--keep-all` keeps them for passing ones too.
#
# Env: PHPT_JOBS (default 2; every test uses its own queue keys, so parallel workers do not interfere),
#      PHPT_TIMEOUT (seconds per test, default 60).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

ensure_pkgs php8.2-cli php8.2-dev

RUN_TESTS="$(php-config --extension-dir)/build/run-tests.php"
PHP_BIN=$(command -v "$PHP")
JOBS=${PHPT_JOBS:-2}
TIMEOUT=${PHPT_TIMEOUT:-60}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

total_pass=0 total_fail=0 total_skip=0

# run_half LABEL EXTENSION-SPEC: runs the whole directory, prints the per-test problems and "LABEL: ..." counts.
run_half() {
    local label=$1 ext=$2 status=$TMP/$1.status log=$TMP/$1.log pass fail skip
    say "$label: run-tests.php with -d extension=$ext (-j$JOBS)"
    : > "$status"
    # -W writes "STATUS<TAB>file" for every test: simpler and sturdier to count than the human summary.
    # run-tests.php exits non-zero when a test fails; the counts below decide, so its status is ignored.
    NO_INTERACTION=1 NO_COLOR=1 "$PHP_BIN" "$RUN_TESTS" -n -p "$PHP_BIN" -d "extension=$ext" -q -j"$JOBS" \
        --set-timeout "$TIMEOUT" --show-diff -W "$status" "$ROOT/php-tests" > "$log" 2>&1 || true
    pass=$(grep -c -E '^(PASSED|XFAILED)'$'\t' "$status" || true)
    skip=$(grep -c -E '^SKIPPED'$'\t' "$status" || true)
    fail=$(grep -c -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$status" || true)
    if [ $((pass + fail + skip)) -eq 0 ]; then
        # nothing ran at all (bad PHP, unreadable directory...): show why and count it as a failure
        cat "$log" >&2
        fail=1
    fi
    if [ "$fail" -gt 0 ]; then
        grep -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$status" | sed "s|$ROOT/||; s|^|$label: |" >&2 || true
        # the diffs of the failed tests, as printed by --show-diff
        sed -n '/^========DIFF========/,/^========DONE========/p' "$log" >&2
    fi
    grep -E 'SKIP.*reason:' "$log" | sed -E 's/^.*\[(php-tests\/[^]]*)\] reason: /\1: /; s/^/'"$label"': skipped /' >&2 || true
    echo "$label: $pass passed, $fail failed, $skip skipped"
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    total_skip=$((total_skip + skip))
}

# Every test skips itself when no sysvmsg is loaded, so a library that PHP refuses must fail here, not skip.
if [ ! -f "$EXT" ]; then
    say "ours: $EXT does not exist -- build it first (cargo build --release); counting this as a failure"
    echo "ours: 0 passed, 1 failed, 0 skipped (extension not built)"
    total_fail=$((total_fail + 1))
elif ! load_out=$("$PHP_BIN" -n -d "extension=$EXT" -r 'exit(extension_loaded("sysvmsg") ? 0 : 1);' 2>&1); then
    say "ours: PHP does not load $EXT as module sysvmsg; counting this as a failure"
    printf '%s\n' "$load_out" >&2
    echo "ours: 0 passed, 1 failed, 0 skipped (extension does not load)"
    total_fail=$((total_fail + 1))
else
    run_half ours "$EXT"
fi

if "$PHP_BIN" -n -d extension=sysvmsg -r 'exit(extension_loaded("sysvmsg") ? 0 : 1);' 2>/dev/null; then
    run_half c sysvmsg
else
    say "c: Debian's C sysvmsg cannot be loaded with -d extension=sysvmsg; counting this as a failure"
    echo "c: 0 passed, 1 failed, 0 skipped (C module missing)"
    total_fail=$((total_fail + 1))
fi

echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]

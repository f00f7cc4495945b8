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

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export PHPT_WORK=$TMP PHPT_JOBS=${PHPT_JOBS:-2} PHPT_TIMEOUT=${PHPT_TIMEOUT:-60}

total_pass=0 total_fail=0 total_skip=0

# run_half LABEL EXTENSION-SPEC: the whole directory with that module (scripts/lib.sh phpt_run), summed up.
run_half() {
    phpt_run "$1" "$2" "$ROOT/php-tests"
    total_pass=$((total_pass + PHPT_PASS))
    total_fail=$((total_fail + PHPT_FAIL))
    total_skip=$((total_skip + PHPT_SKIP))
}

if [ ! -f "$EXT" ]; then
    say "ours: $EXT does not exist -- build it first (cargo build --release); counting this as a failure"
    echo "ours: 0 passed, 1 failed, 0 skipped (extension not built)"
    total_fail=$((total_fail + 1))
elif ! phpt_module_loads "$(command -v "$PHP")" "$EXT"; then
    say "ours: counting this as a failure"
    echo "ours: 0 passed, 1 failed, 0 skipped (extension does not load)"
    total_fail=$((total_fail + 1))
else
    run_half ours "$EXT"
fi

if "$PHP" -n -d extension=sysvmsg -r 'exit(extension_loaded("sysvmsg") ? 0 : 1);' 2>/dev/null; then
    run_half c sysvmsg
else
    say "c: Debian's C sysvmsg cannot be loaded with -d extension=sysvmsg; counting this as a failure"
    echo "c: 0 passed, 1 failed, 0 skipped (C module missing)"
    total_fail=$((total_fail + 1))
fi

echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]

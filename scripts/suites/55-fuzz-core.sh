#!/usr/bin/env bash
# cargo-fuzz over the core crate's msgbuf layout code (fuzz/fuzz_targets/msgbuf_layout.rs): arbitrary sequences of
# buffer operations and borrowed views, checking the layout invariants after each step. It already found one real
# bug (an unused buffer lent a msgbuf without its type word).
# FUZZ_SECONDS (default 30) sets the run time; FUZZ=0 skips with a printed reason (neither in CI). cargo-fuzz needs
# nightly features; the stable toolchain here runs it with RUSTC_BOOTSTRAP=1. The run counts only when libFuzzer
# reports that it ran inputs ("Done N runs", N > 0).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

skip_switch FUZZ 0 "the cargo-fuzz run of the core crate"
# libFuzzer (built by cargo-fuzz's libfuzzer-sys) is C++.
command -v c++ >/dev/null 2>&1 || ensure_pkgs g++ >/dev/null
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    say "installing cargo-fuzz 0.13.1"
    cargo install cargo-fuzz --version 0.13.1 --locked >&2
fi
seconds=${FUZZ_SECONDS:-30}
cd "$ROOT/fuzz"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if RUSTC_BOOTSTRAP=1 cargo fuzz run msgbuf_layout -- -max_total_time="$seconds" >"$log" 2>&1 &&
    grep -qE '^Done [1-9][0-9]* runs' "$log"; then
    grep -E '^Done [0-9]+ runs' "$log"
    echo "1 passed, 0 failed"
else
    tail -40 "$log"
    echo "0 passed, 1 failed"
    exit 1
fi

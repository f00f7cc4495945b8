#!/usr/bin/env bash
# Smoke test of the benchmark: `bash bench/run --quick` must run both extensions through every case and print the
# table. Nothing about speed is asserted here (timings on shared CI machines mean nothing); the figures are only
# shown. The full benchmark is `bash bench/run` (docs/benchmark.md).
#
# Env: ROOT, EXT, PHP (from scripts/test or scripts/lib.sh). BENCH=0 skips the suite (not in CI); BENCH_SMOKE_TIMEOUT (seconds,
# default 900) bounds the run.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

skip_switch BENCH 0 "the benchmark smoke test"
[ -f "$EXT" ] || { say "extension $EXT not built (cargo build --release)"; echo "0 passed, 1 failed"; exit 1; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
say "bash bench/run --quick (callgrind and short wall runs of every case, both extensions)"
rc=0
# EXT is set, so bench/run measures the extension under test and does not rebuild it.
SKIP_BUILD=1 timeout -k 10 "${BENCH_SMOKE_TIMEOUT:-900}" bash "$ROOT/bench/run" --quick | tee "$out" || rc=${PIPESTATUS[0]}

problems=()
[ "$rc" -eq 0 ] || problems+=("bench/run exited with status $rc")
grep -q '^| case | C Ir/pair | ours Ir/pair | ratio | C ns/pair | ours ns/pair | ratio |$' "$out" ||
    problems+=("no table header")
rows=$(grep -c '^| [0-9a-z].* |$' "$out" || true)
[ "$rows" -ge 9 ] || problems+=("$rows table rows, expected 9")
# The 16 B row must carry a figure in each of the six columns: every part of the benchmark produced a number.
row=$(grep '^| 16 B raw (serialize=false' "$out" || true)
[[ $row =~ ^\|[^|]+(\|\ *[0-9.]+\ *){6}\|$ ]] || problems+=("the 16 B row is incomplete: ${row:-missing}")

echo
if [ ${#problems[@]} -eq 0 ]; then
    echo "ok   benchmark ran and printed the table"
    echo "1 passed, 0 failed"
else
    printf 'FAIL %s\n' "${problems[@]}"
    echo "0 passed, 1 failed"
    exit 1
fi

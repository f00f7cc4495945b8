#!/usr/bin/env bash
# The runners cannot be fooled: each counting helper of scripts/lib.sh gets a dying, a truncated and a zero-test
# input and must report a failure, and a good input, which it must count exactly (a runner that always failed would
# pass the first three). The runners: phpt_run (every phpt suite), its PHPT_KNOWN excuses (58-aarch64), tally
# (40-interop, 70-fpm, the interop steps), counted (the suites made of steps), cargo_test_counted (cargo test,
# 57-aarch64-core), summary_counts (what scripts/test and counted read from a suite), and the CI list of permanent
# skips. Seconds; no extension needed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ensure_pkgs php8.2-cli php8.2-dev >/dev/null
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
steps_init

# expect_fail LABEL FAILED-COUNT: a bad input must have been counted as at least one failure.
expect_fail() {
    if [ "$2" -gt 0 ]; then ok "$1: counted as $2 failure(s)"; else ko "$1: counted as no failure"; fi
}
# expect_counts LABEL GOT WANT: a good input must be counted exactly.
expect_counts() {
    if [ "$2" = "$3" ]; then ok "$1: $2"; else ko "$1: counted '$2', expected '$3'"; fi
}

# ---- phpt_run ----

# phpt DIR NAME BODY: a test NAME.phpt in DIR whose --FILE-- section is BODY and which expects "ok".
phpt() {
    mkdir -p "$1"
    printf -- '--TEST--\nselftest %s\n--FILE--\n<?php\n%s\necho "ok\\n";\n--EXPECT--\nok\n' "$2" "$3" >"$1/$2.phpt"
}
# run_phpt LABEL DIR [VAR=VALUE...]: phpt_run over DIR (any extension spec: these tests need none); sets the counts.
run_phpt() {
    local label=$1 dir=$2
    shift 2
    # shellcheck disable=SC2016 # expanded by the inner bash
    env "$@" bash -c '. "$ROOT/scripts/lib.sh"; phpt_run "$1" "$2" "$3"; echo "$PHPT_PASS $PHPT_FAIL $PHPT_SKIP"' _ \
        "$label" "$(php-config --extension-dir)/sysvmsg.so" "$dir" 2>"$TMP/$label.err" | tail -n 1
}

for t in a b c; do phpt "$TMP/good" "$t" ''; done
expect_counts "phpt_run, three good tests" "$(run_phpt good "$TMP/good" PHPT_JOBS=1)" "3 0 0"

# A real run-tests.php killed while it runs: the second test kills every run-tests.php process above it.
phpt "$TMP/dying" a ''
# shellcheck disable=SC2016 # PHP code
phpt "$TMP/dying" b '$p = getmypid();
while (($p = (int) preg_replace("/^.*\) \S+ (\d+) .*$/s", "$1", file_get_contents("/proc/$p/stat"))) > 1) {
    if (str_contains(file_get_contents("/proc/$p/cmdline"), "run-tests.php")) exec("kill -9 $p");
}'
phpt "$TMP/dying" c ''
read -r p f _ <<<"$(run_phpt dying "$TMP/dying" PHPT_JOBS=1)"
if grep -q 'dying: MISSING' "$TMP/dying.err"; then
    expect_fail "phpt_run, run-tests.php killed by the second of three tests ($p passed)" "$f"
else
    ko "phpt_run, the second of three tests did not kill run-tests.php: $(grep 'dying:' "$TMP/dying.err" | head -n 3)"
fi

# A stub run-tests.php: writes results for some tests into its -W file, then exits or dies.
cat >"$TMP/stub-run-tests.php" <<'PHP'
<?php
// STUB_RESULTS tests get PASSED (in sorted order), then the stub exits with STUB_EXIT, or kills itself.
$w = $argv[array_search('-W', $argv) + 1];
$dir = end($argv);
$tests = glob("$dir/*.phpt");
sort($tests);
foreach (array_slice($tests, 0, (int) getenv('STUB_RESULTS')) as $t) file_put_contents($w, "PASSED\t$t\n", FILE_APPEND);
if (getenv('STUB_EXIT') === 'kill') exec('kill -9 ' . getmypid());
exit((int) getenv('STUB_EXIT'));
PHP
stub=(PHPT_RUN_TESTS="$TMP/stub-run-tests.php")
read -r _ f _ <<<"$(run_phpt stub-dying "$TMP/good" "${stub[@]}" STUB_RESULTS=1 STUB_EXIT=kill)"
expect_fail "phpt_run, run-tests.php dies (SIGKILL) after 1 of 3 results" "$f"
read -r _ f _ <<<"$(run_phpt stub-truncated "$TMP/good" "${stub[@]}" STUB_RESULTS=2 STUB_EXIT=0)"
expect_fail "phpt_run, 2 of 3 results and exit status 0" "$f"
read -r _ f _ <<<"$(run_phpt stub-status "$TMP/good" "${stub[@]}" STUB_RESULTS=3 STUB_EXIT=1)"
expect_fail "phpt_run, 3 of 3 results passed but exit status 1" "$f"
mkdir -p "$TMP/empty"
read -r _ f _ <<<"$(run_phpt empty "$TMP/empty")"
expect_fail "phpt_run, a directory without .phpt files" "$f"
read -r _ f _ <<<"$(run_phpt zero "$TMP/good" "${stub[@]}" STUB_RESULTS=0 STUB_EXIT=0)"
expect_fail "phpt_run, run-tests.php reports no test at all" "$f"

# PHPT_KNOWN: a failure is excused only when every differing line matches the entry; a test that also differs
# elsewhere still fails.
mkdir -p "$TMP/known"
printf -- '--TEST--\nexcusable\n--FILE--\n<?php\necho "same\\nfield: 1\\n";\n--EXPECT--\nsame\nfield: 0\n' \
    >"$TMP/known/excusable.phpt"
printf -- '--TEST--\nnot excusable\n--FILE--\n<?php\necho "other\\nfield: 1\\n";\n--EXPECT--\nsame\nfield: 0\n' \
    >"$TMP/known/not_excusable.phpt"
# Two differing lines far apart: run-tests.php's diff has two hunks, "--" between them.
{
    printf -- '--TEST--\nexcusable in two places\n--FILE--\n<?php\necho "field: 1\\n";\n'
    printf 'echo "same\\n";\n%.0s' 1 2 3 4 5 6 7 8 9 10
    printf 'echo "field: 1\\n";\n--EXPECT--\nfield: 0\n'
    printf 'same\n%.0s' 1 2 3 4 5 6 7 8 9 10
    printf 'field: 0\n'
} >"$TMP/known/excusable_twice.phpt"
printf '%s\t^field: [01]$\t%s\n' excusable.phpt 'the platform gets field wrong' not_excusable.phpt 'the same' \
    excusable_twice.phpt 'the same' >"$TMP/known.tsv"
expect_counts "phpt_run, PHPT_KNOWN excuses only the listed lines" \
    "$(run_phpt known "$TMP/known" PHPT_JOBS=1 PHPT_KNOWN="$TMP/known.tsv")" "2 1 0"
if grep -q 'known: excused excusable.phpt: the platform gets field wrong' "$TMP/known.err"; then
    ok "phpt_run, an excused test is named with its reason"
else
    ko "phpt_run, an excused test is not named with its reason"
fi

# ---- tally ----
# (counted and the selftest's subshells read steps_init's counters)
# shellcheck disable=SC2154

# checker N-PASS [kill]: prints N-PASS "PASS" lines, then dies or exits 0.
checker() {
    local i
    for ((i = 1; i <= $1; i++)); do echo "PASS check $i"; done
    [ "${2:-}" != kill ] || kill -9 $BASHPID
}
tally_fails() { tally t "$@" | tail -n 1 | sed -E 's/^[0-9]+ passed, ([0-9]+) failed$/\1/'; }
expect_counts "tally, 3 of 3 checks" "$(tally t 3 checker 3 | tail -n 1)" "3 passed, 0 failed"
expect_fail "tally, the checker dies after 1 of 3 checks" "$(tally_fails 3 checker 1 kill)"
expect_fail "tally, 2 of 3 checks and exit status 0" "$(tally_fails 3 checker 2)"
expect_fail "tally, no check made" "$(tally_fails 3 checker 0)"
expect_fail "tally, no expected number" "$(tally_fails 0 checker 0)"
expect_fail "tally, 4 checks where 3 were expected" "$(tally_fails 3 checker 4)"

# ---- counted and summary_counts (scripts/test reads every suite's last line with it) ----

# step_output LAST-LINE [kill|EXIT]: prints a PASS line and LAST-LINE, then dies or exits with EXIT.
step_output() {
    echo "  PASS something"
    [ -z "$1" ] || echo "$1"
    case ${2:-0} in kill) kill -9 $BASHPID ;; *) return "${2:-0}" ;; esac
}
counted_fails() { (steps_init; counted c step_output "$@" >/dev/null 2>&1; echo "$fail"); }
expect_counts "counted, 2 passed" "$(steps_init; counted c step_output '2 passed, 0 failed' >/dev/null 2>&1; echo "$pass $fail")" "2 0"
expect_fail "counted, the step dies before its summary line" "$(counted_fails '' kill)"
expect_fail "counted, a summary line but exit status 1" "$(counted_fails '2 passed, 0 failed' 1)"
expect_fail "counted, 0 passed, 0 failed" "$(counted_fails '0 passed, 0 failed')"
summary_counts "0 passed, 0 failed, 1 skipped" 0
expect_counts "summary_counts, a suite that skips as a whole" "$SUM_PASS $SUM_FAIL $SUM_SKIP" "0 0 1"
summary_counts "" 137
expect_fail "summary_counts, a suite killed without its summary line" "$SUM_FAIL"
summary_counts "5 passed, 0 failed" 1
expect_fail "summary_counts, 5 passed but exit status 1" "$SUM_FAIL"
summary_counts "0 passed, 0 failed" 0
expect_fail "summary_counts, a suite that ran nothing" "$SUM_FAIL"

# ---- cargo_test_counted ----

# fake_cargo: prints cargo test's "test result:" lines from FAKE_RESULTS ("passed failed" pairs), then exits with
# FAKE_EXIT or dies.
fake_cargo() {
    local p f
    for r in $FAKE_RESULTS; do
        p=${r%/*} f=${r#*/}
        echo "test result: ok. $p passed; $f failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s"
    done
    case $FAKE_EXIT in kill) kill -9 $BASHPID ;; *) return "$FAKE_EXIT" ;; esac
}
cargo_fails() {
    FAKE_RESULTS=$2 FAKE_EXIT=$3 CARGO_TEST_CMD=fake_cargo cargo_test_counted "$1" 2>/dev/null | tail -n 1 |
        sed -E 's/^[0-9]+ passed, ([0-9]+) failed$/\1/'
}
expect_counts "cargo_test_counted, 3 + 2 tests, at least 5" \
    "$(FAKE_RESULTS='3/0 2/0' FAKE_EXIT=0 CARGO_TEST_CMD=fake_cargo cargo_test_counted 5 2>/dev/null | tail -n 1)" \
    "5 passed, 0 failed"
expect_fail "cargo_test_counted, a test binary dies after the first one's 3 tests" "$(cargo_fails 5 3/0 kill)"
expect_fail "cargo_test_counted, 3 of at least 5 tests and exit status 0" "$(cargo_fails 5 3/0 0)"
expect_fail "cargo_test_counted, no test ran" "$(cargo_fails 5 0/0 0)"
summary_counts "$(FAKE_RESULTS=0/0 FAKE_EXIT=0 CARGO_TEST_CMD=fake_cargo cargo_test_counted 0 2>/dev/null | tail -n 1)" 0
expect_fail "cargo_test_counted, no test defined and none ran" "$SUM_FAIL"
expected_min=$(rust_test_minimum "$ROOT/src" "$ROOT/crates")
if [ "$expected_min" -gt 0 ]; then
    ok "rust_test_minimum: the sources define $expected_min tests that must pass"
else
    ko "rust_test_minimum: found no test in the sources"
fi

# ---- the CI list of permanent skips ----

id=$(permanent_skip_id "c: skipped diff_key0_private.phpt: deliberate difference: the loaded sysvmsg is the C extension" || true)
expect_counts "permanent_skip_id, a deliberate difference with the C module" "$id" c-module-differences
if id=$(permanent_skip_id "skipped: no PHP 8.2 source could be had: the mirror cannot be reached"); then
    ko "permanent_skip_id accepts an outage as permanent ($id)"
else
    ok "permanent_skip_id, an unreachable mirror is not a permanent skip"
fi

finish

#!/usr/bin/env bash
# The extension under PHP's own checkers: PHP built from source (scripts/php-build) as debug + ZTS and as debug +
# AddressSanitizer, the extension built against each, and php-tests/ plus php-src's ext/sysvmsg/tests run with
# run-tests.php of that same source, once with our module and once with the C sysvmsg.so of the same build (the
# reference). The ASan build runs in run-tests.php's `--asan` mode (system allocator with Zend's tracked allocator,
# LeakSanitizer at exit), as php-src's CI does; the debug build keeps Zend's allocator, which reports request leaks.
# The threads harness (threads/) runs several requests at once in the ZTS build's embed SAPI.
# 36-release-zts runs this same file for PHP 8.4's release + ZTS build (CHECKERS_CONFIGS=8.4:release-zts).
#
# A test fails when run-tests.php fails it, and also when anything it ran (SKIPIF and CLEAN sections included)
# printed a checker report on stderr: a debug build's "=== Total N memory leaks detected ===" or "Freeing 0x...",
# an assertion failure, an AddressSanitizer/LeakSanitizer/UBSan report. The tested PHP is a wrapper that copies its
# stderr to a log per process, so an expectation with %A cannot hide such a report.
#
# Builds: PHP 8.2 (the host's version) as debug + ZTS and as debug + ZTS + ASan, and PHP 8.4 as debug + ZTS + ASan
# (one build with all three checkers: the static argument tables, the engine structures and the allocator differ
# between versions). PHP 8.5 has no source on the mirror yet (scripts/php-source): it is not among the defaults.
#
# Cold cost on 2 cores: about 5 minutes per PHP build (cached afterwards under ~/.cache/sysvmsg-rs/php-builds),
# 2-3 minutes per extension build, a few minutes of tests.
#
# Env: CHECKERS_CONFIGS (default "debug-zts debug-zts-asan 8.4:debug-zts-asan": [SERIES:]CONFIG, the series
#      defaulting to the installed PHP's), PHPT_JOBS (default 2), PHPT_TIMEOUT (default 120),
#      THREADS_N / THREADS_MESSAGES (the harness: threads per role, messages per producer), CHECKERS_TARGET (the
#      directory of the per-build cargo target directories; default: target/checkers in the repository; lib.sh
#      ext_build). None of them in CI (scripts/test), where a PHP source the mirror cannot give is a failure.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

read -r -a CONFIGS <<<"${CHECKERS_CONFIGS:-debug-zts debug-zts-asan 8.4:debug-zts-asan}"
export PHPT_JOBS=${PHPT_JOBS:-2} PHPT_TIMEOUT=${PHPT_TIMEOUT:-120}
# A stderr line that makes a test fail whatever run-tests.php concluded.
CHECKER_RE='memory leaks? detected ===|Freeing 0x[0-9a-fA-F]+ \([0-9]+ bytes\)|Assertion .* failed|ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:|zend_mm_heap corrupted|not allocated through ZendMM'

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ensure_build_deps

total_p=0 total_f=0 total_s=0 rows=() failures=()

row() { rows+=("$(printf '%-18s %-5s %-11s %7s %7s %8s  %s' "$@")"); }

# make_wrapper WRAPPER REAL-PHP LOGDIR: a PHP binary for run-tests.php's -p that runs REAL-PHP and copies its stderr
# into a new file in LOGDIR, headed by its arguments (they name the test file it runs).
make_wrapper() {
    mkdir -p "$3"
    cat >"$1" <<EOF
#!/usr/bin/env bash
log=\$(mktemp "$3/XXXXXXXX")
printf 'args: %s\n' "\$*" >"\$log"
exec 2> >(exec tee -a "\$log" >&2)
exec "$2" "\$@"
EOF
    chmod +x "$1"
}

# checker_reports LOGDIR: "TEST<TAB>first report line" for every process that printed a checker report.
checker_reports() {
    local f t first
    for f in "$1"/*; do
        [ -f "$f" ] || continue
        first=$(tail -n +2 "$f" | grep -m1 -E "$CHECKER_RE") || continue
        t=$(head -n1 "$f" | grep -oE '[^ "]+\.php' | tail -n1 || true)
        t=$(basename "${t:-run-test-info.php}")
        t=${t%.skip.php} t=${t%.clean.php} t=${t%.php}.phpt
        # run-tests.php's own probes of the tested PHP (-r code, run-test-info.php) load the module too
        [ "$t" = run-test-info.phpt ] && t='(run-tests.php probes)'
        printf '%s\t%s\n' "$t" "$first"
    done | sort -u -t$'\t' -k1,1
}

# run_set CONFIG MODULE-LABEL EXTENSION-SPEC SET-NAME TEST-DIR [RUN-TESTS-OPTION...]: one run-tests.php run of
# TEST-DIR, counted into the totals, with checker reports turned into failures. A TEST-DIR outside the repository
# (php-src's tests in the shared source cache) is run from a private copy, as run-tests.php writes next to a test.
run_set() {
    local config=$1 module=$2 spec=$3 set=$4 dir=$5
    shift 5
    local label=$config-$module-$set copy=$dir logs=$TMP/stderr/$config-$module-$set
    local reports extra=0 t msg status
    local -A why=()
    if [[ $dir != "$ROOT"/* ]]; then
        copy=$TMP/tests/$label
        rm -rf "$copy" && mkdir -p "$copy" && cp -a "$dir"/. "$copy"/
    fi
    make_wrapper "$TMP/php-$config-$module-$set" "$PREFIX/bin/php" "$logs"
    PHPT_TESTED=$TMP/php-$config-$module-$set phpt_run "$label" "$spec" "$copy" "$@"
    reports=$(checker_reports "$logs")
    if [ -n "$reports" ]; then
        say "$label: checker reports on stderr (each fails its test):"
        while IFS=$'\t' read -r t msg; do
            printf '%s: CHECKER %s: %s\n' "$label" "$t" "$msg" >&2
            why[$t]=$msg
            # already failed by run-tests.php (or without a result)? then it is counted (and listed below) once
            if grep -qE "^(PASSED|XFAILED|SKIPPED)"$'\t'"(.*/)?$t\$" "$PHPT_RESULTS"; then
                extra=$((extra + 1))
                if grep -qE "^(PASSED|XFAILED)"$'\t'"(.*/)?$t\$" "$PHPT_RESULTS"; then PHPT_PASS=$((PHPT_PASS - 1)); fi
                if grep -qE "^SKIPPED"$'\t'"(.*/)?$t\$" "$PHPT_RESULTS"; then PHPT_SKIP=$((PHPT_SKIP - 1)); fi
                failures+=("$label $t: not failed by run-tests.php, but: $msg")
            fi
        done <<<"$reports"
        # the full reports of the first few processes
        grep -l -E "$CHECKER_RE" "$logs"/* 2>/dev/null | head -n 3 | xargs -r head -n 40 >&2 || true
    fi
    while IFS=$'\t' read -r status t; do
        t=${t##*/}
        failures+=("$label $t: $status${why[$t]:+ (${why[$t]})}")
    done < <(grep -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$PHPT_RESULTS" || true)
    PHPT_FAIL=$((PHPT_FAIL + extra))
    total_p=$((total_p + PHPT_PASS)) total_f=$((total_f + PHPT_FAIL)) total_s=$((total_s + PHPT_SKIP))
    row "$config" "$module" "$set" "$PHPT_PASS" "$PHPT_FAIL" "$PHPT_SKIP" "$([ $extra -gt 0 ] && echo "$extra failed by checker reports only")"
}

# run_threads CONFIG MODULE-LABEL EXTENSION: the threads harness (threads/harness.c) on this ZTS build's embed SAPI.
run_threads() {
    local config=$1 module=$2 spec=$3 bin=$TMP/harness-$1 out reports rc=0 sanitize=()
    # A program that loads an ASan-built libphp must have the sanitizer runtime first: build it with ASan too.
    [[ $config == *-asan ]] && sanitize=(-fsanitize=address -fno-omit-frame-pointer)
    if [ ! -x "$bin" ]; then
        # shellcheck disable=SC2046 # php-config --includes is a list of -I options
        if ! cc -g -O1 -Wall -Wextra -Wno-unused-parameter "${sanitize[@]}" -o "$bin" "$ROOT/threads/harness.c" \
            $("$PREFIX/bin/php-config" --includes) -L"$PREFIX/lib" -lphp -Wl,-rpath,"$PREFIX/lib" -pthread \
            >"$TMP/harness-cc.log" 2>&1; then
            cat "$TMP/harness-cc.log" >&2
            total_f=$((total_f + 1)) && row "$config" "$module" threads 0 1 0 "harness did not compile"
            failures+=("$config $module threads: harness did not compile")
            return
        fi
    fi
    say "$config-$module-threads: ${THREADS_N:-4} producer and ${THREADS_N:-4} consumer threads, each its own request"
    out=$(timeout 600 "$bin" "$spec" "${THREADS_N:-4}" "${THREADS_MESSAGES:-5000}" 2>"$TMP/harness.err") || rc=$?
    printf '%s\n' "$out" >&2
    reports=$(grep -E "$CHECKER_RE" "$TMP/harness.err" | head -n 5 || true)
    if [ $rc -eq 0 ] && [ -z "$reports" ]; then
        total_p=$((total_p + 1)) && row "$config" "$module" threads 1 0 0 ""
    else
        head -n 60 "$TMP/harness.err" >&2
        total_f=$((total_f + 1)) && row "$config" "$module" threads 0 1 0 "exit $rc${reports:+, checker reports}"
        failures+=("$config $module threads: exit status $rc${reports:+; $(head -n1 <<<"$reports")}")
    fi
}

# canary CONFIG: proves that a checker report fails a test even when run-tests.php passes it: a test whose expected
# output ends in %A prints a debug build's leak report on stderr; it must be caught (counted as one passed check).
canary() {
    local dir=$TMP/canary-$1 reports
    mkdir -p "$dir"
    cat >"$dir/canary_leak_report.phpt" <<'PHPT'
--TEST--
checkers canary: a leak report on stderr fails the test although the expected output allows it
--FILE--
<?php
echo "ok\n";
fwrite(STDERR, "/src/x.c(1) :  Freeing 0x00007f0000000000 (8 bytes), script=x.php\n=== Total 1 memory leaks detected ===\n");
?>
--EXPECTF--
ok
%A
PHPT
    make_wrapper "$TMP/php-$1-canary" "$PREFIX/bin/php" "$TMP/stderr/$1-canary"
    PHPT_TESTED=$TMP/php-$1-canary phpt_run "$1-canary" "$C_MOD" "$dir" >/dev/null 2>&1
    reports=$(checker_reports "$TMP/stderr/$1-canary")
    if [ "$PHPT_PASS" -eq 1 ] && [[ $reports == canary_leak_report.phpt$'\t'* ]]; then
        total_p=$((total_p + 1)) && row "$1" - canary 1 0 0 "a hidden leak report is caught"
    else
        say "$1: the canary's leak report was not caught (run-tests: $PHPT_PASS passed; reports: ${reports:-none})"
        total_f=$((total_f + 1)) && row "$1" - canary 0 1 0 "leak reports would go unnoticed"
        failures+=("$1 canary: a leak report on stderr was not caught")
    fi
}

for entry in "${CONFIGS[@]}"; do
    series='' build=$entry
    [[ $entry == *:* ]] && series=${entry%%:*} build=${entry#*:}
    series_env=()
    [ -n "$series" ] && series_env=(PHP_SERIES="$series")
    rc=0
    PREFIX=$(env "${series_env[@]}" bash "$ROOT/scripts/php-build" "$build") || rc=$?
    # rows and file names say the version too: "8.2-debug-zts"
    config=${series:-$(php -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')}-$build
    say "=== $config ==="
    if [ $rc -eq 3 ] || [ $rc -eq 4 ]; then
        # Outside CI a skip with the reason; in CI a failure unless it is a permanent one (lib.sh source_skip).
        if source_skip "$config" "$rc" "no PHP ${series:-} source for this build (scripts/php-build exit status $rc)" >&2; then
            total_s=$((total_s + 1)) && row "$config" - - 0 0 1 "no PHP $series source"
        else
            total_f=$((total_f + 1)) && row "$config" - - 0 1 0 "no PHP $series source" && failures+=("$config: no source")
        fi
        continue
    elif [ $rc -ne 0 ]; then
        say "$config: building PHP failed"
        total_f=$((total_f + 1)) && row "$config" - - 0 1 0 "PHP build failed" && failures+=("$config: PHP build failed")
        continue
    fi
    PHP_BIN=$PREFIX/bin/php
    VERSION=$("$PHP_BIN" -n -r 'echo PHP_VERSION;')
    SERIES=${VERSION%.*}
    say "$config: PHP $VERSION in $PREFIX"
    "$PHP_BIN" -n -v >&2

    # The source of the same version: run-tests.php and ext/sysvmsg/tests come from it.
    rc=0
    SRC=$(PHP_SOURCE_VERSION=$VERSION bash "$ROOT/scripts/php-source" "$SERIES") || rc=$?
    if [ $rc -ne 0 ] || ! grep -q "^#define PHP_VERSION \"$VERSION\"" "$SRC/main/php_version.h" 2>/dev/null; then
        say "$config: the source of PHP $VERSION is not available (php-source: exit $rc, ${SRC:-no tree})"
        total_f=$((total_f + 1)) && row "$config" - - 0 1 0 "no source for $VERSION" && failures+=("$config: no source")
        continue
    fi
    # run-tests.php of that source, driven by the host's PHP (the driver only starts processes and compares output;
    # an ASan driver would need sanitizer settings that its children would inherit).
    export PHPT_RUN_TESTS=$SRC/run-tests.php PHPT_DRIVER=php

    # The extension, built against this PHP (lib.sh ext_build prefix:DIR: its own target directory, with PATH, PHP
    # and PHP_CONFIG all naming this PHP; build.rs checks they agree).
    start=$SECONDS
    if ! OURS=$(ext_build "prefix:$PREFIX" 2>"$TMP/cargo-$config.log"); then
        tail -n 40 "$TMP/cargo-$config.log" >&2
        say "$config: the extension did not build"
        total_f=$((total_f + 1)) && row "$config" ours - 0 1 0 "extension build failed" && failures+=("$config: extension build failed")
        continue
    fi
    say "$config: extension built in $((SECONDS - start)) s: $OURS"
    C_MOD=$("$PREFIX/bin/php-config" --extension-dir)/sysvmsg.so

    canary "$config"
    asan=()
    [[ $config == *-asan ]] && asan=(--asan)
    for module in ours c; do
        spec=$OURS
        [ $module = c ] && spec=$C_MOD
        # (the load check is not a leak check: that is the tests' job, under --asan)
        if ! ASAN_OPTIONS=detect_leaks=0 phpt_module_loads "$PHP_BIN" "$spec"; then
            total_f=$((total_f + 1)) && row "$config" "$module" - 0 1 0 "module does not load" && failures+=("$config $module: does not load")
            continue
        fi
        run_set "$config" "$module" "$spec" php-tests "$ROOT/php-tests" "${asan[@]}"
        run_set "$config" "$module" "$spec" upstream "$SRC/ext/sysvmsg/tests" "${asan[@]}"
        if "$PHP_BIN" -n -r 'exit(PHP_ZTS ? 0 : 1);'; then
            run_threads "$config" "$module" "$spec"
        fi
    done
done

echo
echo "------------------------------ checkers summary ------------------------------"
printf '%-18s %-5s %-11s %7s %7s %8s\n' build module tests passed failed skipped
for r in "${rows[@]}"; do echo "$r"; done
if [ ${#failures[@]} -gt 0 ]; then
    echo "failures:"
    printf '  %s\n' "${failures[@]}"
fi
echo "------------------------------------------------------------------------------"
report "$total_p" "$total_f" "$total_s"

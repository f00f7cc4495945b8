#!/usr/bin/env bash
# Valgrind memcheck over every .phpt in php-tests/ with our extension, through lib.sh phpt_run with run-tests.php's
# -m (which sets
# USE_ZEND_ALLOC=0, so every Zend allocation is a malloc that memcheck sees, and ZEND_DONT_UNLOAD_MODULES=1, so
# stack frames in the extension keep their names). A test fails when its memcheck log holds an error or a
# definitely-lost block whose stack passes through the extension; findings elsewhere (PHP itself, libc) are listed
# as notes. The output of each test is not judged here: that is the php-tests suite's job; but every test must give
# a result (phpt_run counts them against the .phpt files), and a directory without tests is a failure.
#
# Env: ROOT, EXT, PHP (from scripts/test or scripts/lib.sh). VALGRIND=0 skips the suite (not in CI);
# VALGRIND_JOBS (default 2) parallel tests; VALGRIND_TIMEOUT (seconds, default 1200) for the whole run;
# VALGRIND_TESTS=dir to check another directory of .phpt files. To see the C extension's findings:
#   EXT=$(php-config --extension-dir)/sysvmsg.so bash scripts/suites/60-valgrind.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

skip_switch VALGRIND 0 "the memcheck run of php-tests"

if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ] && [ -z "${STRESS_NO_UNSHARE:-}" ]; then
    say "not in a private IPC namespace: re-running under unshare --ipc"
    exec unshare --ipc bash "${BASH_SOURCE[0]}" "$@"
fi

TESTS=${VALGRIND_TESTS:-$ROOT/php-tests}
shopt -s nullglob
PHPTS=("$TESTS"/*.phpt)
[ ${#PHPTS[@]} -gt 0 ] || { say "no .phpt files in $TESTS"; echo "0 passed, 1 failed"; exit 1; }
[ -f "$EXT" ] || { say "extension $EXT not built (cargo build --release)"; echo "0 passed, 1 failed"; exit 1; }

command -v valgrind >/dev/null || ensure_pkgs valgrind || { say "cannot install valgrind"; echo "0 passed, 1 failed"; exit 1; }
PHP_PKG=php$("$PHP" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
RUN_TESTS=$("$PHP" -n -r 'echo PHP_EXTENSION_DIR;')/build/run-tests.php
[ -f "$RUN_TESTS" ] || RUN_TESTS=$(php-config --extension-dir 2>/dev/null)/build/run-tests.php
[ -f "$RUN_TESTS" ] || { ensure_pkgs "$PHP_PKG-dev" && RUN_TESTS=$(php-config --extension-dir)/build/run-tests.php; }
[ -f "$RUN_TESTS" ] || { say "run-tests.php not found"; echo "0 passed, 1 failed"; exit 1; }

# PCRE's JIT code has no symbols and trips memcheck's uninitialised-value checks: patterns are interpreted instead
# (-d pcre.jit=0 below). pcntl and posix are loaded when they are shared modules.
MODARGS=()
for mod in pcntl posix; do
    "$PHP" -n -r "exit(extension_loaded('$mod') ? 0 : 1);" 2>/dev/null || MODARGS+=(-d "extension=$mod")
done

# The tests run on a private copy (run-tests writes NAME.mem, .out, ... next to them, and the php-tests suite may be
# using the originals); some read files relative to their directory (../stubs), so the copy's parent links to the
# siblings of the original directory.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy=$work/root/$(basename "$TESTS")
mkdir -p "$copy"
cp -a "$TESTS"/. "$copy/"
for e in "$(dirname "$TESTS")"/*; do
    [ "$e" -ef "$TESTS" ] || ln -s "$e" "$work/root/$(basename "$e")"
done
# run-tests passes its environment to valgrind: full leak checking, and definite leaks count as errors.
export VALGRIND_OPTS="--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --num-callers=50"
say "valgrind memcheck over ${#PHPTS[@]} tests with $EXT (-j${VALGRIND_JOBS:-2}; a few minutes)"
start=$(date +%s)
# Only the results (PHPT_RESULTS: one line per test, MISSING without one) are used from phpt_run: an output that
# differs under valgrind is the php-tests suite's business, a memcheck finding this suite's.
PHPT_WORK=$work PHPT_RUN_TESTS=$RUN_TESTS PHPT_JOBS=${VALGRIND_JOBS:-2} PHPT_DEADLINE=${VALGRIND_TIMEOUT:-1200} \
    PHPT_TIMEOUT=600 phpt_run memcheck "$EXT" "$copy" -d pcre.jit=0 "${MODARGS[@]}" -m >/dev/null 2>"$work/run.err" || true
say "run-tests finished in $(($(date +%s) - start))s"
grep -E 'MISSING|no result|exited with status|: skipped ' "$work/run.err" >&2 || true
sed -E 's/^([A-Z]+)\t(.*)$/\1 \2/' "$PHPT_RESULTS" >"$work/results"

# analyse_mem FILE: prints "errors leaks bytes" for the blocks attributable to the extension (memory errors,
# definitely-lost blocks, their bytes), then "findings bytes" for the rest.
# Processes forked by a test share its log: blocks are grouped by the ==PID== prefix and split at blank lines.
analyse_mem() {
    awk '
        function flush(pid,   txt, own, lost) {
            txt = blk[pid]; blk[pid] = ""
            if (txt == "") return
            if (txt !~ /(definitely lost|Invalid |uninitialised|Mismatched free|Source and destination overlap|Syscall param|Conditional jump|Use of uninitialised|Process terminating|Argument .* of function)/) return
            own = (txt ~ /sysvmsg|zif_msg_/)
            lost = 0
            if (match(txt, /[0-9,]+ (\([0-9,]+ direct, [0-9,]+ indirect\) )?bytes in [0-9,]+ blocks are definitely lost/)) {
                s = substr(txt, RSTART, RLENGTH); gsub(/,/, "", s); split(s, a, " "); lost = a[1] + 0
            }
            if (own) {
                if (lost > 0 || txt ~ /definitely lost/) { ol++ } else { oe++ }
                ob += lost
                if (shown < 3) { print txt > "/dev/stderr"; shown++ }
            } else { ne++; nb += lost }
        }
        match($0, /^==[0-9]+==/) {
            pid = substr($0, 3, RLENGTH - 4)
            rest = substr($0, RLENGTH + 1)
            if (rest ~ /^ *$/) { flush(pid); next }
            blk[pid] = blk[pid] $0 "\n"
        }
        END { for (p in blk) flush(p); printf "%d %d %d %d %d\n", oe, ol, ob, ne, nb }
    ' "$1"
}

pass=0 fail=0 skip=0 total_own_err=0 total_own_bytes=0 total_other=0
for t in "${PHPTS[@]}"; do
    name=$(basename "$t")
    r=$(awk -v t="$name" '$2 == t {print $1; exit}' "$work/results")
    r=${r:-MISSING}
    mem=$copy/${name%.phpt}.mem
    own_err=0 own_leaks=0 own_bytes=0 other_err=0 other_bytes=0 note=""
    if [ -s "$mem" ]; then
        read -r own_err own_leaks own_bytes other_err other_bytes < <(analyse_mem "$mem" 2>"$work/excerpt")
    fi
    # A test that ends a process with a fatal error by design: Zend's bailout skips every free after it, which the
    # request heap makes good, but under USE_ZEND_ALLOC=0 the blocks of the calls it jumped out of stay allocated
    # (the C module leaves more: it is the same in any extension). There, leaks are notes; memory errors still fail.
    fatal_by_design=0
    sed -n '/^--EXPECT/,/^--[A-Z]*--$/p' "$t" | grep -q '^Fatal error: ' && fatal_by_design=1
    if [ $fatal_by_design = 1 ] && [ "$own_leaks" -gt 0 ]; then
        note+=" (ends in a fatal error by design: $own_leaks block(s), $own_bytes bytes left by the bailout)"
        own_leaks=0 own_bytes=0
    fi
    own_err=$((own_err + own_leaks))
    total_own_err=$((total_own_err + own_err))
    total_own_bytes=$((total_own_bytes + own_bytes))
    total_other=$((total_other + other_err))
    [ "$other_err" -gt 0 ] && note+=" (not attributable to the extension: $other_err finding(s), $other_bytes bytes lost)"
    case $r in
        SKIPPED) skip=$((skip + 1)); printf '  SKIP  %s\n' "$name" ;;
        MISSING | BORKED) fail=$((fail + 1)); printf '  FAIL  %s: no result from run-tests (%s)\n' "$name" "$r" ;;
        *)
            if [ "$own_err" -gt 0 ]; then
                fail=$((fail + 1))
                printf '  FAIL  %s: %d memcheck finding(s) in the extension, %d bytes definitely lost%s\n' \
                    "$name" "$own_err" "$own_bytes" "$note"
                sed 's/^/        /' "$work/excerpt" | head -60
            else
                pass=$((pass + 1))
                printf '  PASS  %s%s%s\n' "$name" "$note" "$([ "$r" = FAILED ] && echo ' [test output differed under valgrind: see the php-tests suite]')"
            fi
            ;;
    esac
done
say "memcheck findings attributable to the extension: $total_own_err, bytes definitely lost in it: $total_own_bytes; other findings: $total_other"

report "$pass" "$fail" "$skip"

#!/usr/bin/env bash
# php-src's own tests of ext/sysvmsg, unchanged, for the installed PHP version, run against our extension.
# The tests come from the php-src tree that scripts/php-source gives for the installed PHP version (its source, or
# the nearest version that can be had, said loudly), cached outside the repository: they are never part of the
# project. No source at all is a skip with its reason. The C extension's result is printed for reference.
#
# Env: ROOT, EXT, PHP (from scripts/test or scripts/lib.sh); UPSTREAM_TESTS_DIR=dir skips the download and uses that
# directory of .phpt files.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PHP_PKG=php$("$PHP" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
# The binary package that provides the running CLI carries the exact Debian version of the source package.
PKG_VERSION=$(dpkg-query -W -f='${Version}' "$PHP_PKG-cli" 2>/dev/null || true)

TMPERR=$(mktemp)
trap 'rm -f "$TMPERR"' EXIT

skip_all() {
    echo "skipped: $*"
    printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '!!! SKIPPING the upstream php-src tests: %s\n' "$*" >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
}

if [ -n "${UPSTREAM_TESTS_DIR:-}" ]; then
    TESTS=$UPSTREAM_TESTS_DIR
else
    # scripts/php-source: the installed version's source, else the nearest one that can be had (said loudly).
    rc=0
    # The version of the PHP under test is the one wanted (the same as the package's for Debian's PHP).
    want=$("$PHP" -n -r 'echo PHP_VERSION;' | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' || true)
    SRC=$(PHP_SOURCE_VERSION=${PHP_SOURCE_VERSION:-$want} bash "$ROOT/scripts/php-source" "${PHP_PKG#php}" 2>"$TMPERR") || rc=$?
    cat "$TMPERR" >&2
    if [ $rc -eq 3 ]; then
        skip_all "$(tail -n 1 "$TMPERR")"
    elif [ $rc -ne 0 ] || [ ! -d "$SRC/ext/sysvmsg/tests" ]; then
        echo "FAIL scripts/php-source ${PHP_PKG#php} failed (exit status $rc): $(tail -n 1 "$TMPERR")"
        report 0 1
        exit 1
    fi
    TESTS=$SRC/ext/sysvmsg/tests
    SRC_VERSION=$(basename "$SRC")
    say "upstream tests from the PHP $SRC_VERSION source ($TESTS); installed $PHP_PKG: ${PKG_VERSION:-?}"
fi

mapfile -t PHPTS < <(cd "$TESTS" && ls -1 ./*.phpt 2>/dev/null | sed 's|^\./||' | sort)
[ ${#PHPTS[@]} -gt 0 ] || skip_all "no .phpt files in $TESTS"
say "${#PHPTS[@]} tests: ${PHPTS[*]}"

RUN_TESTS=$("$PHP" -n -r 'echo PHP_EXTENSION_DIR;' 2>/dev/null)/build/run-tests.php
[ -f "$RUN_TESTS" ] || RUN_TESTS=$(php-config --extension-dir 2>/dev/null)/build/run-tests.php
[ -f "$RUN_TESTS" ] || { ensure_pkgs "$PHP_PKG-dev" && RUN_TESTS=$(php-config --extension-dir)/build/run-tests.php; }
[ -f "$RUN_TESTS" ] || skip_all "run-tests.php not found (install $PHP_PKG-dev)"

PHP_BIN=$(command -v "$PHP")

# run_phpt LABEL EXTENSION_SETTING: runs the tests on a private copy (run-tests writes .out/.diff next to them) and
# prints one "RESULT name" line per test on stdout.
run_phpt() {
    local label=$1 extset=$2 work log
    work=$(mktemp -d)
    cp -a "$TESTS"/. "$work/"
    log=$work/run.log
    # -n: no php.ini for the tests either, so only the extension named here provides sysvmsg.
    NO_INTERACTION=1 TEST_PHP_EXECUTABLE=$PHP_BIN "$PHP_BIN" -n "$RUN_TESTS" -q --no-color --no-progress -n -p "$PHP_BIN" \
        -d "extension=$extset" --show-diff "$work" >"$log" 2>&1 || true
    grep -E '^(PASS|FAIL|SKIP|BORK|XFAIL|XLEAK|LEAK|WARN)' "$log" |
        sed -E 's/^([A-Z]+).*\[([^]]*\/)?([^]\/]+\.phpt)\].*$/\1 \3/'
    if grep -qE '^(FAIL|BORK|LEAK)' "$log"; then
        echo "---- $label: run-tests output with diffs ----" >&2
        sed -n '/^=====/,$p' "$log" | head -200 >&2
    fi
    rm -rf "$work"
}

say "reference: the same tests with Debian's C extension"
C_RESULTS=$(run_phpt "C extension" sysvmsg)
say "C extension: $(printf '%s\n' "$C_RESULTS" | awk 'NF {print $1}' | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')"

[ -f "$EXT" ] || { echo "0 passed, 1 failed  (extension $EXT not built)"; exit 1; }
say "our extension: $EXT"
OURS=$(run_phpt "our extension" "$EXT")

pass=0 fail=0 skip=0
for t in "${PHPTS[@]}"; do
    r=$(printf '%s\n' "$OURS" | awk -v t="$t" '$2 == t {print $1; exit}')
    c=$(printf '%s\n' "$C_RESULTS" | awk -v t="$t" '$2 == t {print $1; exit}')
    r=${r:-MISSING}
    case $r in
        PASS | XFAIL) pass=$((pass + 1)) ;;
        SKIP) skip=$((skip + 1)) ;;
        *) fail=$((fail + 1)) ;;
    esac
    printf '  %-8s %-22s (C extension: %s)\n' "$r" "$t" "${c:-?}"
done

report "$pass" "$fail" "$skip"

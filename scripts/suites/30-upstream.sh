#!/usr/bin/env bash
# php-src's own tests of ext/sysvmsg, unchanged, for the installed PHP version, run with our extension and with
# Debian's C module (lib.sh phpt_run: every test file must give a good result with each).
# The tests come from the php-src tree that scripts/php-source gives for the installed PHP version (its source, or
# the nearest version that can be had, said loudly), cached outside the repository: they are never part of the
# project. No source is a skip with its reason outside CI and a failure in CI (lib.sh source_skip).
#
# Env: ROOT, EXT, PHP (from scripts/test or scripts/lib.sh); UPSTREAM_TESTS_DIR=dir skips the download and uses that
# directory of .phpt files (not in CI).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

[ -f "$EXT" ] || { say "extension $EXT not built (cargo build --release)"; echo "0 passed, 1 failed"; exit 1; }

PHP_PKG=php$("$PHP" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
# The binary package that provides the running CLI carries the exact Debian version of the source package.
PKG_VERSION=$(dpkg-query -W -f='${Version}' "$PHP_PKG-cli" 2>/dev/null || true)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ -n "${UPSTREAM_TESTS_DIR:-}" ]; then
    TESTS=$UPSTREAM_TESTS_DIR
else
    # The version of the PHP under test is the one wanted (the same as the package's for Debian's PHP).
    want=$("$PHP" -n -r 'echo PHP_VERSION;' | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' || true)
    rc=0
    SRC=$(PHP_SOURCE_VERSION=${PHP_SOURCE_VERSION:-$want} bash "$ROOT/scripts/php-source" "${PHP_PKG#php}" \
        2>"$TMP/source.err") || rc=$?
    cat "$TMP/source.err" >&2
    if [ $rc -eq 3 ] || [ $rc -eq 4 ]; then
        if source_skip "php-src tests" "$rc" "$(tail -n 1 "$TMP/source.err")"; then
            echo "0 passed, 0 failed, 1 skipped"
            exit 0
        fi
        report 0 1
        exit 1
    elif [ $rc -ne 0 ] || [ ! -d "$SRC/ext/sysvmsg/tests" ]; then
        echo "FAIL scripts/php-source ${PHP_PKG#php} failed (exit status $rc): $(tail -n 1 "$TMP/source.err")"
        report 0 1
        exit 1
    fi
    TESTS=$SRC/ext/sysvmsg/tests
    say "upstream tests from the PHP $(basename "$SRC") source ($TESTS); installed $PHP_PKG: ${PKG_VERSION:-?}"
fi

# run-tests.php writes .out/.diff next to the tests: run a private copy, never the cached source.
cp -a "$TESTS" "$TMP/tests"
RUN_TESTS=$("$PHP" -n -r 'echo PHP_EXTENSION_DIR;' 2>/dev/null)/build/run-tests.php
[ -f "$RUN_TESTS" ] || { ensure_pkgs "$PHP_PKG-dev" && RUN_TESTS=$(php-config --extension-dir)/build/run-tests.php; }
export PHPT_RUN_TESTS=$RUN_TESTS PHPT_WORK=$TMP

pass=0 fail=0 skip=0
for module in ours c; do
    spec=$EXT
    [ $module = c ] && spec=sysvmsg
    if ! phpt_module_loads "$(command -v "$PHP")" "$spec"; then
        echo "FAIL $module: the module does not load"
        fail=$((fail + 1))
        continue
    fi
    phpt_run "$module" "$spec" "$TMP/tests"
    pass=$((pass + PHPT_PASS)) fail=$((fail + PHPT_FAIL)) skip=$((skip + PHPT_SKIP))
    # One line per test file, for the record.
    sed "s/^/  $module: /" "$PHPT_RESULTS"
done
report "$pass" "$fail" "$skip"

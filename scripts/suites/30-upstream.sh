#!/usr/bin/env bash
# php-src's own tests of ext/sysvmsg, unchanged, for the installed PHP version, run against our extension.
# The tests come from the upstream tarball of Debian's source package of the installed PHP (downloaded with a private
# apt configuration derived from the system's sources, so the host's apt state is not touched) and are cached outside
# the repository: they are never part of the project. The C extension's result is printed for reference.
#
# Env: ROOT, EXT, PHP (from scripts/test or scripts/lib.sh); UPSTREAM_TESTS_DIR=dir skips the download and uses that
# directory of .phpt files; SYSVMSG_CACHE overrides the cache directory; KEEP_TMP=1 keeps the download directory.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CACHE=${SYSVMSG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sysvmsg-rs}
PHP_PKG=php$("$PHP" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
# The binary package that provides the running CLI carries the exact Debian version of the source package.
PKG_VERSION=$(dpkg-query -W -f='${Version}' "$PHP_PKG-cli" 2>/dev/null || true)

skip_all() {
    printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '!!! SKIPPING the upstream php-src tests: %s\n' "$*" >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
}

# Writes deb-src entries for the system's own Debian sources (only the suites of this release, so third-party
# repositories without source indexes do not make the update fail) into $1/sources.list.d.
write_src_entries() {
    local out=$1/sources.list.d codename f n=0
    mkdir -p "$out"
    codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # deb822: one stanza per paragraph; keep enabled "deb" stanzas of our release, retyped as deb-src.
        awk -v codename="$codename" '
            function flush() {
                if (st != "" && types ~ /(^|[ \t])deb([ \t]|$)/ && enabled !~ /^[ \t]*no/ && \
                    (codename == "" || suites ~ codename)) {
                    sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src", st); print st; print ""
                }
                st = ""; types = ""; suites = ""; enabled = ""
            }
            /^#/ { next }
            /^[ \t]*$/ { flush(); next }
            {
                st = st $0 "\n"
                if ($0 ~ /^Types:/) types = substr($0, 7)
                if ($0 ~ /^Suites:/) suites = substr($0, 8)
                if ($0 ~ /^Enabled:/) enabled = substr($0, 9)
            }
            END { flush() }
        ' "$f" >"$out/src$n.sources"
        n=$((n + 1))
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk -v codename="$codename" '
            $1 == "deb" {
                i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                if (codename == "" || $(i + 1) ~ codename) { $1 = "deb-src"; print }
            }
        ' "$f" >"$out/src$n.list"
        n=$((n + 1))
    done
    grep -qs . "$out"/* || return 1
}

# fetch_tests DEST: download the orig tarball of the installed PHP's source package and extract ext/sysvmsg/tests.
fetch_tests() {
    local dest=$1 tmp
    if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
        echo "apt-get is not available"
        return 1
    fi
    [ -n "$PKG_VERSION" ] || { echo "package $PHP_PKG-cli is not installed (PHP not from Debian?)"; return 1; }
    tmp=$(mktemp -d)
    if [ -n "${KEEP_TMP:-}" ]; then
        echo "keeping $tmp" >&2
    else
        # shellcheck disable=SC2064
        trap "rm -rf '$tmp'" RETURN
    fi
    write_src_entries "$tmp/etc" || { echo "no Debian sources found in the apt configuration"; return 1; }
    mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/dl"
    local apt=(apt-get -q
        -o "Dir::Etc::SourceList=$tmp/etc/none.list"
        -o "Dir::Etc::SourceParts=$tmp/etc/sources.list.d"
        -o "Dir::State::Lists=$tmp/lists"
        -o "Dir::Cache=$tmp/cache"
        # apt's unprivileged download user could not write into the private (mode 0700) temporary directory.
        -o "APT::Sandbox::User=root")
    say "apt-get update (private source indexes in a temporary directory)"
    "${apt[@]}" update >"$tmp/update.log" 2>&1 || { tail -5 "$tmp/update.log"; echo "apt-get update failed"; return 1; }
    # The exact version first; a mirror may no longer serve it (superseded security uploads), then the other
    # versions of the same source package it lists, newest first, with a loud note about the difference.
    local versions v ok=0
    versions=$("${apt[@]/#apt-get/apt-cache}" showsrc "$PHP_PKG" 2>/dev/null | sed -n 's/^Version: //p' |
        grep -vxF "$PKG_VERSION" | sort -u | sort -r -V || true)
    for v in "$PKG_VERSION" $versions; do
        rm -rf "$tmp/dl" && mkdir -p "$tmp/dl"
        say "apt-get source --download-only $PHP_PKG=$v"
        (cd "$tmp/dl" && "${apt[@]}" source --download-only "$PHP_PKG=$v") >"$tmp/source.log" 2>&1 && { ok=1; break; }
        grep -E '^(E|Err):' "$tmp/source.log" | head -3 >&2
        say "WARNING: the source of $PHP_PKG $v could not be downloaded"
    done
    [ $ok = 1 ] || { echo "no version of the $PHP_PKG source package could be downloaded"; return 1; }
    local orig='' dsc f got
    for f in "$tmp"/dl/*.orig.tar.*; do
        case $f in *.asc) ;; *) [ -f "$f" ] && orig=$f ;; esac
    done
    [ -n "$orig" ] || { echo "no orig tarball downloaded"; return 1; }
    dsc=$(find "$tmp/dl" -maxdepth 1 -name '*.dsc' | head -1)
    got=$(sed -n 's/^Version: //p' "$dsc")
    [ "$got" = "$PKG_VERSION" ] || say "WARNING: installed $PHP_PKG is $PKG_VERSION, the tests are from $got"
    # Only the few test files are needed: tar with a wildcard reads the tarball once and is much faster than
    # unpacking the whole source with dpkg-source.
    mkdir -p "$tmp/x"
    tar -C "$tmp/x" -xf "$orig" --wildcards '*/ext/sysvmsg/tests/*' ||
        { echo "ext/sysvmsg/tests not found in $(basename "$orig")"; return 1; }
    local t
    t=$(find "$tmp/x" -type d -path '*/ext/sysvmsg/tests' | head -1)
    if [ -z "$t" ] || ! compgen -G "$t/*.phpt" >/dev/null; then
        echo "no .phpt files in the tarball"
        return 1
    fi
    rm -rf "$dest.new"
    mkdir -p "$(dirname "$dest")"
    cp -a "$t" "$dest.new"
    echo "$got" >"$dest.new/.source-version"
    rm -rf "$dest"
    mv "$dest.new" "$dest"
}

if [ -n "${UPSTREAM_TESTS_DIR:-}" ]; then
    TESTS=$UPSTREAM_TESTS_DIR
else
    TESTS=$CACHE/upstream-tests/$PHP_PKG-${PKG_VERSION:-unknown}
    if [ ! -f "$TESTS/.source-version" ]; then
        say "fetching php-src's ext/sysvmsg tests for $PHP_PKG ${PKG_VERSION:-?} into $TESTS"
        ensure_pkgs xz-utils >/dev/null 2>&1 || true
        if ! why=$(fetch_tests "$TESTS" 2>&1); then
            printf '%s\n' "$why" >&2
            skip_all "could not obtain the source of $PHP_PKG ${PKG_VERSION:-}: $(printf '%s' "$why" | tail -1)"
        fi
        printf '%s\n' "$why" >&2
    fi
    SRC_VERSION=$(cat "$TESTS/.source-version" 2>/dev/null || echo '?')
    say "upstream tests from the $PHP_PKG source $SRC_VERSION (cached in $TESTS)"
    [ "$SRC_VERSION" = "$PKG_VERSION" ] ||
        say "NOTE: the installed $PHP_PKG is $PKG_VERSION but its source is not downloadable; tests are from $SRC_VERSION"
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

#!/usr/bin/env bash
# The build every PHP extension has (config.m4 + Makefile.frag; docs/install.md): from a clean clone of HEAD,
#   phpize && ./configure --with-php-config=... && make && make install INSTALL_ROOT=<temporary> && make test,
# then `make clean && phpize --clean` must leave the clone as git checked it out. Checked for
#   (a) the host's PHP (php-config from PATH, Debian 12's PHP 8.2), and
#   (b) PHP 8.4, 8.5 and 8.6 inside the cached Debian roots of scripts/php-root (Debian 13, and unstable with
#       experimental's php8.5 or php8.6), unless SKIP_PHP84=1 / SKIP_PHP85=1 / SKIP_PHP86=1, like 90-php84, 91-php85
#       and 92-php86, and
#   (c) PHP 8.4's release ZTS build from source (scripts/php-build release-zts, as 36-release-zts): the flow on a
#       thread-safe PHP, which PIE runs on one the release has no zip for (it has one for x86_64 PHP 8.4 only).
# Each flow checks: configure's clear error when cargo is missing; the build; modules/sysvmsg_rs.so; exactly one file
# installed, $(php-config --extension-dir)/sysvmsg_rs.so under INSTALL_ROOT; that PHP loads it with
# `extension=sysvmsg_rs` as module "sysvmsg" (ours, by its phpinfo row) and does a send/receive round trip in a
# private IPC namespace; `make test` (run-tests.php over php-tests/) passes with the built module; the clean-up.
#
# Note: the clone is of the committed HEAD; uncommitted changes in the working tree are not part of this suite.
# Speed: cargo's build files are kept between runs (host: ${XDG_CACHE_HOME:-~/.cache}/sysvmsg-rs/phpize/, 8.4, 8.5
# and 8.6: the same path inside each root) and passed to configure as CARGO_TARGET_DIR; the clones sit at fixed paths so cargo
# reuses the dependencies (only the two crates of this repository are rebuilt from the fresh clone). Warm: about a
# minute per PHP (`make` about 30 s of it); cold: a first `cargo build --release`, about 4 minutes per PHP on 2 busy
# cores.
#
# Env: SKIP_PHP84=1 / SKIP_PHP85=1 / SKIP_PHP86=1 skip that version's (b) (not in CI). PHPIZE_JOBS (default 2): make -j.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CACHE=${SYSVMSG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sysvmsg-rs}

# ---- the flow, for one PHP (runs on the host, and inside a version's root as `--inside flow ...`) ----

# flow LABEL PHP_CONFIG PHPIZE CLONE TARGET_DIR: the phpize flow in CLONE (a fresh clone), installing into a temporary
# INSTALL_ROOT; prints PASS/FAIL lines and ends with "P passed, F failed".
flow() {
    local label=$1 php_config=$2 phpize=$3 clone=$4 target=$5 iroot
    local pass=0 fail=0 timings=() t0 out rc php_bin ext_dir installed nocargo d tmp
    # step NAME CMD...: runs CMD in the clone with its output in $tmp/NAME.log (shown when it fails); times it.
    step() {
        local name=$1 t=$SECONDS r=0
        shift
        (cd "$clone" && "$@") >"$tmp/$name.log" 2>&1 || r=$?
        timings+=("$(printf '%-26s %4d s' "$name" $((SECONDS - t)))")
        if [ $r -ne 0 ]; then tail -n 40 "$tmp/$name.log" | sed 's/^/      /'; fi
        return $r
    }
    finish_flow() {
        echo "  timings ($label):"
        printf '    %s\n' "${timings[@]}"
        rm -rf "$tmp"
        echo "$pass passed, $fail failed"
    }
    tmp=$(mktemp -d)
    iroot=$tmp/install-root
    php_config=$(command -v "$php_config") || { ko "$label: no $2"; finish_flow; return; }
    php_bin=$("$php_config" --php-binary)
    ext_dir=$("$php_config" --extension-dir)
    echo "  $label: $("$php_bin" -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";'), $php_config, clone at $clone"

    if ! step phpize "$phpize"; then ko "$label: phpize failed"; finish_flow; return; fi
    ok "$label: phpize"

    # configure without any cargo: PATH without the directories holding one, and a HOME without ~/.cargo/bin.
    nocargo=''
    while IFS= read -r d; do
        [ -n "$d" ] && [ ! -x "$d/cargo" ] && nocargo+="${nocargo:+:}$d"
    done < <(tr ':' '\n' <<<"$PATH")
    rc=0
    step configure-without-cargo env -u CARGO -u RUSTC PATH="$nocargo" HOME="$tmp" ./configure \
        --with-php-config="$php_config" >/dev/null 2>&1 || rc=$?
    if [ $rc -ne 0 ] && grep -q 'error: cargo not found' "$tmp/configure-without-cargo.log"; then
        ok "$label: configure without cargo stops with \"configure: error: cargo not found. sysvmsg-rs is written in Rust ...\""
    else
        ko "$label: configure without cargo: exit $rc, no 'cargo not found' error"
        tail -n 5 "$tmp/configure-without-cargo.log" | sed 's/^/      /'
    fi

    if ! step configure ./configure --with-php-config="$php_config" CARGO_TARGET_DIR="$target"; then
        ko "$label: configure failed"; finish_flow; return
    fi
    if grep -qx "SYSVMSG_RS_PHP_CONFIG = $php_config" "$clone/Makefile" && grep -qx "PHP_EXECUTABLE = $php_bin" "$clone/Makefile"; then
        ok "$label: configure (the Makefile passes this PHP's php-config and php binary to cargo)"
    else
        ko "$label: configure: the Makefile does not name $php_config and $php_bin"
        grep -E '^(SYSVMSG_RS_PHP_CONFIG|PHP_EXECUTABLE) =' "$clone/Makefile" | sed 's/^/      /'
    fi

    if ! step make nice -n 10 make -j"${PHPIZE_JOBS:-2}"; then ko "$label: make failed"; finish_flow; return; fi
    out=$(cd "$clone/modules" && find . -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
    if [ "$out" = "sysvmsg_rs.la sysvmsg_rs.so " ]; then
        ok "$label: make builds modules/sysvmsg_rs.so"
    else
        ko "$label: make: modules/ holds '$out', expected sysvmsg_rs.la and sysvmsg_rs.so"
    fi

    installed=$iroot$ext_dir/sysvmsg_rs.so
    if ! step make-install make install INSTALL_ROOT="$iroot"; then
        ko "$label: make install failed"
    else
        out=$(cd "$iroot" && find . ! -type d | sed 's|^\.||')
        # PIE runs `make install` with sudo after `make`: it must install what make built, not run cargo again.
        if grep -q 'cargo.* build' "$tmp/make-install.log"; then
            ko "$label: make install ran cargo again after make"
        else
            ok "$label: make install after make does not run cargo again"
        fi
        if [ "$out" = "$ext_dir/sysvmsg_rs.so" ]; then
            ok "$label: make install INSTALL_ROOT=... installs exactly \$INSTALL_ROOT$ext_dir/sysvmsg_rs.so"
        else
            ko "$label: make install installed '$(tr '\n' ' ' <<<"$out")', expected $ext_dir/sysvmsg_rs.so"
        fi
    fi

    if [ -f "$installed" ]; then
        # Loaded by name from its directory, as `extension=sysvmsg_rs` in a php.ini does.
        out=$("$php_bin" -n -d extension_dir="$iroot$ext_dir" -d extension=sysvmsg_rs -r '
            echo extension_loaded("sysvmsg") ? "sysvmsg" : "-", " ", extension_loaded("sysvmsg_rs") ? "sysvmsg_rs" : "-", " ";
            ob_start(); (new ReflectionExtension("sysvmsg"))->info(); echo preg_match("/sysvmsg implementation => sysvmsg-rs /", ob_get_clean()) ? "ours" : "not-ours";' 2>&1) || true
        if [ "$out" = "sysvmsg - ours" ]; then
            ok "$label: extension=sysvmsg_rs loads the installed file as module \"sysvmsg\" (phpinfo: sysvmsg-rs)"
        else
            ko "$label: loading the installed module: '$out'"
        fi
        rc=0
        # shellcheck disable=SC2016 # PHP code
        out=$(unshare --ipc "$php_bin" -n -d "extension=$installed" -r '
            $q = msg_get_queue(0x75A3E0, 0600);
            $ok = msg_send($q, 2, ["hello", 42, 1.5], true, true, $e)
                && msg_receive($q, 0, $type, 1024, $msg, true, MSG_IPC_NOWAIT, $e) && $type === 2 && $msg === ["hello", 42, 1.5]
                && msg_send($q, 3, "raw\0bytes", false) && msg_receive($q, 3, $type, 64, $msg, false, MSG_IPC_NOWAIT)
                && $msg === "raw\0bytes" && msg_stat_queue($q)["msg_qnum"] === 0;
            msg_remove_queue($q);
            echo $ok ? "ok" : "mismatch";' 2>&1) || rc=$?
        if [ "$out" = ok ] && [ $rc -eq 0 ]; then
            ok "$label: send/receive round trip (serialized and raw) with the installed module, in unshare --ipc"
        else
            ko "$label: round trip: exit $rc, '$out'"
        fi
    else
        ko "$label: nothing installed to load"
    fi

    # phpize's test rule loads no extension but the one built (it drops the extension= lines of php.ini): the tests
    # that signal need posix, which Debian ships as a shared module, so it is loaded by its path when not built in.
    local tests=(TESTS="$clone/php-tests")
    if ! "$php_bin" -n -r 'exit(extension_loaded("posix") ? 0 : 1);' && [ -f "$ext_dir/posix.so" ]; then
        tests=(TESTS="-d extension=$ext_dir/posix.so $clone/php-tests")
    fi
    rc=0
    step make-test env NO_INTERACTION=1 NO_COLOR=1 make test "${tests[@]}" || rc=$?
    local passed failed skipped
    passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$tmp/make-test.log")
    failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$tmp/make-test.log")
    skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$tmp/make-test.log")
    grep 'reason:' "$tmp/make-test.log" | sed -E 's/^.*\[([^]]*)\] reason: /      skipped \1: /' || true
    # Every .phpt file of php-tests/ must have run: passed and skipped together are all of them.
    local phpts
    phpts=$(find "$clone/php-tests" -name '*.phpt' -type f | wc -l)
    if [ $rc -eq 0 ] && [ "${failed:-x}" = 0 ] && [ "${passed:-0}" -gt 0 ] &&
        [ $((passed + ${skipped:-0})) -eq "$phpts" ] && ! grep -q 'skip sysvmsg not loaded' "$tmp/make-test.log"; then
        ok "$label: make test: ${passed} passed, ${skipped:-0} skipped, 0 failed of $phpts tests (run-tests.php over php-tests/, modules/sysvmsg_rs.so)"
    else
        ko "$label: make test: exit $rc, passed ${passed:-?}, failed ${failed:-?}, skipped ${skipped:-?} of $phpts tests"
        sed -n '/^FAILED TEST SUMMARY/,/^====/p' "$tmp/make-test.log" | sed 's/^/      /'
    fi
    if grep -qx 'SYSVMSG_RS_TEST_SHELLFLAGS = --ipc /bin/sh -c' "$clone/Makefile"; then
        ok "$label: make test runs in a private IPC namespace (configure found unshare --ipc)"
    else
        ko "$label: make test would run in the machine's IPC namespace: $(grep '^SYSVMSG_RS_TEST_SHELL' "$clone/Makefile" | tr '\n' ' ')"
    fi

    # shellcheck disable=SC2016 # $0 is sh's
    if step clean sh -c 'make clean && "$0" --clean' "$phpize"; then
        ok "$label: make clean && phpize --clean"
    else
        ko "$label: make clean && phpize --clean failed"
    fi
    finish_flow
}

if [ "${1:-}" = --inside ]; then
    shift
    case ${1:-} in
        flow) shift; flow "$@" ;;
        *) echo "unknown inside step ${1:-}"; exit 2 ;;
    esac
    exit 0
fi

# ---- on the host ----

# Queues are made below: never in the host's IPC namespace (scripts/test already runs each suite in its own).
if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ]; then
    exec unshare --ipc "$BASH" "${BASH_SOURCE[0]}" "$@"
fi

ensure_pkgs php8.2-dev git make
steps_init
head_rev=$(git -C "$ROOT" rev-parse HEAD)


# listing DIR: every path below DIR but .git, directories included (git status does not show empty ones).
listing() { (cd "$1" && find . -path ./.git -prune -o -print | LC_ALL=C sort); }

# fresh_clone DIR: DIR becomes a clone of this repository's HEAD (at a fixed path, so cargo's cache stays valid);
# its listing is kept in DIR.listing.
fresh_clone() {
    rm -rf "$1" "$1.listing"
    mkdir -p "$(dirname "$1")"
    git clone -q --no-checkout "$ROOT" "$1" && git -C "$1" checkout -q --detach "$head_rev" && listing "$1" >"$1.listing"
}

# clean_check LABEL DIR: after the clean-up, the clone is exactly as checked out (ignored files, empty directories).
clean_check() {
    local st
    st=$(git -C "$2" status --porcelain --ignored; diff "$2.listing" <(listing "$2") | grep '^[<>]' || true)
    if [ -z "$st" ]; then
        ok "$1: the clone is as checked out again (git status --porcelain --ignored: nothing; no new directory)"
    else
        ko "$1: left behind after make clean && phpize --clean:"
        printf '%s\n' "$st" | sed 's/^/      /'
    fi
    rm -f "$2.listing"
}

# host_flow STEP LABEL PHP_CONFIG PHPIZE: the flow for a PHP installed on this host, in a fresh clone under the cache.
host_flow() {
    local step=$1 label=$2 php_config=$3 phpize=$4 tag clone
    # One cargo target directory per PHP (php-config path and version): bindings differ between PHP builds.
    tag="$("$php_config" --version)-$(printf '%s' "$php_config" | md5sum | cut -c1-8)"
    mkdir -p "$CACHE/phpize"
    exec 8>"$CACHE/phpize/.lock"
    flock 8
    clone=$CACHE/phpize/src-$tag
    if fresh_clone "$clone"; then
        counted "($step) phpize flow, $label" flow "$label" "$php_config" "$phpize" "$clone" "$CACHE/phpize/target-$tag"
        clean_check "$label" "$clone"
    else
        ko "$label: git clone of $ROOT failed"
    fi
    rm -rf "$clone"
    exec 8>&-
}

say "(a) phpize flow for the host's PHP, from a clone of HEAD ${head_rev:0:12}"
host_flow a host "$(command -v php-config)" "$(command -v phpize)"

# root_flow X.Y: (b) the flow for PHP X.Y inside the cached root of scripts/php-root (unless SKIP_PHPXY=1).
root_flow() {
    local v=$1 skip_var=SKIP_PHP${1//./} r=("$ROOT/scripts/php-root" "$1") clone
    if [ "${!skip_var:-0}" = 1 ]; then
        if ci; then
            ko "php$v: $skip_var=1 would skip the phpize flow for PHP $v, and CI runs every check"
        else
            echo "  skipped php$v: $skip_var=1 (the phpize flow for PHP $v needs the Debian root of scripts/php-root $v, 1.2-1.5 GB)"
            skip=$((skip + 1))
        fi
        return
    fi
    say "(b) phpize flow for PHP $v inside its Debian root (scripts/php-root $v)"
    if ! "${r[@]}" prepare; then
        ko "(b) php$v: the PHP $v root could not be prepared"
    elif ! "${r[@]}" run sh -c 'command -v make && command -v phpize && command -v php-config && command -v unshare' >/dev/null; then
        ko "(b) php$v: the root lacks a tool of the phpize flow (scripts/php-root installs its PKGS):"
        # shellcheck disable=SC2016 # for the shell in the root
        "${r[@]}" run sh -c 'for t in make phpize php-config unshare; do command -v $t >/dev/null || echo "missing: $t"; done' |
            sed 's/^/      /'
    else
        # The clone must be visible inside the root: under the repository (mounted at /src), in target/ (ignored).
        clone=$ROOT/target/phpize-suite/src-$v
        if fresh_clone "$clone"; then
            counted "(b) phpize flow, php$v" "${r[@]}" run bash /src/scripts/suites/75-phpize.sh --inside flow "php$v" php-config phpize \
                "/src/target/phpize-suite/src-$v" "/root/.cache/sysvmsg-rs/phpize/target-$v"
            clean_check "php$v" "$clone"
        else
            ko "php$v: git clone of $ROOT failed"
        fi
        rm -rf "$ROOT/target/phpize-suite"
    fi
}

root_flow 8.4
root_flow 8.5
root_flow 8.6

# (c) a thread-safe PHP, on which PIE builds from source where the release has no zip for it: PHP 8.4's release ZTS
# build (scripts/php-build release-zts, the build 36-release-zts tests; built once, cached).
say "(c) phpize flow for PHP 8.4's release ZTS build (scripts/php-build release-zts)"
zts_rc=0
zts_prefix=$(PHP_SERIES=8.4 bash "$ROOT/scripts/php-build" release-zts) || zts_rc=$?
if [ $zts_rc -eq 0 ]; then
    host_flow c php8.4-zts "$zts_prefix/bin/php-config" "$zts_prefix/bin/phpize"
elif [ $zts_rc -eq 3 ] || [ $zts_rc -eq 4 ]; then
    # Outside CI a skip with the reason; in CI a failure (lib.sh source_skip).
    if source_skip php8.4-zts "$zts_rc" "no PHP 8.4 source to build its release ZTS PHP from (scripts/php-build exit status $zts_rc)" |
        sed 's/^/  /'; then
        skip=$((skip + 1))
    else
        fail=$((fail + 1))
    fi
else
    ko "(c) php8.4-zts: scripts/php-build release-zts failed (exit status $zts_rc)"
fi

finish

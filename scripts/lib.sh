# shellcheck shell=bash
# Shared helpers for the project's scripts. Source it: `. "$(dirname "$0")/lib.sh"` (or from scripts/suites: ../lib.sh).
# Sets ROOT (repository root) and EXT (path of the built extension).

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
EXT=${EXT:-$ROOT/target/release/libsysvmsg_rs.so}
PHP=${PHP:-php}
export ROOT EXT PHP

say() { printf '==> %s\n' "$*" >&2; }

# ---- CI mode and the permanent skips ----
# In CI (CI=true, which .ci/run sets itself) no environment switch may drop a check, a failure to get what a suite
# needs (the mirror does not answer, a download breaks, qemu or a PHP build fails) fails the run with the reason,
# and the only skips accepted are the permanent ones of permanent_skips. Outside CI a skip is allowed, with its
# reason in the summary table.

# ci: whether this is a CI run.
ci() { case ${CI:-} in true | TRUE | True | 1 | yes) return 0 ;; *) return 1 ;; esac; }

# The variables a person sets to select, skip or shrink checks (suite selection, SKIP_*, VALGRIND=0, BENCH=0,
# FUZZ=0, another extension or PHP, fewer fuzz cases or requests...). In CI scripts/test unsets them all
# (ci_clean_env) and the suites refuse theirs (skip_switch).
CHECK_SWITCHES='SUITES SKIP_* EXT PHP PHPT_* VALGRIND VALGRIND_* BENCH BENCH_* FUZZ FUZZ_* STRESS_* PC_* BP_* SIG_*
EIDRM_* SOAK_* FPM_* THREADS_* CHECKERS_* UPSTREAM_TESTS_DIR PHP_SOURCE_VERSION'

# ci_clean_env: unsets every CHECK_SWITCHES variable that is set, saying which, and restores EXT and PHP's defaults.
ci_clean_env() {
    local pat v dropped=()
    for pat in $CHECK_SWITCHES; do
        for v in $(compgen -v | grep -xE "${pat//\*/.*}" || true); do
            # lib.sh's own defaults are no one's switch
            case "$v=${!v}" in "EXT=$ROOT/target/release/libsysvmsg_rs.so" | PHP=php) ;; *) dropped+=("$v=${!v}") ;; esac
            unset "$v"
        done
    done
    [ ${#dropped[@]} -eq 0 ] || say "CI: ignoring ${dropped[*]} (CI runs every check)"
    EXT=$ROOT/target/release/libsysvmsg_rs.so PHP=php
    export EXT PHP
}

# skip_switch VAR VALUE REASON: a suite's own switch (SKIP_AARCH64=1, VALGRIND=0...): when VAR is VALUE the suite
# skips as a whole with REASON, except in CI, where that is a failure.
skip_switch() {
    [ "${!1:-}" = "$2" ] || return 0
    if ci; then
        echo "FAIL $1=$2 would skip this suite, and CI runs every check"
        echo "0 passed, 1 failed"
        exit 1
    fi
    skip_suite "$1=$2 ($3)"
}

# permanent_skips: the permanent, proven unavailabilities: the only skips (and excused lines) CI accepts, and the
# one place they are listed. One per line: ID<TAB>ERE matched by its "skipped ...: REASON" / "excused ...: REASON"
# lines<TAB>what it takes away<TAB>the probe that proves it. scripts/test prints them in its summary.
permanent_skips() {
    cat <<'EOF'
c-module-differences	deliberate difference	the tests of the README's five deliberate differences (php-tests/diff_*.phpt, one fault_*.phpt) with the C module, which deliberately lacks what they check	each test's SKIPIF: no "sysvmsg implementation" row in phpinfo (php-tests/_impl.inc), so the loaded module is the C one
php85-source	no PHP 8\.5 source is served	php-src's ext/sysvmsg tests of PHP 8.5 (91-php85 step (b))	scripts/php-source 8.5 in the 8.5 root exits 3: experimental's source index lists php8.5 (8.5.7-1), but the mirror answers 404 for its files and for every php8.5 orig tarball of the pool (an unreachable mirror or a broken download is exit 4, a failure)
qemu-msg-lrpid	qemu reports msg_lrpid as	msg_lrpid under qemu user emulation (58-aarch64: the msg_lrpid line of stat_queue.phpt, both modules; every other field is checked)	58-aarch64's qemu probe, a C program in the arm64 root: msgctl(IPC_STAT) after msgsnd+msgrcv reads msg_lrpid 0, not its pid
qemu-ipc-mode	qemu writes only 16 of the 32 bits	the bits above 15 of msg_perm.mode under qemu user emulation, C module only (58-aarch64: the "mode bits above 15" lines of stat_queue.phpt, set_queue.phpt and set_queue_not_permitted.phpt; ours zeroes the buffer first)	the same probe reads a mode other than 0600 from a 0xff-filled msqid_ds
qemu-crash-message	on the stderr of a process that crashes	under qemu user emulation, the emulator's own "qemu: uncaught target signal" line in the output of receive_in_unserialize_teardown.phpt, whose child processes crash inside PHP's unserializer by design (both modules; every other line is checked)	lib.sh qemu_ipc_known's second probe, a C program that raises SIGSEGV in the arm64 root: qemu prints that line on the process's own stderr, which a kernel never does
php86-source	no PHP 8\.6 source is served	php-src's ext/sysvmsg tests of PHP 8.6 (92-php86 step (b))	scripts/php-source 8.6 in the 8.6 root exits 3: the mirror serves no php8.6 source package or orig tarball (an unreachable mirror or a broken download is exit 4, a failure)
teardown-freed-memory	writes into freed memory here by design	receive_in_unserialize_teardown.phpt under a memory checker or a debug build of PHP (60-valgrind, 35-checkers), which report the writes into freed memory PHP's unserializer makes there by design of the test, with unserialize() as with msg_receive	the test's SKIPIF: USE_ZEND_ALLOC=0 (valgrind, run-tests.php --asan) or PHP_DEBUG
version-behaviour	a PHP 8\.[0-9](-8\.[0-9])? behaviour: 	the tests of one PHP version's own behaviour on the other versions (the keys outside key_t: get_queue_key_range.phpt on 8.2-8.5, get_queue_key_narrowing.phpt and get_queue_failure_warning_wide_key.phpt on 8.6), each checked on its own versions, and the other versions' behaviour by the test its reason names	each test's SKIPIF: PHP_VERSION_ID
EOF
}

# source_skip WHAT STATUS REASON: a suite step that needs a PHP source scripts/php-source (or scripts/php-build)
# could not give (STATUS 3: the mirror serves none, 4: none could be had). Outside CI that is a skip: prints
# "skipped WHAT: REASON" and returns 0. In CI only a permanent skip (permanent_skips) of status 3 is: anything else
# prints "FAIL WHAT: REASON" and returns 1.
source_skip() {
    local line="skipped $1: $3"
    if ! ci || { [ "$2" = 3 ] && permanent_skip_id "$line" >/dev/null; }; then
        echo "$line"
        return 0
    fi
    echo "FAIL $1: $3 (CI accepts no skip but the permanent ones: lib.sh permanent_skips)"
    return 1
}

# permanent_skip_id LINE: the ID of the permanent skip a "skipped ..."/"excused ..." line belongs to (none: fails).
permanent_skip_id() {
    local id ere
    while IFS=$'\t' read -r id ere _; do
        [[ $1 =~ $ere ]] && { echo "$id"; return 0; }
    done < <(permanent_skips)
    return 1
}

# service_links: the symlinks that enable services, one a line, sorted: systemd's *.wants/ and *.requires/ links and
# SysV's S links of runlevels 0-6 (rcS.d is left out: one-shot boot scripts such as procps' sysctl, not services).
service_links() {
    {
        find /etc/systemd/system -mindepth 2 -maxdepth 2 -type l \( -path '*.wants/*' -o -path '*.requires/*' \)
        find /etc/rc0.d /etc/rc1.d /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d /etc/rc6.d -maxdepth 1 -type l -name 'S*'
    } 2>/dev/null | LC_ALL=C sort
}

# disable_new_services BEFORE AFTER: disable (and stop, on a running systemd) every service whose enabling links are
# in the list AFTER but not in BEFORE (both from service_links).
disable_new_services() {
    local new l u units=() names=()
    new=$(LC_ALL=C comm -13 <(printf '%s\n' "$1") <(printf '%s\n' "$2") | grep . || true)
    [ -n "$new" ] || return 0
    while IFS= read -r l; do
        case $l in
            /etc/systemd/system/*) units+=("$(basename "$l")") ;;
            /etc/rc?.d/S*) u=$(basename "$l"); names+=("${u:3}") ;;
        esac
    done <<<"$new"
    mapfile -t units < <(printf '%s\n' "${units[@]}" | grep . | LC_ALL=C sort -u)
    mapfile -t names < <(printf '%s\n' "${names[@]}" | grep . | LC_ALL=C sort -u)
    for u in "${units[@]}"; do
        say "disabling $u (enabled by the package installation; the tests start what they need themselves)"
        if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
            systemctl disable --now "$u" >/dev/null 2>&1 || true
        elif command -v systemctl >/dev/null; then
            # Not booted with systemd (a container, a chroot): systemctl edits the links offline.
            systemctl disable "$u" >/dev/null 2>&1 || true
        fi
    done
    for u in "${names[@]}"; do
        ls /etc/rc?.d/S??"$u" >/dev/null 2>&1 || continue
        say "disabling the SysV service $u (enabled by the package installation)"
        update-rc.d "$u" disable >/dev/null 2>&1 || true
    done
    # Whatever the tools above left: remove the new enabling links themselves.
    while IFS= read -r l; do
        [ ! -L "$l" ] || rm -f "$l"
    done <<<"$new"
}

# ensure_pkgs PKG...: apt-get install the Debian packages that are not installed yet. Services the packages bring
# (php-fpm, php's session-clean timer) are neither started (a policy-rc.d denies it during the installation, unless
# the system has its own) nor left enabled: the machine keeps the services it had.
ensure_pkgs() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    # One installation at a time from these scripts: they share the temporary policy-rc.d.
    local lock=/tmp/.sysvmsg-rs-apt.lock fd rc=0 before policy=/usr/sbin/policy-rc.d ours=''
    exec {fd}>"$lock"
    flock "$fd"
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || { exec {fd}>&-; return 1; }
        export APT_UPDATED=1
    fi
    before=$(service_links)
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# sysvmsg-rs: no service starts while the test scripts install packages\nexit 101\n' >"$policy"
        chmod 0755 "$policy"
        ours=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "${missing[@]}" >&2 || rc=$?
    [ -z "$ours" ] || rm -f "$policy"
    disable_new_services "$before" "$(service_links)"
    exec {fd}>&-
    return $rc
}

# The packages every build and test needs on a fresh Debian 12: PHP 8.2 (CLI with the C sysvmsg for comparison,
# headers, php-config and run-tests.php), libclang for bindgen, a C compiler for the cc crate and the interop peer,
# a C++ compiler for cargo-fuzz's libFuzzer, procps (pgrep/pkill in the suites) and xz-utils for php-src tarballs.
ensure_build_deps() {
    ensure_pkgs php8.2-cli php8.2-dev libclang-dev gcc g++ libc6-dev procps xz-utils
}

# cargo_with_php ARGS...: cargo, with ext-php-rs's build script pointed at $PHP. That script reads $PHP as the path
# of the PHP binary ("php" alone is "not found"), so plain "php" is left out of its environment, as in a direct
# `cargo build` (a different value would rebuild the bindings); any other PHP is passed as a full path.
cargo_with_php() {
    local php_env=(-u PHP)
    [ "$PHP" = php ] || php_env=("PHP=$(command -v "$PHP" || echo "$PHP")")
    env "${php_env[@]}" cargo "$@"
}

# ---- the extension, built once per PHP build ----

# ext_build PHP-BUILD [PROFILE]: builds the extension for one PHP build with cargo's PROFILE (release, the default:
# LTO, what is shipped; quick: the same without LTO, for the contributor's loop) and prints the path of the library
# on the host. PHP-BUILD is one of
#   host        the PHP CLI ($PHP) and php-config in PATH (Debian 12's PHP 8.2): target/PROFILE/
#   prefix:DIR  a PHP installed under DIR (scripts/php-build): target/checkers/<DIR's name>/PROFILE/ (CHECKERS_TARGET
#               moves target/checkers)
#   root:X.Y    the PHP X.Y of `scripts/php-root X.Y`, built inside that root: target/phpXY/PROFILE/ (/src/target/...
#               inside the root)
#   arm64:X.Y   the arm64 PHP X.Y of `scripts/arm64-root X.Y headers` (8.2: Debian 12's, 8.4: Debian 13's),
#               cross-built for aarch64-unknown-linux-gnu: aarch64_target_dir X.Y/aarch64-unknown-linux-gnu/PROFILE/;
#               `arm64` alone is arm64:8.2
# Each PHP build has a target directory of its own and is always built with the same environment (ext-php-rs's build
# script runs again whenever PHP, PHP_CONFIG or PATH change), so builds for different PHPs never invalidate each
# other and a second call for the same PHP build finds cargo's work done. Every target directory is in this
# repository's target/, never in the shared cache: cargo names a workspace's artefacts by paths relative to the
# workspace, so two checkouts sharing one target directory would take each other's crates for up to date. The test command builds each PHP build once
# and every suite tests that library. cargo's output goes to stderr; the exit status is cargo's.
ext_build() {
    local build=$1 profile=${2:-release} so rc=0
    local args=(build --locked -p sysvmsg-rs --profile "$profile")
    say "building the extension ($profile) for $build"
    case $build in
        host)
            (cd "$ROOT" && cargo_with_php "${args[@]}" >&2) || rc=$?
            so=${CARGO_TARGET_DIR:-$ROOT/target}/$profile/libsysvmsg_rs.so
            ;;
        prefix:*)
            local prefix=${build#prefix:}
            local target
            target=${CHECKERS_TARGET:-$ROOT/target/checkers}/$(basename "$prefix")
            (cd "$ROOT" && prefix_cargo "$prefix" "$target" "${args[@]}" >&2) || rc=$?
            so=$target/$profile/libsysvmsg_rs.so
            ;;
        root:*)
            local v=${build#root:}
            "$ROOT/scripts/php-root" "$v" run cargo "${args[@]}" >&2 || rc=$?
            so=$ROOT/target/php${v//./}/$profile/libsysvmsg_rs.so
            ;;
        arm64 | arm64:*)
            local v=8.2
            [ "$build" = arm64 ] || v=${build#arm64:}
            ext_build_arm64 "$v" "$profile" || rc=$?
            so=$ROOT/$(aarch64_target_dir "$v")/$AARCH64_TARGET/$profile/libsysvmsg_rs.so
            ;;
        *) say "ext_build: unknown PHP build '$build'"; return 2 ;;
    esac
    [ "$rc" -eq 0 ] || return "$rc"
    [ -f "$so" ] || { say "ext_build: cargo succeeded but $so is missing"; return 1; }
    printf '%s\n' "$so"
}

# prefix_cargo PREFIX TARGET_DIR ARGS...: cargo (niced) against the PHP installed under PREFIX (scripts/php-build), in
# the target directory TARGET_DIR: PATH, PHP and PHP_CONFIG all name that PHP (build.rs refuses a PHP binary and a
# php-config of different builds). ASan's leak check is off: it would fail the build scripts that run an ASan PHP.
prefix_cargo() {
    local prefix=$1 tdir=$2
    shift 2
    env PATH="$prefix/bin:$PATH" PHP="$prefix/bin/php" PHP_CONFIG="$prefix/bin/php-config" CARGO_TARGET_DIR="$tdir" \
        ASAN_OPTIONS=detect_leaks=0 nice cargo "$@"
}

# module_build_id SO: the build ID PHP compares with its own when it loads the module SO (ZEND_MODULE_BUILD_ID: the
# API number and thread safety, e.g. API20220829,NTS); empty when SO has none.
module_build_id() { strings -a "$1" 2>/dev/null | grep -m 1 -xE 'API[0-9]+,N?TS' || true; }

# ext_build_arm64 X.Y PROFILE: ext_build's arm64:X.Y (lib.sh aarch64_cargo against scripts/arm64-root X.Y's headers).
ext_build_arm64() {
    local v=$1 profile=$2 tdir pc b
    tdir=$ROOT/$(aarch64_target_dir "$v")
    aarch64_toolchain || return 1
    pc=$("$ROOT/scripts/arm64-root" "$v" headers) || { say "the arm64 headers of PHP $v could not be had"; return 1; }
    (cd "$ROOT" && aarch64_cargo "$pc" "$tdir" build --locked -p sysvmsg-rs --profile "$profile" --target "$AARCH64_TARGET" >&2) ||
        return 1
    # ext-php-rs does not rebuild its bindings when only EXT_PHP_RS_TEST changes: bindings made without it (a build
    # by hand in the same target directory) are regenerated once.
    # shellcheck disable=SC2012 # newest first; the paths are cargo's own (no odd characters)
    b=$(ls -t "$tdir/$AARCH64_TARGET/$profile"/build/ext-php-rs-*/out/bindings.rs 2>/dev/null | head -n 1)
    if [ -n "$b" ] && ! grep -q 'size_of::<_zval_struct>()' "$b"; then
        say "the bindings in $tdir have no layout assertions: regenerating them"
        (cd "$ROOT" && aarch64_cargo "$pc" "$tdir" clean --profile "$profile" --target "$AARCH64_TARGET" -p ext-php-rs >&2 &&
            aarch64_cargo "$pc" "$tdir" build --locked -p sysvmsg-rs --profile "$profile" --target "$AARCH64_TARGET" >&2)
    fi
}

# build_ext: builds the extension for the host's PHP (ext_build host; EXT_PROFILE, default release); EXT must exist
# afterwards (it is that build unless the caller named another library).
build_ext() {
    ext_build host "${EXT_PROFILE:-release}" >/dev/null || return 1
    [ -f "$EXT" ] || { say "missing $EXT after the build"; return 1; }
}

# php_ours ARGS...: PHP with no ini, our extension loaded. php_c ARGS...: the same with Debian's C sysvmsg.
php_ours() { "$PHP" -n -d "extension=$EXT" "$@"; }
php_c() { "$PHP" -n -d extension=sysvmsg "$@"; }

# phpt_run LABEL EXTENSION-SPEC DIR [RUN-TESTS-OPTION...]: the project's one phpt runner. Runs every .phpt file
# under DIR through PHP's run-tests.php with `-d extension=EXTENSION-SPEC`, prints the problems of failed tests (with
# their diffs) and the skip reasons on stderr and "LABEL: N passed, M failed, K skipped" on stdout, and sets
# PHPT_PASS, PHPT_FAIL, PHPT_SKIP, PHPT_STATUS (run-tests.php's -W output) and PHPT_RESULTS (a file with one
# "STATUS<TAB>TEST" line for every .phpt file, TEST relative to DIR: PASSED, XFAILED and SKIPPED are the good ones,
# MISSING when run-tests.php gave no result).
# The results are counted against the .phpt files, not against what run-tests.php reported: a test without a result
# (run-tests.php died, was killed or stopped early) is a failure, no .phpt file at all is a failure, and a non-zero
# exit status of run-tests.php with no failed test is a failure.
# Settings: PHPT_RUN_TESTS (run-tests.php; default: the one of the installed php-dev), PHPT_DRIVER (the PHP that
# runs run-tests.php; default $PHP), PHPT_TESTED (the PHP the tests run with, -p; default PHPT_DRIVER), PHPT_WORK (a
# directory for the status file and log; default: a new temporary one), PHPT_JOBS (default 2), PHPT_TIMEOUT
# (seconds per test, default 60), PHPT_DEADLINE (seconds for the whole run; none by default), PHPT_KNOWN (a file of
# "TEST<TAB>LINE-ERE<TAB>REASON" lines for faults proved to be the platform's, never a module's behaviour: a failed
# TEST whose every differing line matches one of its LINE-EREs counts as passed, everything else in it having been
# checked, and "LABEL: excused TEST: REASON" is printed per entry used, then the diff). run-tests.php writes
# NAME.php/.out/.diff next to a failed test.
phpt_run() {
    local label=$1 ext=$2 dir=$3
    shift 3
    local driver tested run_tests work status log results rc=0 pass=0 fail=0 skip=0 raw_fail=0 st t n
    local deadline=()
    driver=$(command -v "${PHPT_DRIVER:-$PHP}" || echo "${PHPT_DRIVER:-$PHP}")
    tested=${PHPT_TESTED:-$driver}
    run_tests=${PHPT_RUN_TESTS:-$(php-config --extension-dir)/build/run-tests.php}
    work=${PHPT_WORK:-$(mktemp -d)}
    status=$work/$label.status log=$work/$label.log results=$work/$label.results
    : >"$status"
    : >"$results"
    # shellcheck disable=SC2034 # results for the caller
    PHPT_STATUS=$status PHPT_RESULTS=$results
    # run-tests.php names the tests by the real path of the directory it was given.
    dir=$(realpath "$dir" 2>/dev/null) || dir=$3
    n=$(find "$dir" -name '*.phpt' -type f 2>/dev/null | wc -l)
    if [ "$n" -eq 0 ]; then
        say "$label: no .phpt files in $dir: counting that as a failure"
        echo "$label: 0 passed, 1 failed, 0 skipped (no tests in $dir)"
        PHPT_PASS=0 PHPT_FAIL=1 PHPT_SKIP=0
        return
    fi
    [ -z "${PHPT_DEADLINE:-}" ] || deadline=(timeout --kill-after=30 "$PHPT_DEADLINE")
    say "$label: run-tests.php with -d extension=$ext over $n tests (-j${PHPT_JOBS:-2}${*:+ $*})"
    # -W writes "STATUS<TAB>file" for every test: simpler and sturdier to count than the human summary.
    NO_INTERACTION=1 NO_COLOR=1 "${deadline[@]}" "$driver" -n "$run_tests" -n -p "$tested" -d "extension=$ext" -q \
        -j"${PHPT_JOBS:-2}" --set-timeout "${PHPT_TIMEOUT:-60}" --show-diff -W "$status" "$@" "$dir" >"$log" 2>&1 ||
        rc=$?
    # One line per .phpt file, in the order of the files: its status, or MISSING.
    awk -F '\t' -v d="$dir/" '
        FNR == NR { t = $2; if (index(t, d) == 1) t = substr(t, length(d) + 1); if (!(t in st)) st[t] = $1; next }
        { print (($0 in st) ? st[$0] : "MISSING") "\t" $0 }
    ' "$status" <(cd "$dir" && find . -name '*.phpt' -type f | sed 's|^\./||' | LC_ALL=C sort) >"$results"
    pass=$(grep -c -E '^(PASSED|XFAILED)'$'\t' "$results" || true)
    skip=$(grep -c -E '^SKIPPED'$'\t' "$results" || true)
    raw_fail=$((n - pass - skip)) fail=$raw_fail
    if [ "$fail" -gt 0 ]; then
        local excused
        while IFS=$'\t' read -r st t; do
            if [ "$st" = FAILED ] && [ -n "${PHPT_KNOWN:-}" ] && excused=$(phpt_excused "$dir" "$t"); then
                printf '%s\n' "$excused" | sed "s|^|$label: excused $t: |"
                echo "$label: $t's diff (only the excused lines differ):"
                awk '{ print "      " $0 }' "$dir/${t%.phpt}.diff"
                fail=$((fail - 1)) pass=$((pass + 1))
            elif [ "$st" = MISSING ]; then
                echo "$label: MISSING $t: no result (run-tests.php exited with status $rc)"
            else
                echo "$label: $st $t"
            fi
        done < <(grep -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$results") >&2
        # the diffs of the failed tests, as printed by --show-diff
        [ "$fail" -eq 0 ] || sed -n '/^========DIFF========/,/^========DONE========/p' "$log" >&2
        if grep -q -E '^MISSING'$'\t' "$results"; then
            say "$label: $(grep -c -E '^MISSING'$'\t' "$results") of $n tests have no result; the end of run-tests.php's output:"
            tail -n 20 "$log" >&2
        fi
    fi
    if [ "$rc" -ne 0 ] && [ "$raw_fail" -eq 0 ]; then
        say "$label: run-tests.php exited with status $rc although every test has a good result; counting a failure"
        tail -n 20 "$log" >&2
        fail=$((fail + 1))
    fi
    grep -E 'SKIP.*reason:' "$log" | sed -E 's/^.*\[([^]]*)\] reason: /\1: /; s|'"$dir"'/||; s/^/'"$label"': skipped /' >&2 || true
    echo "$label: $pass passed, $fail failed, $skip skipped"
    # shellcheck disable=SC2034 # results for the caller
    PHPT_PASS=$pass PHPT_FAIL=$fail PHPT_SKIP=$skip
}

# phpt_excused DIR TEST: whether every line that differs in TEST's diff matches one of TEST's LINE-EREs in PHPT_KNOWN
# (phpt_run); prints the reason of each entry used. run-tests.php's diff lines are "NNN- expected" / "NNN+ actual"
# (PHP 8.2) or "-expected" / "+actual" (newer); "--" and "@@" lines separate its hunks.
phpt_excused() {
    local diff=$1/${2%.phpt}.diff
    [ -s "$diff" ] || return 1
    awk -F '\t' -v t="$2" '
        FNR == NR { if ($1 == t) { n++; ere[n] = $2; why[n] = $3 } next }
        /^(--|@@.*|\+\+\+.*|---.*)$/ { next }
        /^([0-9]+[-+] |[-+])/ {
            line = $0; sub(/^([0-9]+[-+] |[-+])/, "", line); lines++
            for (i = 1; i <= n; i++) if (line ~ ere[i]) { used[i] = 1; next }
            bad = 1
        }
        END {
            if (bad || !lines || !n) exit 1
            for (i = 1; i <= n; i++) if (used[i]) print why[i]
        }
    ' "$PHPT_KNOWN" "$diff"
}

# phpt_step LABEL EXTENSION-SPEC DIR: phpt_run for a step whose caller counts the last line (the suites that run
# in a root: `bash SUITE --inside phpt ...`): the problems and skip reasons, then "P passed, F failed, S skipped".
# A DIR outside the repository (php-src's tests in a root's cache) is copied first, so run-tests' result files stay
# out of the cached sources (php-tests/ runs in place: its tests read ../stubs, and .gitignore covers the result
# files); run-tests.php is run from a copy too (a header tree may be mounted read-only, and it writes next to itself).
phpt_step() {
    local label=$1 ext=$2 dir=$3 work
    work=$(mktemp -d)
    case $dir in
        "$ROOT"/*) ;;
        *) cp -r "$dir" "$work/t"; dir=$work/t ;;
    esac
    cp "${PHPT_RUN_TESTS:-$(php-config --extension-dir)/build/run-tests.php}" "$work/run-tests.php"
    PHPT_RUN_TESTS=$work/run-tests.php PHPT_WORK=$work phpt_run "$label" "$ext" "$dir" 2>&1
    rm -rf "$work"
    echo "$PHPT_PASS passed, $PHPT_FAIL failed, $PHPT_SKIP skipped"
}

# phpt_module_loads PHP-BINARY EXTENSION-SPEC: whether that PHP loads the module as "sysvmsg" (errors on stderr).
# Every phpt test skips itself when no sysvmsg is loaded, so a library PHP refuses must fail, not skip.
phpt_module_loads() {
    local out
    out=$("$1" -n -d "extension=$2" -r 'exit(extension_loaded("sysvmsg") ? 0 : 1);' 2>&1) && return 0
    say "$1 does not load $2 as module sysvmsg"
    printf '%s\n' "$out" >&2
    return 1
}

# report PASSED FAILED [SKIPPED]: a suite's closing line (`N passed, M failed[, K skipped]`); fails when FAILED > 0.
report() {
    if [ "${3:-0}" -gt 0 ]; then
        echo "$1 passed, $2 failed, $3 skipped"
    else
        echo "$1 passed, $2 failed"
    fi
    [ "$2" -eq 0 ]
}

# skip_suite REASON: a suite that does not run says why, closes with one skipped, and exits 0.
skip_suite() {
    echo "skipped: $1"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
}

# apt_entries: "URI SUITE" for each enabled deb entry of the system's apt sources (deb822 *.sources and one-line
# *.list files), so mirrors are read from the machine at run time and no host name is written into the repository.
apt_entries() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && enabled != "no")
                    for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
                types = ""; enabled = ""; nu = 0; ns = 0
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            {
                key = tolower($1); sub(/:$/, "", key); $1 = ""
                if (key == "types") types = $0
                else if (key == "enabled") enabled = tolower($2)
                else if (key == "uris") nu = split($0, u, " ")
                else if (key == "suites") ns = split($0, s, " ")
            }
            END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        # deb [opts] URI SUITE COMPONENTS...
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
    done
}

# debian_mirrors: sets MIRROR (the main archive, as the apt sources name it) and SEC_MIRROR (the security
# archive, may be empty) from the system's entries for its own release. SYSVMSG_DEBIAN_MIRROR and
# SYSVMSG_DEBIAN_SECURITY_MIRROR override them. Fails when no mirror is found.
debian_mirrors() {
    local codename entries
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    entries=$(apt_entries | awk '$1 ~ /^https?:\/\//' | sed 's,/*  *, ,')
    MIRROR=${SYSVMSG_DEBIAN_MIRROR:-$(awk -v c="$codename" '$2 == c { print $1; exit }' <<<"$entries")}
    SEC_MIRROR=${SYSVMSG_DEBIAN_SECURITY_MIRROR-$(awk -v c="$codename-security" '$2 == c { print $1; exit }' <<<"$entries")}
    MIRROR=${MIRROR%/} SEC_MIRROR=${SEC_MIRROR%/}
    [ -n "$MIRROR" ]
}

# in_mount_ns DIR [UNSHARE-OPTION...] -- CMD...: runs CMD in a new mount namespace (plus the given unshare options)
# in which mounts made under DIR are private: they never reach the caller's namespace and vanish with the command.
# `unshare --propagation private` needs / to be a mount point; where it is not (a chroot), DIR is bind-mounted onto
# itself in the new namespace and that mount is made private instead (and unmounted again at the end, which also
# takes back the copy a shared parent mount may have received).
in_mount_ns() {
    local dir=$1 opts=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    if unshare --mount --propagation private true 2>/dev/null; then
        unshare --mount --propagation private "${opts[@]}" -- "$@"
    else
        # shellcheck disable=SC2016 # the script expands its own arguments
        unshare --mount --propagation unchanged "${opts[@]}" -- "$BASH" -c '
            dir=$1; shift
            mount --bind "$dir" "$dir" && mount --make-rprivate "$dir" || exit 1
            rc=0; "$@" || rc=$?
            umount -R "$dir" 2>/dev/null || umount -l "$dir"
            exit $rc' in_mount_ns "$dir" "$@"
    fi
}

# ---- debootstrap roots (scripts/php-root, scripts/arm64-root) ----

# mounted_under DIR: the mount points below DIR, one a line.
mounted_under() { findmnt -rn -o TARGET | awk -v p="$1/" 'index($0 "/", p) == 1'; }

# safe_rm_dir DIR: removes DIR, but refuses (and fails) while anything is still mounted below it: it could be the
# repository or the toolchain.
safe_rm_dir() {
    if [ -n "$(mounted_under "$1")" ]; then
        say "something is still mounted under $1; not removing it"
        return 1
    fi
    rm -rf --one-file-system "$1"
}

# root_stamp_ok RD WANT: the root RD was finished with the stamp WANT (the way it is set up and its package list).
root_stamp_ok() { [ -f "$1/.sysvmsg-stamp" ] && [ "$(cat "$1/.sysvmsg-stamp")" = "$2" ]; }

# root_debootstrap RD LOG CMD...: runs CMD (a debootstrap command line, possibly behind a wrapper) into the fresh
# directory RD, in its own mount namespace (debootstrap mounts /proc and /sys in the target: an interrupted run would
# otherwise leave them mounted on the host), its output in LOG; on failure shows LOG's end and fails.
root_debootstrap() {
    local rd=$1 log=$2
    shift 2
    mkdir -p "$rd"
    in_mount_ns "$rd" -- "$@" >"$log" 2>&1 && return 0
    tail -n 30 "$log" >&2
    say "debootstrap failed (log: $log)"
    return 1
}

# root_apt_defaults RD: no recommends, suggests or translations in the root's apt, and no documentation installed
# (a good part of a root's size, and nothing here reads it).
root_apt_defaults() {
    rm -f "$1/etc/apt/sources.list"
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Languages "none";\n' \
        >"$1/etc/apt/apt.conf.d/90sysvmsg"
    printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
        >"$1/etc/dpkg/dpkg.cfg.d/90sysvmsg-nodoc"
}

# root_ns_run RD SHARE-IPC CMD...: runs CMD (a root script's inner step, which mounts what it needs under RD with
# root_mounts and chroots with root_exec) in a new mount namespace, and a new IPC namespace unless SHARE-IPC is 1.
# The namespace dies with the command and takes every mount with it; afterwards nothing may be left mounted under RD.
root_ns_run() {
    local rd=$1 share=$2 ns=() rc=0
    shift 2
    [ "$share" = 1 ] || ns+=(--ipc)
    in_mount_ns "$rd" "${ns[@]}" -- "$@" || rc=$?
    if [ -n "$(mounted_under "$rd")" ]; then
        say "mounts left under $rd:"
        mounted_under "$rd" >&2
        return 1
    fi
    return "$rc"
}

# root_mounts RD: inside the private namespace of root_ns_run: /proc, /sys, /dev, this repository at /src
# (read-write) and the host's resolv.conf; with SYSVMSG_ROOT_OVERLAY set, over a throw-away copy of RD (throwaway).
root_mounts() {
    local rd=$1 resolv
    [ -z "${SYSVMSG_ROOT_OVERLAY:-}" ] || root_overlay "$rd" "$SYSVMSG_ROOT_OVERLAY"
    mount -t proc proc "$rd/proc"
    mount --rbind /dev "$rd/dev"
    mount -t sysfs sysfs "$rd/sys" 2>/dev/null || mount --rbind -o ro /sys "$rd/sys"
    mkdir -p "$rd/src"
    mount --bind "$ROOT" "$rd/src"
    resolv=$(readlink -f /etc/resolv.conf 2>/dev/null || true)
    if [ -n "$resolv" ] && [ -f "$resolv" ]; then
        # A bind mount needs an existing file as its target, not a (possibly dangling) symlink.
        if [ -L "$rd/etc/resolv.conf" ] || [ ! -f "$rd/etc/resolv.conf" ]; then
            rm -f "$rd/etc/resolv.conf"
            : >"$rd/etc/resolv.conf"
        fi
        mount --bind "$resolv" "$rd/etc/resolv.conf"
    fi
}

# root_exec RD [VAR=VALUE...] -- CMD...: replaces this process with CMD chrooted into RD, in /src, with a clean
# environment: HOME=/root, LANG, TERM, a standard PATH (ROOT_PATH_PREFIX, when set, goes first) and the given
# variables.
root_exec() {
    local rd=$1 vars=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    exec chroot "$rd" /usr/bin/env -i \
        HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
        PATH="${ROOT_PATH_PREFIX:+$ROOT_PATH_PREFIX:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        "${vars[@]}" /bin/sh -c 'cd /src && exec "$@"' sh "$@"
}

# ---- counting results ----
# Every runner counts what should have run: a command that dies, a count that comes out short and a run in which
# nothing ran are failures, never a pass. scripts/suites/00-selftest.sh feeds each runner such inputs.

# summary_counts LINE STATUS: reads the "P passed, F failed[, K skipped]" line a command printed last, and its exit
# STATUS, and sets SUM_PASS, SUM_FAIL, SUM_SKIP and SUM_NOTE (why a failure was added): no such line is one failure
# (the command died or was cut short), a non-zero status without a failure is one, and so is "0 passed, 0 failed"
# with nothing skipped (nothing ran).
summary_counts() {
    SUM_NOTE=''
    if [[ $1 =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
        SUM_PASS=${BASH_REMATCH[1]} SUM_FAIL=${BASH_REMATCH[2]} SUM_SKIP=${BASH_REMATCH[4]:-0}
        if [ "$2" -ne 0 ] && [ "$SUM_FAIL" -eq 0 ]; then
            SUM_FAIL=1 SUM_NOTE="exit status $2 although no failure was reported"
        elif [ $((SUM_PASS + SUM_FAIL + SUM_SKIP)) -eq 0 ]; then
            SUM_FAIL=1 SUM_NOTE="nothing ran (0 passed, 0 failed)"
        fi
    else
        SUM_PASS=0 SUM_FAIL=1 SUM_SKIP=0 SUM_NOTE="exit status $2, no summary line"
    fi
}

# tally LABEL EXPECTED CMD...: runs a checker that prints one "PASS ..." (or "ok ...") or "FAIL ..." line per check
# and must make EXPECTED (> 0) of them; shows its output and ends with "P passed, F failed". Checks it never made (it
# died or stopped early) are failures, more checks than expected is one (the expectation no longer holds), and so is
# a non-zero exit status without a failure.
tally() {
    local label=$1 expected=$2 out rc=0 p f
    shift 2
    out=$("$@" 2>&1) || rc=$?
    printf '%s\n' "$out" | sed 's/^/  /'
    p=$(grep -c -E '^(PASS|ok)( |$)' <<<"$out" || true)
    f=$(grep -c -E '^FAIL( |$)' <<<"$out" || true)
    if ! [[ $expected =~ ^[1-9][0-9]*$ ]]; then
        echo "  FAIL $label: no expected number of checks ('$expected')"
        f=$((f + 1))
    elif [ $((p + f)) -lt "$expected" ]; then
        echo "  FAIL $label: $((p + f)) of $expected checks made (exit status $rc)"
        f=$((expected - p))
    elif [ $((p + f)) -gt "$expected" ]; then
        echo "  FAIL $label: $((p + f)) checks made, $expected expected"
        f=$((f + 1))
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "  FAIL $label: exit status $rc"
        f=1
    fi
    echo "$p passed, $f failed"
}

# rust_test_minimum DIR...: how many tests `cargo test` must at least pass for the crates whose sources are in DIR...:
# every #[test] function, less the #[ignore]d ones unless IGNORED_RUN=1 (cargo test -- --include-ignored).
rust_test_minimum() {
    local tests ignored
    tests=$(find "$@" -name '*.rs' -type f -exec cat {} + | grep -c -E '^[[:space:]]*#\[test\]' || true)
    ignored=$(find "$@" -name '*.rs' -type f -exec cat {} + | grep -c -E '^[[:space:]]*#\[ignore' || true)
    [ "${IGNORED_RUN:-0}" = 1 ] || tests=$((tests - ignored))
    echo "$tests"
}

# cargo_test_counted MIN CARGO-ARGS...: runs `CARGO_TEST_CMD CARGO-ARGS` (default: cargo_with_php test), its output on
# stderr, and prints "P passed, F failed", summed over cargo's "test result:" lines (ignored tests did not run). A
# failing cargo is at least one failure, and fewer than MIN passed tests are failures too: a test binary that dies or
# a selection that matches nothing cannot pass.
cargo_test_counted() {
    local min=$1 log rc=0 p f
    shift
    log=$(mktemp)
    ${CARGO_TEST_CMD:-cargo_with_php test} "$@" 2>&1 | tee "$log" >&2 || rc=${PIPESTATUS[0]}
    read -r p f < <(awk '/^test result:/ {
            for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
        } END { print p + 0, f + 0 }' "$log")
    rm -f "$log"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        say "cargo test exited with status $rc before any test failed"
        f=1
    fi
    if [ "$p" -lt "$min" ]; then
        say "cargo test: $p tests passed, fewer than the $min the sources define"
        f=$((f + min - p))
    fi
    echo "$p passed, $f failed"
}

# ---- suites made of counted steps (58-aarch64, the PHP version suites, 40-interop) ----
# They keep their counts in pass, fail and skip, and per-step times in timings; steps_init starts them.

steps_init() { pass=0 fail=0 skip=0 t_suite=$SECONDS timings=(); }
ok() { echo "  PASS $*"; pass=$((pass + 1)); }
ko() { echo "  FAIL $*"; fail=$((fail + 1)); }

# counted LABEL CMD...: runs CMD (whose last line is "P passed, F failed[, S skipped]"), shows its output and adds
# the counts by summary_counts' rules.
counted() {
    local label=$1 out rc=0 last t0=$SECONDS
    shift
    say "$label"
    out=$("$@" 2>&1) || rc=$?
    printf '%s\n' "$out" | sed '$d'
    last=$(printf '%s\n' "$out" | tail -n 1)
    summary_counts "$last" "$rc"
    pass=$((pass + SUM_PASS)) fail=$((fail + SUM_FAIL)) skip=$((skip + SUM_SKIP))
    if [ -n "$SUM_NOTE" ]; then
        echo "  $last"
        echo "  FAIL $label: $SUM_NOTE"
    else
        echo "  $label: $last"
    fi
    timings+=("$(printf '%-42s %4d s' "$label" $((SECONDS - t0)))")
}

# timed LABEL CMD...: runs CMD and notes its time.
timed() {
    local label=$1 t0=$SECONDS rc=0
    shift
    "$@" || rc=$?
    timings+=("$(printf '%-42s %4d s' "$label" $((SECONDS - t0)))")
    return $rc
}

# finish: the timings, then the suite's closing line (lib.sh report).
finish() {
    echo "timings:"
    printf '  %s\n' "${timings[@]}" "$(printf '%-42s %4d s' total $((SECONDS - t_suite)))"
    report "$pass" "$fail" "$skip"
}

# interop_cases_count SET: how many cases interop/cases.php defines in SET (read without any sysvmsg module).
interop_cases_count() { "$PHP" -n "$ROOT/interop/cases.php" hex "$1" | grep -c . || true; }

# xfer LABEL SENDER... -- RECEIVER...: on the queue XKEY, the sender sends interop/'s "php" set twice and the
# receiver checks values and bytes (one PASS/FAIL line each). The sender must report two messages per case sent, and
# the receiver must make one check per message sent plus one (nothing else on the queue): lib.sh tally. Ends with
# "P passed, F failed" (for counted). Both ends must share one IPC namespace.
xfer() {
    local label=$1 snd=() rcv=() cases out sent sp=0 sf=0 last
    shift
    while [ "$1" != -- ]; do snd+=("$1"); shift; done
    shift
    rcv=("$@")
    cases=$(interop_cases_count php)
    php_c "$ROOT/interop/remove.php" "$XKEY" >/dev/null
    out=$("${snd[@]}" "$XKEY" php 2 2>&1) || true
    printf '%s\n' "$out" | sed 's/^/  sender: /'
    sent=$(sed -n 's/^ *sent \([0-9]*\) messages$/\1/p' <<<"$out")
    if [ "$cases" -gt 0 ] && [ "${sent:-0}" -eq $((cases * 2)) ]; then
        echo "  PASS $label: the sender sent $sent messages (2 x $cases cases)" && sp=1
    else
        echo "  FAIL $label: the sender sent ${sent:-no} messages, expected 2 x $cases cases" && sf=1
    fi
    out=$(tally "$label" $((cases * 2 + 1)) "${rcv[@]}" "$XKEY" php 2 "$label")
    php_c "$ROOT/interop/remove.php" "$XKEY" >/dev/null
    printf '%s\n' "$out" | sed '$d'
    last=$(tail -n 1 <<<"$out")
    summary_counts "$last" 0
    echo "$((SUM_PASS + sp)) passed, $((SUM_FAIL + sf)) failed"
}

# ---- throw-away roots (the install checks of 95-release) ----

# root_overlay RD DIR: in a root run's private mount namespace (root_mounts, when SYSVMSG_ROOT_OVERLAY=DIR), an
# overlay mounted over RD itself with its writes in DIR/upper: the run sees and changes a copy of the cached root,
# which stays as it was for every other process and every later run. The mount goes with the namespace.
root_overlay() {
    mkdir -p "$2/upper" "$2/work"
    mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$1"
}

# throwaway CMD...: CMD (a `scripts/php-root X.Y run ...` or `scripts/arm64-root run ...` command line) on a
# throw-away copy of that root (root_overlay), whose changes are deleted afterwards: installing a package there
# leaves the cached root, which other suites build and test in, untouched.
throwaway() {
    local dir rc=0
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sysvmsg-rs-overlay.XXXXXX")
    env SYSVMSG_ROOT_OVERLAY="$dir" "$@" || rc=$?
    rm -rf --one-file-system "$dir"
    return $rc
}

# throwaway_dir DIR CMD...: CMD in a private mount namespace in which DIR is a throw-away copy of itself (root_overlay;
# the caller's IPC namespace is kept), whose changes are deleted afterwards: an installation into a PHP installed
# under DIR (a scripts/php-build prefix) at that PHP's own paths, while DIR stays as it is for every other process.
throwaway_dir() {
    local dir=$1 tmp rc=0
    shift
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/sysvmsg-rs-overlay.XXXXXX")
    # shellcheck disable=SC2016 # the inner shell expands its own arguments
    root_ns_run "$dir" 1 "$BASH" -c '. "$1" && root_overlay "$2" "$3" || exit 1; shift 3; exec "$@"' throwaway_dir \
        "$ROOT/scripts/lib.sh" "$dir" "$tmp" "$@" || rc=$?
    rm -rf --one-file-system "$tmp"
    return $rc
}

# ---- aarch64 on this x86_64 host (58-aarch64, scripts/release) ----

AARCH64_TARGET=aarch64-unknown-linux-gnu

# aarch64_target_dir X.Y: cargo's target directory for the aarch64 build against arm64 PHP X.Y, relative to ROOT.
aarch64_target_dir() { if [ "$1" = 8.2 ]; then echo target/aarch64; else echo "target/aarch64-php${1//./}"; fi; }

# aarch64_toolchain: the Rust target and Debian's cross toolchain, installed when missing.
aarch64_toolchain() {
    ensure_pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static libclang-dev binutils-aarch64-linux-gnu
    if ! rustup target list --installed 2>/dev/null | grep -qx "$AARCH64_TARGET"; then
        say "rustup target add $AARCH64_TARGET"
        rustup target add "$AARCH64_TARGET" >&2
    fi
}

# aarch64_cargo PHP_CONFIG TARGET_DIR ARGS...: cargo for aarch64, against the arm64 PHP headers that PHP_CONFIG (the
# wrapper of `scripts/arm64-root X.Y headers`) describes. ext-php-rs's build script reads the include paths from
# PHP_CONFIG, and it and build.rs read the version, API, ZTS and debug from `php -i` of PHP: the php wrapper next to
# that php-config, which answers -i for those headers (the arm64 PHP cannot run here, and the host's is another
# build); bindgen passes --target=aarch64-unknown-linux-gnu to libclang itself (from cargo's TARGET), and clang takes
# the C library's headers from the cross toolchain. EXT_PHP_RS_TEST makes bindgen emit its layout assertions, so
# rustc checks every generated struct against clang's aarch64 layout while compiling.
aarch64_cargo() {
    local pc=$1 tdir=$2
    shift 2
    env PHP="$(dirname "$pc")/php" PHP_CONFIG="$pc" CARGO_TARGET_DIR="$tdir" EXT_PHP_RS_TEST=1 \
        CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar \
        CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
        nice cargo "$@"
}

# qemu_ipc_known DIR DIR_IN_ROOT RUN...: the emulator's own view of msgctl(IPC_STAT), from a C program without PHP
# (compiled into DIR, run as `RUN... DIR_IN_ROOT/qemu-ipc-probe` in the arm64 root); writes the output lines of
# php-tests that this qemu gets wrong, as PHPT_KNOWN files ("TEST<TAB>LINE-ERE<TAB>REASON", lib.sh phpt_run), to
# DIR/qemu-known-ours (our module) and DIR/qemu-known-c (the C module), and prints what the probe saw. Fails when the
# probe does not run.
# qemu-user converts the host kernel's struct msqid_ds to the aarch64 one itself, and (as of Debian 12's qemu 7.2)
# gets two fields wrong:
# - ipc_perm.mode is written as 16 bits (its generic target_ipc_perm), while aarch64's is 32 bits wide: the upper
#   half keeps whatever the caller's buffer held. Our module zeroes the buffer first; the C module passes
#   uninitialised stack memory, so under qemu its msg_perm.mode shows garbage above bit 15 (on a real aarch64
#   kernel the whole field is written).
# - msg_lspid is written as 64 bits over msg_lspid and msg_lrpid (32-bit pid_t fields), so msg_lrpid always reads 0
#   (qemu-devel, "linux-user: fix layout of struct target_msq_id_ds", 2025).
# The probe fills the buffer with 0xff bytes, so either error shows. Only the output lines that show exactly these
# fields are then excused, and only for the module the artefact reaches; every other line must be right.
# A second probe crashes: qemu-user reports a guest process that dies of a signal on that process's own stderr
# ("qemu: uncaught target signal 11 (Segmentation fault) - core dumped"), which a kernel never does, and
# receive_in_unserialize_teardown.phpt's children crash inside PHP's unserializer by design (with either module, and
# with unserialize() alone), so that line lands in its output: that line is then excused for both modules.
qemu_ipc_known() {
    local dir=$1 in_root=$2 p_mode p_lspid p_lrpid p_pid p_said why
    shift 2
    cat >"$dir/qemu-ipc-probe.c" <<'PROBE'
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

int main(void)
{
    struct { long mtype; char mtext[1]; } m = { 1, { 'x' } };
    struct msqid_ds ds;
    int id = msgget(IPC_PRIVATE, 0600), rc;
    if (id < 0) { perror("msgget"); return 2; }
    if (msgsnd(id, &m, 1, 0) < 0 || msgrcv(id, &m, 1, 0, 0) < 0) { perror("msgsnd/msgrcv"); msgctl(id, IPC_RMID, NULL); return 2; }
    memset(&ds, 0xff, sizeof ds);
    rc = msgctl(id, IPC_STAT, &ds);
    msgctl(id, IPC_RMID, NULL);
    if (rc < 0) { perror("msgctl"); return 2; }
    printf("%#o %ld %ld %ld\n", (unsigned) ds.msg_perm.mode, (long) ds.msg_lspid, (long) ds.msg_lrpid, (long) getpid());
    return 0;
}
PROBE
    : >"$dir/qemu-known-ours"
    : >"$dir/qemu-known-c"
    aarch64-linux-gnu-gcc -O2 -o "$dir/qemu-ipc-probe" "$dir/qemu-ipc-probe.c" || return 1
    read -r p_mode p_lspid p_lrpid p_pid < <("$@" "$in_root/qemu-ipc-probe") || return 1
    echo "  qemu probe: IPC_STAT into a 0xff-filled msqid_ds after msgsnd+msgrcv: mode $p_mode (created 0600)," \
        "msg_lspid $p_lspid, msg_lrpid $p_lrpid, pid $p_pid"
    if [ "$p_mode" != 0600 ]; then
        why="this qemu writes only 16 of the 32 bits of aarch64's ipc_perm.mode (probe: $p_mode), and the C module reads it from an uninitialised msqid_ds"
        printf '%s\t%s\t%s\n' stat_queue.phpt '^msg_perm\.mode bits above 15: [0-7]+$' "$why" \
            set_queue.phpt '^mode bits above 15: [0-7]+$' "$why" \
            set_queue_not_permitted.phpt '^mode bits above 15 unchanged: (true|false)$' "$why" >>"$dir/qemu-known-c"
    fi
    if [ "$p_lrpid" != "$p_pid" ] && [ "$p_lspid" = "$p_pid" ]; then
        why="this qemu reports msg_lrpid as $p_lrpid (probe), not the receiver's pid"
        printf '%s\t%s\t%s\n' stat_queue.phpt "^after a receive: msg_lrpid is the receiver's pid: (true|false)\$" "$why" |
            tee -a "$dir/qemu-known-ours" >>"$dir/qemu-known-c"
    fi
    [ "$p_mode" != 0600 ] || [ "$p_lrpid" != "$p_pid" ] || echo "  qemu probe: this emulator reports both fields right"
    printf '%s\n' '#include <signal.h>' 'int main(void) { raise(SIGSEGV); return 0; }' >"$dir/qemu-crash-probe.c"
    aarch64-linux-gnu-gcc -O2 -o "$dir/qemu-crash-probe" "$dir/qemu-crash-probe.c" || return 1
    p_said=$("$@" "$in_root/qemu-crash-probe" 2>&1 >/dev/null | head -n 1 || true)
    if [[ $p_said == *"qemu: uncaught target signal"* ]]; then
        echo "  qemu probe: a process killed by SIGSEGV makes the emulator print on its stderr: $p_said"
        why="this qemu prints \"$p_said\" on the stderr of a process that crashes (probe), and the test's children crash by design"
        printf '%s\t%s\t%s\n' receive_in_unserialize_teardown.phpt '^qemu: uncaught target signal [0-9]+ ' "$why" |
            tee -a "$dir/qemu-known-ours" >>"$dir/qemu-known-c"
    fi
}

# ---- packaging (scripts/build-deb, scripts/release) ----

CARGO_DEB_VERSION=3.8.0

# ensure_cargo_deb: cargo-deb CARGO_DEB_VERSION, installed with `cargo install` (into ~/.cargo/bin) when missing.
ensure_cargo_deb() {
    cargo deb --version 2>/dev/null | grep -qF "$CARGO_DEB_VERSION" && return 0
    say "installing cargo-deb $CARGO_DEB_VERSION"
    cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked >&2
}

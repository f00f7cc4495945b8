# Shared helpers for the project's scripts. Source it: `. "$(dirname "$0")/lib.sh"` (or from scripts/suites: ../lib.sh).
# Sets ROOT (repository root) and EXT (path of the built extension).

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
EXT=${EXT:-$ROOT/target/release/libsysvmsg_rs.so}
PHP=${PHP:-php}
export ROOT EXT PHP

say() { printf '==> %s\n' "$*" >&2; }

# ensure_pkgs PKG...: apt-get install the Debian packages that are not installed yet.
ensure_pkgs() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get update -qq >&2 || return 1
        export APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The packages every build and test needs: PHP 8.2 (CLI with the C sysvmsg for comparison, headers and php-config),
# libclang for bindgen, and a C compiler.
ensure_build_deps() {
    ensure_pkgs php8.2-cli php8.2-dev libclang-dev gcc libc6-dev
}

# cargo_with_php ARGS...: cargo, with ext-php-rs's build script pointed at $PHP. That script reads $PHP as the path
# of the PHP binary ("php" alone is "not found"), so plain "php" is left out of its environment, as in a direct
# `cargo build` (a different value would rebuild the bindings); any other PHP is passed as a full path.
cargo_with_php() {
    local php_env=(-u PHP)
    [ "$PHP" = php ] || php_env=("PHP=$(command -v "$PHP" || echo "$PHP")")
    env "${php_env[@]}" cargo "$@"
}

build_ext() {
    say "building the extension (release)"
    (cd "$ROOT" && cargo_with_php build --release --locked -p sysvmsg-rs >&2) || return 1
    [ -f "$EXT" ] || { say "missing $EXT after build"; return 1; }
}

# php_ours ARGS...: PHP with no ini, our extension loaded. php_c ARGS...: the same with Debian's C sysvmsg.
php_ours() { "$PHP" -n -d "extension=$EXT" "$@"; }
php_c() { "$PHP" -n -d extension=sysvmsg "$@"; }

# phpt_run LABEL EXTENSION-SPEC DIR [RUN-TESTS-OPTION...]: runs the .phpt files of DIR through PHP's run-tests.php
# with `-d extension=EXTENSION-SPEC`, prints the problems of failed tests (with their diffs) and the skip reasons on
# stderr and "LABEL: N passed, M failed, K skipped" on stdout, and sets PHPT_PASS, PHPT_FAIL, PHPT_SKIP and
# PHPT_STATUS (a file of "STATUS<TAB>test" lines, run-tests.php's -W output; PASSED, XFAILED and SKIPPED are the
# good ones). Settings: PHPT_RUN_TESTS (run-tests.php; default: the one of the installed php-dev), PHPT_DRIVER (the
# PHP that runs run-tests.php; default $PHP), PHPT_TESTED (the PHP the tests run with, -p; default PHPT_DRIVER),
# PHPT_WORK (a directory for the status file and log; default: a new temporary one), PHPT_JOBS (default 2),
# PHPT_TIMEOUT (seconds per test, default 60). run-tests.php writes NAME.php/.out/.diff next to a failed test.
phpt_run() {
    local label=$1 ext=$2 dir=$3
    shift 3
    local driver tested run_tests work status log pass fail skip
    driver=$(command -v "${PHPT_DRIVER:-$PHP}")
    tested=${PHPT_TESTED:-$driver}
    run_tests=${PHPT_RUN_TESTS:-$(php-config --extension-dir)/build/run-tests.php}
    work=${PHPT_WORK:-$(mktemp -d)}
    status=$work/$label.status log=$work/$label.log
    say "$label: run-tests.php with -d extension=$ext (-j${PHPT_JOBS:-2}${*:+ $*})"
    : >"$status"
    # -W writes "STATUS<TAB>file" for every test: simpler and sturdier to count than the human summary.
    # run-tests.php exits non-zero when a test fails; the counts below decide, so its status is ignored.
    NO_INTERACTION=1 NO_COLOR=1 "$driver" -n "$run_tests" -n -p "$tested" -d "extension=$ext" -q \
        -j"${PHPT_JOBS:-2}" --set-timeout "${PHPT_TIMEOUT:-60}" --show-diff -W "$status" "$@" "$dir" >"$log" 2>&1 || true
    pass=$(grep -c -E '^(PASSED|XFAILED)'$'\t' "$status" || true)
    skip=$(grep -c -E '^SKIPPED'$'\t' "$status" || true)
    fail=$(grep -c -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$status" || true)
    if [ $((pass + fail + skip)) -eq 0 ]; then
        # nothing ran at all (bad PHP, unreadable directory...): show why and count it as a failure
        cat "$log" >&2
        fail=1
    fi
    if [ "$fail" -gt 0 ]; then
        grep -v -E '^(PASSED|XFAILED|SKIPPED)'$'\t' "$status" | sed "s|$dir/||; s|^|$label: |" >&2 || true
        # the diffs of the failed tests, as printed by --show-diff
        sed -n '/^========DIFF========/,/^========DONE========/p' "$log" >&2
    fi
    grep -E 'SKIP.*reason:' "$log" | sed -E 's/^.*\[([^]]*)\] reason: /\1: /; s|'"$dir"'/||; s/^/'"$label"': skipped /' >&2 || true
    echo "$label: $pass passed, $fail failed, $skip skipped"
    PHPT_PASS=$pass PHPT_FAIL=$fail PHPT_SKIP=$skip PHPT_STATUS=$status
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

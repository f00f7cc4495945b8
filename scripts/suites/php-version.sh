# shellcheck shell=bash
# The suite for one PHP version from a Debian root (sourced by 90-php84.sh, 91-php85.sh and 92-php86.sh, which set V
# and XKEY).
# It builds the extension against that PHP inside the cached root of scripts/php-root (nothing of it is installed
# on the host) and, inside that root, checks
#   (a) php-tests/ with our build and with that version's C sysvmsg (its own run-tests.php), one check per test and
#       module;
#   (b) php-src's own ext/sysvmsg/tests of that version, unchanged, with ours and with the C module (when
#       scripts/php-source cannot get that source: a skip with the reason outside CI; in CI only when the mirror
#       serves no such source and that is a permanent skip of lib.sh, else a failure);
#   (c) Reflection: scripts/suites/20-reflection.sh inside the root (`--rf` of the seven functions,
#       `--rc SysvMessageQueue`, `--re sysvmsg`);
#   (d) scripts/suites/40-interop.sh (C module <-> ours, and the C peer);
#   (e) across versions: the host's PHP 8.2 C module sends, our build in the root receives, and the reverse (the root
#       then shares this suite's IPC namespace), with interop/'s cases, values and exact bytes.
# Every `php-root run` has its own IPC namespace, so queues never leak between steps or to the host.
#
# Env: SKIP_PHPXY=1 (SKIP_PHP84, SKIP_PHP85, SKIP_PHP86) skips that version's suite (not in CI).
#      SYSVMSG_CACHE moves the cache. PHPT_JOBS (default 2), PHPT_TIMEOUT (default 60 s per test).
# Inside the root this file runs as `bash scripts/suites/php-version.sh --inside phpt LABEL EXT DIR` (lib.sh
# phpt_step).

set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [ "${1:-}" = --inside ]; then
    case ${2:-} in
        phpt) shift 2; phpt_step "$@" ;;
        *) echo "unknown inside step ${2:-}"; exit 2 ;;
    esac
    exit 0
fi

# ---- on the host ----

: "${V:?the PHP version (X.Y)}" "${XKEY:?the queue key of the (e) checks}"
VV=${V//./}
SKIP_VAR=SKIP_PHP$VV
case $V in
    8.4) DEBIAN="Debian 13 (trixie)" SIZE=1.5 ;;
    *) DEBIAN="Debian unstable (sid) + experimental" SIZE=1.4 ;;
esac

# Queues are made below (and in the root when it shares this namespace): never in the host's IPC namespace.
if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ]; then
    exec unshare --ipc "$BASH" "$0" "$@"
fi

skip_switch "$SKIP_VAR" 1 "the PHP $V checks need a $DEBIAN root of about $SIZE GB, built by scripts/php-root $V"

R=("$ROOT/scripts/php-root" "$V")
SELF=scripts/suites/php-version.sh   # as seen from /src inside the root
EXTV=/src/target/php$VV/release/libsysvmsg_rs.so
steps_init

say "preparing the $DEBIAN root (cached in $("${R[@]}" path))"
if ! timed "root" "${R[@]}" prepare; then
    ko "the PHP $V root could not be prepared"
    finish
    exit 1
fi
"${R[@]}" run php -v | head -n 1 || true

say "building the extension against PHP $V (lib.sh ext_build root:$V: target/php$VV, built inside the root)"
built=1
if timed "cargo build --release ($V)" ext_build "root:$V" >/dev/null; then
    ok "build against PHP $V"
    if "${R[@]}" run php -n -d "extension=$EXTV" -r 'exit(extension_loaded("sysvmsg") ? 0 : 1);'; then
        ok "PHP $V loads the build as module sysvmsg"
    else
        ko "PHP $V does not load $EXTV"
        built=0
    fi
else
    ko "build against PHP $V"
    built=0
fi

# not_built LABEL: a check that needs our build, which is missing: one failure.
not_built() { ko "$1: no loadable $V build"; }

if [ $built = 1 ]; then
    counted "(a) php-tests, ours ($V)" "${R[@]}" run bash "$SELF" --inside phpt ours "$EXTV" /src/php-tests
else not_built "(a) php-tests, ours"; fi
counted "(a) php-tests, C module ($V)" "${R[@]}" run bash "$SELF" --inside phpt c sysvmsg /src/php-tests

# php-src's tests through scripts/php-source inside the root (the same policy as 30-upstream): no source at all is
# a skip with its reason, any other failure a failure.
say "(b) php-src's ext/sysvmsg/tests of the root's PHP $V (scripts/php-source)"
src_err=$(mktemp)
src_rc=0
upstream=$("${R[@]}" php-src-tests 2>"$src_err") || src_rc=$?
cat "$src_err" >&2
if [ $src_rc -eq 0 ]; then
    if [ $built = 1 ]; then
        counted "(b) php-src tests, ours ($V)" "${R[@]}" run bash "$SELF" --inside phpt ours "$EXTV" "$upstream"
    else not_built "(b) php-src tests, ours"; fi
    counted "(b) php-src tests, C module ($V)" "${R[@]}" run bash "$SELF" --inside phpt c sysvmsg "$upstream"
elif [ $src_rc -eq 3 ] || [ $src_rc -eq 4 ]; then
    # In the form of a skipped step, so the summary table lists this reason next to the skipped phpt tests' ones;
    # in CI a failure unless it is a permanent skip (lib.sh source_skip).
    if source_skip "(b)" "$src_rc" "$(tail -n 1 "$src_err")" | sed 's/^/  /'; then
        skip=$((skip + 1))
    else
        fail=$((fail + 1))
    fi
else
    ko "(b): scripts/php-source $V failed in the root (exit status $src_rc): $(tail -n 1 "$src_err")"
fi
rm -f "$src_err"

if [ $built = 1 ]; then
    counted "(c) Reflection, C vs ours ($V)" "${R[@]}" run env EXT="$EXTV" bash scripts/suites/20-reflection.sh
    counted "(d) interop ($V)" "${R[@]}" run env EXT="$EXTV" bash scripts/suites/40-interop.sh
    export PHP_ROOT_SHARE_IPC=1
    counted "(e) 8.2 C sends, $V ours receives" xfer "8.2-C->$V-ours" php_c "$ROOT/interop/send.php" -- \
        "${R[@]}" run php -n -d "extension=$EXTV" /src/interop/recv.php
    counted "(e) $V ours sends, 8.2 C receives" xfer "$V-ours->8.2-C" \
        "${R[@]}" run php -n -d "extension=$EXTV" /src/interop/send.php -- php_c "$ROOT/interop/recv.php"
    unset PHP_ROOT_SHARE_IPC
else
    not_built "(c) Reflection"
    not_built "(d) interop"
    not_built "(e) 8.2 <-> $V"
fi

finish

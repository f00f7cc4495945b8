#!/usr/bin/env bash
# The extension on aarch64 (ARM64), against the arm64 C module of the same PHP version, on this x86_64 host. PHP 8.2
# (Debian 12) when run as it is; 59-aarch64-php84.sh sources it with V=8.4 (Debian 13) and its own XKEY.
#   (a) cross build: the cdylib for aarch64-unknown-linux-gnu, with Debian's aarch64 gcc and PHP V's arm64 headers
#       (phpV-dev:arm64, unpacked by scripts/arm64-root V into the cache; bindgen generates for aarch64), in its own
#       CARGO_TARGET_DIR (target/aarch64 for 8.2, target/aarch64-phpXY for another version); the result is an AArch64
#       ELF, and the C view of the arm64 headers (aarch64 gcc) and the generated bindings agree on zend_long and zval;
#   in the cached arm64 Debian root (scripts/arm64-root V; every program runs under qemu-aarch64 user emulation):
#   (b) PHP V for arm64 loads the build as module sysvmsg;
#   (c) php-tests/ with our build and with the arm64 C sysvmsg (run-tests.php of the arm64 phpV-dev);
#   (d) Reflection: scripts/suites/20-reflection.sh inside the root;
#   (e) the arm64 C module and ours exchange interop/'s messages both ways, values and exact bytes;
#   (f) across architectures: the host's x86_64 PHP 8.2 C module and our arm64 build share one queue, both ways.
#
# Installs when missing: the Rust target, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, qemu-user-static,
# debootstrap. Cache (SYSVMSG_CACHE moves it): sysvmsg-rs/arm64/phpV/headers (6 MB, with apt/ 26-40 MB) and
# sysvmsg-rs/arm64/phpV/root (175-220 MB).
# Env: SKIP_AARCH64=1 skips the suite (CI does not set it). PHPT_JOBS (default 2), PHPT_TIMEOUT (default 120 s per
# test: everything runs emulated).
# Time: cold about 7 minutes on 2 idle-ish cores (up to ~14 on a busy machine; the root under emulation is the slow
# part, prepared while the extension compiles), warm 80-95 s for 8.2 and about 5 minutes for 8.4 (docs/platforms.md).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# ---- inside the root (this same file, called as `--inside phpt LABEL EXT DIR KNOWN` with ROOT=/src) ----

# run-tests.php over DIR with the root's PHP (lib.sh phpt_step, which runs a copy of it: the header tree is mounted
# read-only). KNOWN is a file of "TEST<TAB>REASON" lines: a failure of such a test is counted as skipped, with its
# reason and its diff printed (the suite lists there only what the qemu probe proved wrong in the emulator itself,
# never a module's behaviour).
if [ "${1:-}" = --inside ]; then
    case ${2:-} in
        phpt)
            PHPT_RUN_TESTS=$(echo /opt/php-dev/usr/lib/php/*/build/run-tests.php) PHPT_KNOWN=${6:-/dev/null} \
                PHPT_TIMEOUT=${PHPT_TIMEOUT:-120} phpt_step "$3" "$4" "$5"
            ;;
        *) echo "unknown inside step ${2:-}"; exit 2 ;;
    esac
    exit 0
fi

# ---- on the host ----

V=${V:-8.2} XKEY=${XKEY:-0x51574A64}

if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ]; then
    exec unshare --ipc "$BASH" "$0" "$@"
fi

[ "${SKIP_AARCH64:-0}" = 1 ] && skip_suite "SKIP_AARCH64=1 (these checks need scripts/arm64-root $V's arm64 root, ~220 MB, and qemu)"

TARGET=aarch64-unknown-linux-gnu
R=("$ROOT/scripts/arm64-root" "$V")
SELF=scripts/suites/58-aarch64.sh   # as seen from /src inside the root
TDIR_REL=target/aarch64
[ "$V" = 8.2 ] || TDIR_REL=target/aarch64-php${V//./}
TDIR=$ROOT/$TDIR_REL
SO=$TDIR/$TARGET/release/libsysvmsg_rs.so
SO_IN_ROOT=/src/$TDIR_REL/$TARGET/release/libsysvmsg_rs.so
steps_init

# ---- (a) cross build ----

ensure_pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static libclang-dev binutils-aarch64-linux-gnu
if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    say "rustup target add $TARGET"
    rustup target add "$TARGET" >&2
fi

say "PHP $V headers for arm64 (cached in $(dirname "$("${R[@]}" path)")/headers)"
t0=$SECONDS
if ! PC=$("${R[@]}" headers); then
    ko "the arm64 headers could not be fetched"
    finish
    exit 1
fi
timings+=("$(printf '%-42s %4d s' "arm64 headers" $((SECONDS - t0)))")

# cross_cargo ARGS...: cargo for the aarch64 target. ext-php-rs's build script reads the include paths from
# PHP_CONFIG (the wrapper for the arm64 tree), and it and build.rs read the version, API, ZTS and debug from `php -i`
# of PHP: scripts/arm64-root's php next to that php-config, which answers -i for those headers (the arm64 PHP cannot
# run here, and the host's is another build). bindgen passes --target=aarch64-unknown-linux-gnu to libclang itself
# (from cargo's TARGET), and clang takes the C library's headers from the cross toolchain. EXT_PHP_RS_TEST makes
# bindgen emit its layout assertions, so rustc checks every generated struct against clang's aarch64 layout.
cross_cargo() {
    env PHP="$(dirname "$PC")/php" PHP_CONFIG="$PC" CARGO_TARGET_DIR="$TDIR" EXT_PHP_RS_TEST=1 \
        CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar \
        CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
        nice cargo "$@"
}

# The root (debootstrap and dpkg under emulation: mostly one busy core) is prepared while the extension compiles.
ROOT_LOG=$(mktemp)
trap 'rm -f "$ROOT_LOG"' EXIT
say "preparing the arm64 Debian root of PHP $V in the background (cached in $("${R[@]}" path))"
t_root=$SECONDS
"${R[@]}" prepare >"$ROOT_LOG" 2>&1 &
root_pid=$!

# shellcheck disable=SC2012 # newest first; the paths are cargo's own (no odd characters)
bindings() { ls -t "$TDIR/$TARGET"/release/build/ext-php-rs-*/out/bindings.rs 2>/dev/null | head -n 1; }

say "cross-building the extension for $TARGET against PHP $V (CARGO_TARGET_DIR=$TDIR_REL)"
cd "$ROOT"
built=0
build_cross() { cross_cargo build --release --locked -p sysvmsg-rs --target "$TARGET" >&2; }
if timed "cargo build --release ($TARGET)" build_cross; then
    # ext-php-rs does not rebuild its bindings when only EXT_PHP_RS_TEST changes: bindings made without it (a
    # build by hand in $TDIR_REL) are regenerated once.
    b=$(bindings)
    if [ -n "$b" ] && ! grep -q 'size_of::<_zval_struct>()' "$b"; then
        say "the bindings in $TDIR_REL have no layout assertions: regenerating them"
        cross_cargo clean --release --target "$TARGET" -p ext-php-rs >&2
        timed "cargo build (bindings with assertions)" build_cross || true
    fi
    if [ -f "$SO" ] && readelf -h "$SO" | grep -q 'Machine:.*AArch64'; then
        ok "(a) cross build for $TARGET: an AArch64 shared object"
        built=1
    else
        ko "(a) cross build for $TARGET: $SO is missing or not AArch64"
    fi
else
    ko "(a) cross build for $TARGET"
fi

# The ABI facts the extension relies on, as the aarch64 gcc sees the arm64 headers (the compiler PHP itself was
# built with), and as the generated bindings state them.
# shellcheck disable=SC2046 # php-config --includes is a list of -I options
if printf '%s\n' '#include "php.h"' \
    '_Static_assert(sizeof(zend_long) == 8, "zend_long"); _Static_assert(sizeof(zval) == 16, "zval");' \
    '_Static_assert(sizeof(long) == 8, "long"); _Static_assert(SIZEOF_ZEND_LONG == 8, "SIZEOF_ZEND_LONG");' |
    aarch64-linux-gnu-gcc -fsyntax-only $("$PC" --includes) -x c - 2>&1; then
    ok "(a) aarch64 gcc with the arm64 headers: zend_long and long are 8 bytes, zval 16"
else
    ko "(a) aarch64 gcc with the arm64 headers: unexpected zend_long/zval/long sizes"
fi
if [ $built = 1 ]; then
    # zval and zend_string as clang lays them out for aarch64 (rustc checked the Rust side against these while
    # compiling), and glibc's aarch64 jmp_buf (22 x 64 bits; 8 longs on x86_64): the bindings are aarch64's own.
    b=$(bindings)
    if [ -n "$b" ] && grep -q '^pub type zend_long = i64;' "$b" &&
        grep -q 'size_of::<_zval_struct>() - 16usize' "$b" && grep -q 'size_of::<_zend_string>() - 32usize' "$b" &&
        grep -q '^pub type __jmp_buf = \[::std::os::raw::c_ulonglong; 22usize\];' "$b"; then
        ok "(a) bindings for aarch64: zend_long = i64, zval 16 bytes, zend_string 32, glibc's aarch64 jmp_buf"
    else
        ko "(a) bindings for aarch64 (${b:-not found}): zend_long, the layout assertions or jmp_buf are not aarch64's"
    fi
fi

# ---- in the arm64 root, under qemu ----

root_rc=0
wait "$root_pid" || root_rc=$?
sed 's/^/  root: /' "$ROOT_LOG" >&2
timings+=("$(printf '%-42s %4d s' "arm64 root (alongside the build)" $((SECONDS - t_root)))")
if [ "$root_rc" -ne 0 ]; then
    ko "the arm64 root could not be prepared"
    finish
    exit 1
fi
"${R[@]}" run php -r 'printf("  PHP %s on %s (the kernel: %s)\n", PHP_VERSION, php_uname("m"),
    trim((string) @file_get_contents("/proc/sys/kernel/arch")));' || true

if [ $built = 1 ]; then
    if "${R[@]}" run php -n -d "extension=$SO_IN_ROOT" -r 'exit(extension_loaded("sysvmsg") && function_exists("msg_get_queue") ? 0 : 1);'; then
        ok "(b) PHP $V for arm64 loads the build as module sysvmsg"
    else
        ko "(b) PHP $V for arm64 does not load $SO_IN_ROOT"
        built=0
    fi
fi
not_built() { ko "$1: no loadable aarch64 build"; }

# The emulator's own view of msgctl(IPC_STAT), from a C program without PHP: qemu-user converts the host kernel's
# struct msqid_ds to the aarch64 one itself, and (as of Debian 12's qemu 7.2) gets two fields wrong:
# - ipc_perm.mode is written as 16 bits (its generic target_ipc_perm), while aarch64's is 32 bits wide: the upper
#   half keeps whatever the caller's buffer held. Our module zeroes the buffer first; the C module passes
#   uninitialised stack memory, so under qemu its msg_perm.mode shows garbage above bit 15 (on a real aarch64
#   kernel the whole field is written).
# - msg_lspid is written as 64 bits over msg_lspid and msg_lrpid (32-bit pid_t fields), so msg_lrpid always reads 0
#   (qemu-devel, "linux-user: fix layout of struct target_msq_id_ds", 2025).
# The probe fills the buffer with 0xff bytes, so either error shows. Only the php-tests that check exactly these
# fields are then excused, and only for the module the artefact reaches; everything else must pass.
PROBE=$TDIR/qemu-ipc-probe
PROBE_IN_ROOT=/src/$TDIR_REL/qemu-ipc-probe
cat >"$TDIR/qemu-ipc-probe.c" <<'EOF'
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
EOF
KNOWN_OURS=$TDIR/qemu-known-ours KNOWN_C=$TDIR/qemu-known-c
: >"$KNOWN_OURS"
: >"$KNOWN_C"
if aarch64-linux-gnu-gcc -O2 -o "$PROBE" "$TDIR/qemu-ipc-probe.c" &&
    read -r p_mode p_lspid p_lrpid p_pid < <("${R[@]}" run "$PROBE_IN_ROOT"); then
    echo "  qemu probe: IPC_STAT into a 0xff-filled msqid_ds after msgsnd+msgrcv: mode $p_mode (created 0600)," \
        "msg_lspid $p_lspid, msg_lrpid $p_lrpid, pid $p_pid"
    if [ "$p_mode" != 0600 ]; then
        why="this qemu writes only 16 of the 32 bits of aarch64's ipc_perm.mode (probe: $p_mode), and the C module reads it from an uninitialised msqid_ds"
        printf '%s\t%s\n' set_queue.phpt "$why" stat_queue.phpt "$why" >>"$KNOWN_C"
    fi
    if [ "$p_lrpid" != "$p_pid" ] && [ "$p_lspid" = "$p_pid" ]; then
        why="this qemu reports msg_lrpid as $p_lrpid (probe), not the receiver's pid"
        printf '%s\t%s\n' stat_queue.phpt "$why" >>"$KNOWN_OURS"
        printf '%s\t%s\n' stat_queue.phpt "$why" >>"$KNOWN_C"
    fi
    [ "$p_mode" != 0600 ] || [ "$p_lrpid" != "$p_pid" ] || echo "  qemu probe: this emulator reports both fields right"
else
    ko "the qemu probe (a C program calling msgctl IPC_STAT in the root) did not run"
fi
KNOWN_OURS_IN_ROOT=/src/$TDIR_REL/qemu-known-ours KNOWN_C_IN_ROOT=/src/$TDIR_REL/qemu-known-c

if [ $built = 1 ]; then
    counted "(c) php-tests, ours (arm64, $V)" "${R[@]}" run bash "$SELF" --inside phpt ours "$SO_IN_ROOT" /src/php-tests "$KNOWN_OURS_IN_ROOT"
else not_built "(c) php-tests, ours"; fi
counted "(c) php-tests, C module (arm64, $V)" "${R[@]}" run bash "$SELF" --inside phpt c sysvmsg /src/php-tests "$KNOWN_C_IN_ROOT"

if [ $built = 1 ]; then
    counted "(d) Reflection, C vs ours (arm64, $V)" "${R[@]}" run env EXT="$SO_IN_ROOT" bash scripts/suites/20-reflection.sh
else not_built "(d) Reflection"; fi

# (e) and (f): lib.sh xfer on the queue XKEY; both ends share this suite's IPC namespace (ARM64_SHARE_IPC=1 for
# the root).
if [ $built = 1 ]; then
    export ARM64_SHARE_IPC=1
    a_c=("${R[@]}" run php -n -d extension=sysvmsg)
    a_ours=("${R[@]}" run php -n -d "extension=$SO_IN_ROOT")
    counted "(e) arm64 C sends, arm64 ours receives ($V)" xfer "arm64-$V-C->arm64-$V-ours" \
        "${a_c[@]}" /src/interop/send.php -- "${a_ours[@]}" /src/interop/recv.php
    counted "(e) arm64 ours sends, arm64 C receives ($V)" xfer "arm64-$V-ours->arm64-$V-C" \
        "${a_ours[@]}" /src/interop/send.php -- "${a_c[@]}" /src/interop/recv.php
    counted "(f) x86_64 8.2 C sends, arm64 $V ours receives" xfer "x86_64-8.2-C->arm64-$V-ours" \
        php_c "$ROOT/interop/send.php" -- "${a_ours[@]}" /src/interop/recv.php
    counted "(f) arm64 $V ours sends, x86_64 8.2 C receives" xfer "arm64-$V-ours->x86_64-8.2-C" \
        "${a_ours[@]}" /src/interop/send.php -- php_c "$ROOT/interop/recv.php"
    unset ARM64_SHARE_IPC
else not_built "(e)/(f) interop"; fi

finish

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
# debootstrap. Cache (SYSVMSG_CACHE moves it): sysvmsg-rs/arm64/phpV/headers (6 MB, with apt/ 26-28 MB) and
# sysvmsg-rs/arm64/phpV/root (175-220 MB).
# Env: SKIP_AARCH64=1 skips the suite (not in CI). PHPT_JOBS (default 2), PHPT_TIMEOUT (default 120 s per
# test: everything runs emulated).
# Time: cold about 7 minutes on 2 idle-ish cores (up to ~14 on a busy machine; the root under emulation is the slow
# part, prepared while the extension compiles), warm 80-95 s for 8.2 and about 4 minutes for 8.4 (docs/platforms.md).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# ---- inside the root (this same file, called as `--inside phpt LABEL EXT DIR KNOWN` with ROOT=/src) ----

# run-tests.php over DIR with the root's PHP (lib.sh phpt_step, which runs a copy of it: the header tree is mounted
# read-only). KNOWN is a file of "TEST<TAB>LINE-ERE<TAB>REASON" lines (lib.sh phpt_run's PHPT_KNOWN): a failed test
# whose only differing lines are such lines passes, with the reason and the diff printed. The suite lists there only
# the output lines that the qemu probes proved wrong in the emulator itself, never a module's behaviour.
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

skip_switch SKIP_AARCH64 1 "these checks need scripts/arm64-root $V's arm64 root, ~220 MB, and qemu"

TARGET=$AARCH64_TARGET
R=("$ROOT/scripts/arm64-root" "$V")
SELF=scripts/suites/58-aarch64.sh   # as seen from /src inside the root
TDIR_REL=$(aarch64_target_dir "$V")
TDIR=$ROOT/$TDIR_REL
SO_IN_ROOT=/src/$TDIR_REL/$TARGET/release/libsysvmsg_rs.so
steps_init

# ---- (a) cross build ----

aarch64_toolchain

say "PHP $V headers for arm64 (cached in $(dirname "$("${R[@]}" path)")/headers)"
t0=$SECONDS
if ! PC=$("${R[@]}" headers); then
    ko "the arm64 headers could not be fetched"
    finish
    exit 1
fi
timings+=("$(printf '%-42s %4d s' "arm64 headers" $((SECONDS - t0)))")

# The root (debootstrap and dpkg under emulation: mostly one busy core) is prepared while the extension compiles.
ROOT_LOG=$(mktemp)
trap 'rm -f "$ROOT_LOG"' EXIT
say "preparing the arm64 Debian root of PHP $V in the background (cached in $("${R[@]}" path))"
t_root=$SECONDS
"${R[@]}" prepare >"$ROOT_LOG" 2>&1 &
root_pid=$!

# shellcheck disable=SC2012 # newest first; the paths are cargo's own (no odd characters)
bindings() { ls -t "$TDIR/$TARGET"/release/build/ext-php-rs-*/out/bindings.rs 2>/dev/null | head -n 1; }

# lib.sh ext_build arm64:V: the cdylib for aarch64 with PHP V's arm64 headers, bindgen's layout assertions included.
built=0
build_cross() { SO=$(ext_build "arm64:$V"); }
if timed "cargo build --release ($TARGET)" build_cross; then
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

# The emulator's own faults in msgctl(IPC_STAT), proved by a C probe without PHP (lib.sh qemu_ipc_known): only the
# php-tests that check exactly those fields are excused, and only for the module the fault reaches.
if ! qemu_ipc_known "$TDIR" "/src/$TDIR_REL" "${R[@]}" run; then
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

#!/usr/bin/env bash
# The core crate on aarch64 (ARM64 servers, Raspberry Pi): cross-built with Debian's aarch64 toolchain and its unit
# and doc tests run under qemu user emulation, in this suite's private IPC namespace. It proves the kernel types
# come from libc for that architecture (ipc_perm.mode is 32 bits wide there, 16 on x86_64) and that the System V
# calls behave the same through the aarch64 ABI. The extension itself is cross-built and tested against the arm64 C
# module by scripts/suites/58-aarch64.sh (docs/platforms.md).
#
# Installs when missing: the Rust target (rustup target add), gcc-aarch64-linux-gnu, libc6-dev-arm64-cross,
# qemu-user-static. CARGO_TARGET_DIR: target/ of the repository, as for the host build.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

TARGET=aarch64-unknown-linux-gnu
ensure_pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    say "rustup target add $TARGET"
    rustup target add "$TARGET" >&2
fi

cd "$ROOT"
# As root the tests marked #[ignore = "needs root"] run too; at least the core crate's #[test] functions must pass.
include_ignored=()
if [ "$(id -u)" = 0 ]; then
    include_ignored=(-- --include-ignored)
    export IGNORED_RUN=1
fi
min=$(rust_test_minimum "$ROOT/crates/sysvmsg-core")
say "cargo test for $TARGET under qemu ${include_ignored[*]} (at least $min tests)"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
last=$(CARGO_TEST_CMD="cargo test" cargo_test_counted "$min" --locked --target "$TARGET" -p sysvmsg-core \
    "${include_ignored[@]}")
echo "$last"
[[ $last == *" 0 failed" ]]

#!/usr/bin/env bash
# PHP 8.4 on aarch64 (ARM64): the checks of 58-aarch64.sh for Debian 13's arm64 PHP 8.4, in the arm64 Debian 13 root
# of `scripts/arm64-root 8.4` under qemu: the cross build against its arm64 headers, php-tests with ours and its arm64
# C module, Reflection, arm64 C <-> ours, and the host's x86_64 PHP 8.2 <-> arm64 PHP 8.4 on one queue.
# Env: SKIP_AARCH64=1 skips it. Cache: about 215 MB. Cold: the root under emulation took 12.6 minutes on a busy
# machine (docs/platforms.md).
set -euo pipefail
V=8.4 XKEY=0x51574A84
# shellcheck source=58-aarch64.sh
. "$(dirname "${BASH_SOURCE[0]}")/58-aarch64.sh"

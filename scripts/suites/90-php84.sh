#!/usr/bin/env bash
# PHP 8.4 from Debian 13 (trixie), in the cached root of `scripts/php-root 8.4`: the checks of
# scripts/suites/php-version.sh (build, php-tests with ours and the C module, php-src's tests, Reflection, interop,
# and 8.2 <-> 8.4 across installations). Env: SKIP_PHP84=1 skips it. Root: 1.5 GB with the php-src 8.4 tree.
# First run: about 1-3 minutes for the root, plus a cold cargo build; on a warm cache it takes about a minute.
set -euo pipefail
V=8.4 XKEY=0x51574E84
# shellcheck source=php-version.sh
. "$(dirname "${BASH_SOURCE[0]}")/php-version.sh"

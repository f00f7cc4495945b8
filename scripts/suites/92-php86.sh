#!/usr/bin/env bash
# PHP 8.6 from Debian experimental, in the cached sid root of `scripts/php-root 8.6`: the checks of
# scripts/suites/php-version.sh (build, php-tests with ours and the C module, php-src's tests, Reflection, interop,
# and 8.2 <-> 8.6 across installations). Env: SKIP_PHP86=1 skips it. Root: 1.2 GB (1.4 GB with 75-phpize's builds).
# First run: about a minute for the root, plus a cold cargo build; on a warm cache it takes about a minute.
set -euo pipefail
V=8.6 XKEY=0x51574E86
# shellcheck source=php-version.sh
. "$(dirname "${BASH_SOURCE[0]}")/php-version.sh"

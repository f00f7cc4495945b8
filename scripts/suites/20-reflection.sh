#!/usr/bin/env bash
# Reflection parity on the host's PHP: `php --rf` of the seven functions, `--rc SysvMessageQueue` and `--re sysvmsg`
# print byte for byte the same with Debian's C module and with ours (the 8.4 suite checks the same on PHP 8.4).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

[ -f "$EXT" ] || { say "extension $EXT not built (cargo build --release)"; echo "0 passed, 1 failed"; exit 1; }

pass=0 fail=0
for what in "--rf msg_get_queue" "--rf msg_send" "--rf msg_receive" "--rf msg_stat_queue" "--rf msg_set_queue" \
    "--rf msg_remove_queue" "--rf msg_queue_exists" "--rc SysvMessageQueue" "--re sysvmsg"; do
    # shellcheck disable=SC2086 # "--rf NAME" is two words on purpose
    c=$(php_c $what 2>&1) || true
    # shellcheck disable=SC2086
    ours=$(php_ours $what 2>&1) || true
    if [ -n "$c" ] && [ "$c" = "$ours" ]; then
        echo "  PASS php $what"
        pass=$((pass + 1))
    else
        echo "  FAIL php $what (- C module, + ours):"
        diff -u <(printf '%s\n' "$c") <(printf '%s\n' "$ours") | tail -n +3 | sed 's/^/      /' || true
        fail=$((fail + 1))
    fi
done
report "$pass" "$fail"

#!/usr/bin/env bash
# Interoperability on the wire: (a) Debian's C extension sends and ours receives, and the reverse, for raw and
# serialized payloads (values and exact bytes); (b) a small C program (interop/cpeer.c) reads what PHP sent, checking
# the type and the exact bytes of the msgbuf, and sends raw and serialize()-format payloads that PHP receives.
# All processes run one after another in this suite's IPC namespace (scripts/test starts it under unshare --ipc) and
# share one fixed key; the queue is removed at the end. One PASS/FAIL line per check.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

KEY=0x51574E40
I=$ROOT/interop
steps_init

ensure_pkgs gcc libc6-dev >/dev/null || true
TMP=$(mktemp -d)
# Safety net for an early exit; the normal path removes the queue before the summary line.
cleanup() {
    php_c "$I/remove.php" "$KEY" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

# sent LABEL SET COPIES CMD...: runs a sender (interop/send.php), which must report "sent N messages" with N the
# number of cases of SET (interop/cases.php, read without any sysvmsg module) times COPIES; one check. Sets SENT to
# the N it reported (0 when it reported none), which the receiver's expected count is taken from.
sent() {
    local label=$1 set=$2 copies=$3 out cases
    shift 3
    out=$("$@" 2>&1) || true
    printf '%s\n' "$out" | sed 's/^/  /'
    SENT=$(sed -n 's/^ *sent \([0-9]*\) messages$/\1/p' <<<"$out")
    SENT=${SENT:-0}
    cases=$(interop_cases_count "$set")
    if [ "$cases" -gt 0 ] && [ "$SENT" -eq $((cases * copies)) ]; then
        ok "$label: sent $SENT messages ($copies x $cases cases of '$set')"
    else
        ko "$label: sent $SENT messages, expected $copies x $cases cases of '$set'"
    fi
}

# check LABEL CMD...: one check that passes iff CMD exits 0.
check() {
    local label=$1 out rc=0
    shift
    out=$("$@" 2>&1) || rc=$?
    if [ $rc -eq 0 ]; then
        ok "$label: $out"
    else
        ko "$label:"
        printf '%s\n' "$out" | sed 's/^/      /'
    fi
}

if [ ! -f "$EXT" ]; then
    echo "extension $EXT is not built"
    echo "0 passed, 1 failed"
    exit 1
fi
say "our extension: $EXT; the other side: Debian's C sysvmsg; key $KEY"
php_c "$I/remove.php" "$KEY"

# The receiver (interop/recv.php) makes one check per message sent and one for the empty queue at the end.
say "(a1) C extension sends, our extension receives"
sent "C sends" php 2 php_c "$I/send.php" "$KEY" php 2
counted "C->ours" tally "C->ours" $((SENT + 1)) php_ours "$I/recv.php" "$KEY" php 2 "C->ours"

say "(a2) our extension sends, C extension receives"
sent "ours sends" php 2 php_ours "$I/send.php" "$KEY" php 2
counted "ours->C" tally "ours->C" $((SENT + 1)) php_c "$I/recv.php" "$KEY" php 2 "ours->C"

say "(b) the C peer"
if command -v gcc >/dev/null && gcc -O2 -Wall -o "$TMP/cpeer" "$I/cpeer.c" 2>"$TMP/gcc.log"; then
    say "(b1) our extension sends, the C peer checks type and bytes of each msgbuf"
    sent "ours sends to cpeer" php 1 php_ours "$I/send.php" "$KEY" php 1
    # The cases as "TYPE HEX" lines and their names, read without any sysvmsg module.
    # shellcheck disable=SC2016 # PHP code
    mapfile -t names < <(php -n -r 'require $argv[1]; foreach (interop_cases("php") as $c) echo $c[0], "\n";' "$I/cases.php")
    n=0
    while read -r type hex; do
        check "ours->cpeer: ${names[$n]}" "$TMP/cpeer" recv "$KEY" "$type" "$hex"
        n=$((n + 1))
    done < <(php -n "$I/cases.php" hex php)
    # The C peer must have checked every message sent, and nothing may be left.
    if [ "$n" -eq "$SENT" ] && [ "$n" -gt 0 ]; then
        ok "ours->cpeer: the C peer checked all $n messages sent"
    else
        ko "ours->cpeer: the C peer checked $n messages, $SENT were sent"
    fi
    # shellcheck disable=SC2016 # PHP code
    left=$(php_c -r '$s = msg_stat_queue(msg_get_queue(intval($argv[1], 0))); echo $s["msg_qnum"] ?? "?";' "$KEY")
    if [ "$left" = 0 ]; then ok "ours->cpeer: nothing else on the queue"; else ko "ours->cpeer: $left messages left"; fi

    say "(b2) the C peer sends, our extension receives"
    # Each payload twice: PHP takes the first as a value, the second as raw bytes.
    cpeer_sent=0
    while read -r type hex; do
        for _ in 1 2; do
            if "$TMP/cpeer" send "$KEY" "$type" "$hex" | sed 's/^/  cpeer: /'; then cpeer_sent=$((cpeer_sent + 1)); fi
        done
    done < <(php -n "$I/cases.php" hex from-c)
    cases=$(interop_cases_count from-c)
    if [ "$cases" -gt 0 ] && [ "$cpeer_sent" -eq $((cases * 2)) ]; then
        ok "cpeer sends: sent $cpeer_sent messages (2 x $cases cases of 'from-c')"
    else
        ko "cpeer sends: sent $cpeer_sent messages, expected 2 x $cases cases of 'from-c'"
    fi
    counted "cpeer->ours" tally "cpeer->ours" $((cpeer_sent + 1)) php_ours "$I/recv.php" "$KEY" from-c 2 "cpeer->ours"
else
    cat "$TMP/gcc.log" >&2 || true
    ko "could not compile interop/cpeer.c"
fi

php_c "$I/remove.php" "$KEY" >&2
finish

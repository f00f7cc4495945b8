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
pass=0 fail=0

ensure_pkgs gcc libc6-dev >/dev/null || true
TMP=$(mktemp -d)
# Safety net for an early exit; the normal path removes the queue before the summary line.
cleanup() {
    php_c "$I/remove.php" "$KEY" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

# tally LABEL EXPECTED CMD...: runs a PHP checker that should report EXPECTED checks, shows its lines and counts
# PASS/FAIL; checks it never reported (it crashed) count as failures, so the total stays the same.
tally() {
    local label=$1 expected=$2 out rc=0 p f
    shift 2
    out=$("$@" 2>&1) || rc=$?
    printf '%s\n' "$out" | sed 's/^/  /'
    p=$(printf '%s\n' "$out" | grep -c '^PASS' || true)
    f=$(printf '%s\n' "$out" | grep -c '^FAIL' || true)
    if [ $((p + f)) -lt "$expected" ]; then
        echo "  FAIL $label: exited with status $rc after $((p + f)) of $expected checks"
        f=$((expected - p))
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "  FAIL $label: exited with status $rc"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

# expected SET COPIES: the number of checks recv.php makes.
expected() {
    echo $(($(php_c "$I/cases.php" hex "$1" | wc -l) * $2 + 1))
}

# send LABEL CMD...: a sender that fails counts as one failure (its receiver then reports the missing messages too).
send() {
    local label=$1
    shift
    if ! "$@" 2>&1 | sed 's/^/  /'; then
        ko "$label: the sender failed"
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

say "(a1) C extension sends, our extension receives"
send "C sends" php_c "$I/send.php" "$KEY" php 2
tally "C->ours" "$(expected php 2)" php_ours "$I/recv.php" "$KEY" php 2 "C->ours"

say "(a2) our extension sends, C extension receives"
send "ours sends" php_ours "$I/send.php" "$KEY" php 2
tally "ours->C" "$(expected php 2)" php_c "$I/recv.php" "$KEY" php 2 "ours->C"

say "(b) the C peer"
if command -v gcc >/dev/null && gcc -O2 -Wall -o "$TMP/cpeer" "$I/cpeer.c" 2>"$TMP/gcc.log"; then
    say "(b1) our extension sends, the C peer checks type and bytes of each msgbuf"
    send "ours sends to cpeer" php_ours "$I/send.php" "$KEY" php 1
    mapfile -t names < <(php_ours -r 'require $argv[1]; foreach (interop_cases("php") as $c) echo $c[0], "\n";' "$I/cases.php")
    n=0
    while read -r type hex; do
        check "ours->cpeer: ${names[$n]}" "$TMP/cpeer" recv "$KEY" "$type" "$hex"
        n=$((n + 1))
    done < <(php_ours "$I/cases.php" hex php)

    say "(b2) the C peer sends, our extension receives"
    ok=1
    # Each payload twice: PHP takes the first as a value, the second as raw bytes.
    while read -r type hex; do
        for _ in 1 2; do
            "$TMP/cpeer" send "$KEY" "$type" "$hex" | sed 's/^/  cpeer: /' || ok=0
        done
    done < <(php_ours "$I/cases.php" hex from-c)
    if [ $ok = 1 ]; then
        tally "cpeer->ours" "$(expected from-c 2)" php_ours "$I/recv.php" "$KEY" from-c 2 "cpeer->ours"
    else
        ko "cpeer->ours: the C peer could not send"
    fi
else
    cat "$TMP/gcc.log" >&2 || true
    ko "could not compile interop/cpeer.c"
fi

php_c "$I/remove.php" "$KEY" >&2
report "$pass" "$fail"
[ $fail -eq 0 ]

#!/usr/bin/env bash
# The release artifacts (scripts/release: zips for PIE and by hand, Debian packages), each installed the way a user
# installs it into a throw-away copy of a clean Debian root of its PHP (lib.sh throwaway; the cached roots other
# suites build in stay untouched), with php-tests/ passing with it:
#   (a) composer.json against what PIE requires of a php-ext package and against the release
#       (scripts/suites/pie-package.php: schema, names, download-url-method, support-zts, require.php, asset names);
#   (b) scripts/release from a clean clone of HEAD: the folder holds exactly the artifacts of `scripts/release
#       --list` and SHA256SUMS, which `sha256sum -c` accepts; each zip holds {extension-name}.so and nothing else, an
#       ELF of its architecture with no path of the build machine in it; each .deb is the package of its PHP;
#   (c) each zip, in its root: unzipped into the extension directory (PHP's own PharData, as `unzip ZIP -d DIR`
#       does; no unzip in a minimal root), enabled with `extension=sysvmsg_rs.so` instead of Debian's sysvmsg
#       (phpdismod/phpenmod, docs/install.md), then the configured PHP loads it once, without warnings, in every
#       SAPI, and php-tests/ pass with it (under qemu for arm64, with the emulator's proven faults excused as in
#       58-aarch64);
#   (d) each .deb, in its root: dpkg -i (the swap in every SAPI, the same checks, php-tests/), dpkg -i again (an
#       upgrade as dpkg runs it: the swap stays), dpkg -r (Debian's sysvmsg back, the conffile kept), dpkg -P (the PHP
#       configuration exactly as before the installation).
# Roots: scripts/php-root 8.2 (Debian 12), 8.4, 8.5, and scripts/arm64-root (built by 58, 90 and 91 before this
# suite on a full run). Output: target/dist-check/. Env: SKIP_RELEASE=1 skips (b)-(d); SKIP_PHP84, SKIP_PHP85 and
# SKIP_AARCH64 skip the artifacts of those roots, as for 90, 91 and 58.
# Time (2 shared cores, load 5-8): warm (roots, cargo-deb and cargo builds cached) 2.5 minutes, 1 of it the arm64
# php-tests under qemu; cold on a full run, after 58, 90 and 91 made their roots, about 14 minutes (the Debian 12 root
# 2, cargo-deb 3-5, four builds 1.5 each, the installations and tests 2.5).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SELF=scripts/suites/95-release.sh   # as seen from /src inside a root

# ---- inside a root (this file, `--inside zip|deb FILE [KNOWN]`, ROOT=/src) ----

inside_init() {
    steps_init
    PHPV=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
    # php-config where the root has php-dev; the arm64 root has the CLI only, whose compiled-in default is the same,
    # and run-tests.php in the header tree that scripts/arm64-root mounts at /opt/php-dev.
    EXTDIR=$(php-config --extension-dir 2>/dev/null || php -n -r 'echo PHP_EXTENSION_DIR;')
    if ! command -v php-config >/dev/null; then
        PHPT_RUN_TESTS=${PHPT_RUN_TESTS:-/opt/php-dev/usr/lib/php/$(basename "$EXTDIR")/build/run-tests.php}
        export PHPT_RUN_TESTS
    fi
    echo "  PHP $(php -r 'echo PHP_VERSION, " ", php_uname("m");'), extension directory $EXTDIR"
}

# files_in DIR: the names in DIR, sorted.
files_in() { find "$1" -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort; }

# mapped: the sysvmsg .so file the configured CLI maps.
# shellcheck disable=SC2016 # PHP code
mapped() { php -r 'foreach (file("/proc/self/maps") as $l) if (preg_match("~ (/\S*sysvmsg\S*\.so)$~", trim($l), $m)) { echo $m[1]; break; }'; }

# configured LABEL FILE: the PHP of this root as configured (php.ini and conf.d, no -n) loads FILE as the one module
# sysvmsg, without a startup warning, our phpinfo row, a round trip; every SAPI has Debian's sysvmsg off.
configured() {
    local label=$1 file=$2 out sapi wrong=''
    out=$(php -m 2>&1 | grep -c '^sysvmsg$' || true)
    if [ "$out" = 1 ]; then ok "$label: php -m lists sysvmsg once"; else ko "$label: php -m lists sysvmsg $out times"; fi
    out=$(mapped)
    if [ "$out" = "$file" ]; then ok "$label: php maps $file"; else ko "$label: php maps '$out', not $file"; fi
    out=$(php -r '' 2>&1)
    if [ -z "$out" ]; then ok "$label: php starts without a warning"; else ko "$label: php starts with: $out"; fi
    if php --ri sysvmsg | grep -q '^sysvmsg implementation => sysvmsg-rs '; then
        ok "$label: php --ri sysvmsg shows 'sysvmsg implementation => sysvmsg-rs'"
    else
        ko "$label: php --ri sysvmsg has no sysvmsg-rs row"
    fi
    # shellcheck disable=SC2016 # PHP code
    out=$(php -r '$q = msg_get_queue(0x95A3E0, 0600);
        $ok = msg_send($q, 2, ["release", 1.5], true, true, $e) && msg_receive($q, 0, $t, 1024, $m, true, MSG_IPC_NOWAIT)
            && $t === 2 && $m === ["release", 1.5];
        msg_remove_queue($q); echo $ok ? "ok" : "mismatch";' 2>&1) || true
    if [ "$out" = ok ]; then ok "$label: a send/receive round trip"; else ko "$label: round trip: $out"; fi
    for sapi in $(phpquery -S -v "$PHPV"); do
        phpquery -q -v "$PHPV" -s "$sapi" -m sysvmsg_rs || wrong+=" $sapi:sysvmsg_rs-off"
        ! phpquery -q -v "$PHPV" -s "$sapi" -m sysvmsg || wrong+=" $sapi:sysvmsg-on"
    done
    if [ -z "$wrong" ]; then ok "$label: every SAPI ($(phpquery -S -v "$PHPV" | tr '\n' ' ')) has sysvmsg_rs on, Debian's sysvmsg off"
    else ko "$label: SAPIs not swapped:$wrong"; fi
}

# phpt LABEL [KNOWN]: php-tests/ with `-d extension=sysvmsg_rs`, the installed file in the default extension
# directory (lib.sh phpt_step; KNOWN: proven faults of the platform, lib.sh phpt_run's PHPT_KNOWN).
phpt() { PHPT_KNOWN=${2:-} counted "$1: php-tests with the installed sysvmsg_rs.so" phpt_step "$1" sysvmsg_rs /src/php-tests; }

# inside_zip ZIP [KNOWN]: the zip as docs/install.md installs it by hand.
inside_zip() {
    local zip=$1 before new
    inside_init
    before=$(files_in "$EXTDIR")
    # shellcheck disable=SC2016 # PHP code
    if php -r '(new PharData($argv[1]))->extractTo($argv[2]);' "$zip" "$EXTDIR"; then
        new=$(LC_ALL=C comm -13 <(printf '%s\n' "$before") <(files_in "$EXTDIR") | tr '\n' ' ')
        if [ "$new" = "sysvmsg_rs.so " ]; then ok "zip: unzipped into $EXTDIR, it adds sysvmsg_rs.so only"
        else ko "zip: unzipping added '$new' to $EXTDIR"; fi
    else
        ko "zip: $zip could not be unzipped into $EXTDIR"
    fi
    printf '; priority=20\nextension=sysvmsg_rs.so\n' >"/etc/php/$PHPV/mods-available/sysvmsg_rs.ini"
    if ! { phpdismod -v "$PHPV" -s ALL sysvmsg && phpenmod -v "$PHPV" -s ALL sysvmsg_rs; }; then
        ko "zip: phpdismod sysvmsg / phpenmod sysvmsg_rs failed"
    fi
    configured zip "$EXTDIR/sysvmsg_rs.so"
    phpt zip "${2:-}"
    finish
}

# state: the PHP configuration a package installation may change (conf.d links, php-common's state markers, our
# records), to compare before the installation and after the purge.
state() { { find "/etc/php/$PHPV" /var/lib/php/modules /var/lib/sysvmsg-rs -printf '%y %p %l\n' 2>/dev/null || true; } | LC_ALL=C sort; }

# inside_deb DEB: the package's life: install, upgrade, removal, purge.
inside_deb() {
    local deb=$1 before out ini
    inside_init
    ini=/etc/php/$PHPV/mods-available/sysvmsg_rs.ini
    before=$(state)
    if out=$(dpkg -i "$deb" 2>&1); then ok "deb: dpkg -i $(basename "$deb")"
    else ko "deb: dpkg -i failed: $out"; finish; return; fi
    printf '%s\n' "$out" | grep -E 'PHP [0-9.]+ [a-z0-9]+: ' | sed 's/^/    /'
    configured deb "$EXTDIR/sysvmsg_rs.so"
    phpt deb
    if out=$(dpkg -i "$deb" 2>&1); then ok "deb: dpkg -i again (an upgrade as dpkg runs it)"
    else ko "deb: dpkg -i again failed: $out"; fi
    out=$(php -m 2>&1 | grep -c '^sysvmsg$' || true)
    if [ "$out" = 1 ] && phpquery -q -v "$PHPV" -s cli -m sysvmsg_rs && ! phpquery -q -v "$PHPV" -s cli -m sysvmsg; then
        ok "deb: after the upgrade sysvmsg_rs is still the one sysvmsg"
    else
        ko "deb: after the upgrade php -m lists sysvmsg $out times, or the swap is gone"
    fi
    if out=$(dpkg -r sysvmsg-rs 2>&1); then ok "deb: dpkg -r sysvmsg-rs"; else ko "deb: dpkg -r failed: $out"; fi
    out=$(mapped)
    if [ "$out" = "$EXTDIR/sysvmsg.so" ] && [ "$(php -m | grep -c '^sysvmsg$')" = 1 ] && [ -z "$(php -r '' 2>&1)" ] &&
        phpquery -q -v "$PHPV" -s cli -m sysvmsg; then
        ok "deb: after dpkg -r the CLI loads Debian's $EXTDIR/sysvmsg.so, once, without a warning"
    else
        ko "deb: after dpkg -r php maps '$out' (php -m: $(php -m 2>&1 | grep -c '^sysvmsg$') sysvmsg)"
    fi
    if [ -f "$ini" ] && [ ! -e "$EXTDIR/sysvmsg_rs.so" ]; then ok "deb: dpkg -r keeps the conffile $ini, removes the module"
    else ko "deb: after dpkg -r: ini $( [ -f "$ini" ] && echo kept || echo gone), module $( [ -e "$EXTDIR/sysvmsg_rs.so" ] && echo left || echo gone)"; fi
    if out=$(dpkg -P sysvmsg-rs 2>&1); then ok "deb: dpkg -P sysvmsg-rs"; else ko "deb: dpkg -P failed: $out"; fi
    out=$(diff <(printf '%s\n' "$before") <(state) || true)
    if [ -z "$out" ]; then ok "deb: after the purge the PHP configuration is as before the installation"
    else ko "deb: after the purge the PHP configuration differs:"; printf '%s\n' "$out" | sed 's/^/      /'; fi
    finish
}

if [ "${1:-}" = --inside ]; then
    case ${2:-} in
        zip) inside_zip "$3" "${4:-}" ;;
        deb) inside_deb "$3" ;;
        *) echo "unknown inside step ${2:-}"; exit 2 ;;
    esac
    exit 0
fi

# ---- on the host ----

if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ]; then
    exec unshare --ipc "$BASH" "${BASH_SOURCE[0]}" "$@"
fi

ensure_pkgs unzip binutils
steps_init
cd "$ROOT"
counted "(a) composer.json for PIE" sh -c 'bash scripts/release --list | php scripts/suites/pie-package.php composer.json Cargo.toml'

[ "${SKIP_RELEASE:-0}" != 1 ] || { echo "skipped: SKIP_RELEASE=1 (scripts/release and the installation of every artifact)"; skip=$((skip + 1)); finish; exit 0; }

# The lines whose root is wanted (SKIP_PHP84, SKIP_PHP85, SKIP_AARCH64 as for 90, 91 and 58).
mapfile -t all < <(bash scripts/release --list)
wanted=() re=''
for a in "${all[@]}"; do
    read -r kind php arch ts _ test file <<<"$a"
    skip_var=SKIP_PHP${php//./}
    [ "$test" = arm64-root ] && skip_var=SKIP_AARCH64
    if [ "${!skip_var:-0}" = 1 ]; then
        echo "  skipped $file: $skip_var=1 (its root is skipped, as for the suite of that root)"
        skip=$((skip + 1))
        continue
    fi
    wanted+=("$a")
    re+="${re:+|}^${php//./\\.} +$arch +$ts "
done
[ ${#wanted[@]} -gt 0 ] || { finish; exit 0; }

OUT=$ROOT/target/dist-check
if ! timed "scripts/release" bash scripts/release -o "$OUT" --only "$re"; then
    ko "(b) scripts/release failed"
    finish
    exit 1
fi
ok "(b) scripts/release built ${#wanted[@]} artifacts from a clean clone of HEAD"

# (b) the folder and the files.
expected=$( (printf '%s\n' "${wanted[@]}" | awk '{ print $7 }'; echo SHA256SUMS) | LC_ALL=C sort | tr '\n' ' ')
got=$(files_in "$OUT" | tr '\n' ' ')
if [ "$got" = "$expected" ]; then ok "(b) target/dist-check holds exactly the artifacts and SHA256SUMS"
else ko "(b) target/dist-check holds '$got', expected '$expected'"; fi
if out=$(cd "$OUT" && sha256sum -c SHA256SUMS 2>&1) && [ "$(grep -c ': OK$' <<<"$out")" = "${#wanted[@]}" ]; then
    ok "(b) sha256sum -c SHA256SUMS: every artifact OK"
else
    ko "(b) sha256sum -c SHA256SUMS: $out"
fi
EXTNAME=$(php -r 'echo json_decode(file_get_contents("composer.json"), true)["php-ext"]["extension-name"];')
VERSION=$(sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml)
unz=$(mktemp -d)
trap 'rm -rf "$unz"' EXIT
for a in "${wanted[@]}"; do
    read -r kind php arch ts _ test file <<<"$a"
    f=$OUT/$file
    machine='Advanced Micro Devices X86-64'
    [ "$arch" = arm64 ] && machine=AArch64
    if [ "$kind" = zip ]; then
        entries=$(unzip -Z1 "$f" 2>&1 | tr '\n' ' ')
        if [ "$entries" = "$EXTNAME.so " ] && unzip -tq "$f" >/dev/null; then ok "(b) $file holds $EXTNAME.so only"
        else ko "(b) $file holds '$entries'"; fi
        rm -rf "${unz:?}"/*
        unzip -q "$f" -d "$unz" || true
        so=$unz/$EXTNAME.so
    else
        info=$(dpkg-deb -f "$f" Package Version Architecture Depends 2>&1 | tr '\n' ' ')
        debarch=amd64
        [ "$arch" = arm64 ] && debarch=arm64
        if [[ $info =~ ^Package:\ sysvmsg-rs\ Version:\ $VERSION-1\+deb[0-9]+\ Architecture:\ $debarch\ Depends:\ .*libc6\ \(\>=\ [0-9.]+\).*php$php-common,\ phpapi-[0-9]+ ]]; then
            ok "(b) $file: ${info% }"
        else
            ko "(b) $file: '$info' is not the package of PHP $php for $debarch with a libc6 dependency"
        fi
        rm -rf "${unz:?}"/*
        dpkg-deb -x "$f" "$unz" || true
        so=$(find "$unz/usr/lib/php" -name "$EXTNAME.so" | head -n 1)
    fi
    if [ -n "$so" ] && readelf -h "$so" 2>/dev/null | grep -q "Machine: *$machine"; then ok "(b) $file: the module is a $machine ELF"
    else ko "(b) $file: the module is missing or not a $machine ELF"; fi
    # Paths of this machine or of the build: the clone, the cargo target directories, the toolchain and registry.
    paths=$(strings -a "$so" 2>/dev/null | grep -F -e "$ROOT" -e "$HOME/" -e /src/target -e /root/.cargo -e dist-src | sort -u | head -n 5 || true)
    if [ -z "$paths" ]; then ok "(b) $file: no path of the build machine in the module"
    else ko "(b) $file: the module names build paths: $(tr '\n' ' ' <<<"$paths")"; fi
done

# (c) and (d): each artifact in a throw-away copy of its root.
QEMU_DIR=$ROOT/target/dist-check-qemu
for a in "${wanted[@]}"; do
    read -r kind php arch ts _ test file <<<"$a"
    case $test in
        php-root)
            counted "($([ "$kind" = zip ] && echo c || echo d)) $file in a copy of the PHP $php root" \
                throwaway "$ROOT/scripts/php-root" "$php" run bash "$SELF" --inside "$kind" "/src/target/dist-check/$file"
            ;;
        arm64-root)
            R=$ROOT/scripts/arm64-root
            mkdir -p "$QEMU_DIR"
            aarch64_toolchain
            "$R" prepare >&2
            qemu_ipc_known "$QEMU_DIR" /src/target/dist-check-qemu "$R" run || ko "the qemu probe did not run"
            counted "(c) $file in a copy of the arm64 root (qemu)" throwaway "$R" run \
                env PHPT_TIMEOUT="${PHPT_TIMEOUT:-120}" bash "$SELF" --inside "$kind" "/src/target/dist-check/$file" /src/target/dist-check-qemu/qemu-known-ours
            ;;
        *) ko "$file: unknown install test '$test' in scripts/release's table" ;;
    esac
done

finish

#!/usr/bin/env bash
# The release artifacts (scripts/release: zips for PIE and by hand, Debian packages), each installed the way a user
# installs it into a throw-away copy of a clean Debian root of its PHP (lib.sh throwaway), or of the PHP built from
# source it was built for (lib.sh throwaway_dir), so the cached roots and builds other suites use stay untouched,
# with php-tests/ passing with it:
#   (a) composer.json against what PIE requires of a php-ext package and against the release
#       (scripts/suites/pie-package.php: schema, names, download-url-method, support-zts, require.php, asset names);
#   (b) scripts/release from a clean clone of HEAD: the folder holds exactly the artifacts of `scripts/release
#       --list` and SHA256SUMS, which `sha256sum -c` accepts; each zip holds {extension-name}.so and nothing else, an
#       ELF of its architecture, built for its line's thread safety, with no path of the build machine in it; each
#       .deb is the package of its PHP;
#   (c) each zip, in its root: unzipped into the extension directory (PHP's own PharData, as `unzip ZIP -d DIR`
#       does; no unzip in a minimal root), enabled with `extension=sysvmsg_rs.so` instead of Debian's sysvmsg
#       (phpdismod/phpenmod, docs/install.md), then the configured PHP loads it once, without warnings, in every
#       SAPI, and php-tests/ pass with it (under qemu for arm64, with the emulator's proven faults excused as in
#       58-aarch64); a zip for a PHP built from source (the release ZTS build of scripts/php-build), in a copy of
#       that PHP's prefix: `unzip ZIP -d "$(php-config --extension-dir)"`, `extension=sysvmsg_rs.so` in the php.ini
#       that PHP reads, the same checks but the SAPIs', and php-tests/ with that PHP;
#   (d) each .deb, in its root: dpkg -i (the swap in every SAPI, the same checks, php-tests/), dpkg -i again (an
#       upgrade as dpkg runs it: the swap stays), dpkg -r (Debian's sysvmsg back, the conffile kept), dpkg -P (the PHP
#       configuration exactly as before the installation).
# Roots and builds: scripts/php-root 8.2 (Debian 12), 8.4, 8.5, 8.6, scripts/arm64-root 8.2 and 8.4, and
# `PHP_SERIES=8.4 scripts/php-build release-zts` (made by 58, 59, 90, 91, 92 and 36 before this suite on a full run).
# Output: target/dist-check/. Env: SKIP_RELEASE=1 skips (b)-(d); SKIP_PHP84, SKIP_PHP85, SKIP_PHP86 and SKIP_AARCH64
# skip the artifacts of those roots, as for 90, 91, 92, 58 and 59 (the release ZTS build has no switch, as 36).
# Time (2 shared cores): warm about 4 minutes, 2 of them arm64 PHP 8.4's php-tests under qemu; cold about 20, after the
# suites above made the roots and the ZTS PHP (docs/release.md, "How it is tested").
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SELF=scripts/suites/95-release.sh   # relative to ROOT (/src inside a root)

# ---- inside a root (this file, `--inside zip|deb FILE [KNOWN]`, ROOT=/src), or in a copy of a PHP's prefix
# (`--inside prefix-zip FILE`, that PHP first in PATH) ----

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

# configured LABEL FILE: the PHP as configured (php.ini and conf.d, no -n) loads FILE as the one module sysvmsg,
# without a startup warning, our phpinfo row, a round trip.
configured() {
    local label=$1 file=$2 out
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
}

# swapped LABEL: every SAPI of the root's PHP has sysvmsg_rs on and Debian's sysvmsg off.
swapped() {
    local label=$1 sapi wrong=''
    for sapi in $(phpquery -S -v "$PHPV"); do
        phpquery -q -v "$PHPV" -s "$sapi" -m sysvmsg_rs || wrong+=" $sapi:sysvmsg_rs-off"
        ! phpquery -q -v "$PHPV" -s "$sapi" -m sysvmsg || wrong+=" $sapi:sysvmsg-on"
    done
    if [ -z "$wrong" ]; then ok "$label: every SAPI ($(phpquery -S -v "$PHPV" | tr '\n' ' ')) has sysvmsg_rs on, Debian's sysvmsg off"
    else ko "$label: SAPIs not swapped:$wrong"; fi
}

# phpt LABEL [KNOWN]: php-tests/ with `-d extension=sysvmsg_rs`, the installed file in the default extension
# directory (lib.sh phpt_step; KNOWN: proven faults of the platform, lib.sh phpt_run's PHPT_KNOWN).
phpt() { PHPT_KNOWN=${2:-} counted "$1: php-tests with the installed sysvmsg_rs.so" phpt_step "$1" sysvmsg_rs "$ROOT/php-tests"; }

# unzipped ZIP UNZIP...: `UNZIP... ZIP EXTDIR` unzips the zip into the extension directory, and adds sysvmsg_rs.so
# there and nothing else.
unzipped() {
    local zip=$1 before new
    shift
    before=$(files_in "$EXTDIR")
    if "$@" "$zip" "$EXTDIR"; then
        new=$(LC_ALL=C comm -13 <(printf '%s\n' "$before") <(files_in "$EXTDIR") | tr '\n' ' ')
        if [ "$new" = "sysvmsg_rs.so " ]; then ok "zip: unzipped into $EXTDIR, it adds sysvmsg_rs.so only"
        else ko "zip: unzipping added '$new' to $EXTDIR"; fi
    else
        ko "zip: $zip could not be unzipped into $EXTDIR"
    fi
}

# phar_unzip ZIP DIR: `unzip ZIP -d DIR` with PHP's own PharData (a minimal root has no unzip).
# shellcheck disable=SC2016 # PHP code
phar_unzip() { php -r '(new PharData($argv[1]))->extractTo($argv[2]);' "$1" "$2"; }

# inside_zip ZIP [KNOWN]: the zip as docs/install.md installs it by hand into a Debian root.
inside_zip() {
    local zip=$1
    inside_init
    unzipped "$zip" phar_unzip
    printf '; priority=20\nextension=sysvmsg_rs.so\n' >"/etc/php/$PHPV/mods-available/sysvmsg_rs.ini"
    if ! { phpdismod -v "$PHPV" -s ALL sysvmsg && phpenmod -v "$PHPV" -s ALL sysvmsg_rs; }; then
        ko "zip: phpdismod sysvmsg / phpenmod sysvmsg_rs failed"
    fi
    configured zip "$EXTDIR/sysvmsg_rs.so"
    swapped zip
    phpt zip "${2:-}"
    finish
}

# inside_prefix_zip ZIP: the zip as docs/install.md installs it into a PHP built from source (the php, php-config
# first in PATH): unzipped into `php-config --extension-dir`, enabled in the php.ini that PHP reads (`php --ini`'s
# "Configuration File (php.ini) Path", php-config's --ini-path), php-tests/ with run-tests.php of that PHP's
# installation (lib/php/build, where phpize finds its files too).
inside_prefix_zip() {
    local zip=$1 ini out
    inside_init
    if [ -n "$(php -m | grep -x sysvmsg || true)" ]; then ko "zip: this PHP loads a sysvmsg before the installation"; fi
    unzipped "$zip" unzip_d
    ini=$(php-config --ini-path)/php.ini
    printf 'extension=sysvmsg_rs.so\n' >>"$ini"
    configured zip "$EXTDIR/sysvmsg_rs.so"
    out=$(php -r 'echo php_ini_loaded_file();')
    if [ "$out" = "$ini" ]; then ok "zip: php reads $ini"; else ko "zip: php reads '$out', not $ini"; fi
    PHPT_RUN_TESTS=$(php-config --prefix)/lib/php/build/run-tests.php phpt zip
    finish
}

# unzip_d ZIP DIR: unzip ZIP -d DIR, as docs/install.md.
unzip_d() { unzip -q "$1" -d "$2"; }

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
    swapped deb
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
        prefix-zip) inside_prefix_zip "$3" ;;
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

# The lines whose root is wanted (SKIP_PHP84, SKIP_PHP85, SKIP_PHP86, SKIP_AARCH64 as for 90, 91, 92, 58 and 59; a
# PHP built from source has no switch, as in 36).
mapfile -t all < <(bash scripts/release --list)
wanted=() re=''
for a in "${all[@]}"; do
    read -r kind php arch ts _ test file <<<"$a"
    case $test in
        arm64-root) skip_var=SKIP_AARCH64 ;;
        php-build) skip_var='' ;;
        *) skip_var=SKIP_PHP${php//./} ;;
    esac
    if [ -n "$skip_var" ] && [ "${!skip_var:-0}" = 1 ]; then
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
    build_id=$(module_build_id "$so")
    if [ "${build_id#*,}" = "$([ "$ts" = zts ] && echo TS || echo NTS)" ]; then ok "(b) $file: the module's build ID $build_id is $ts"
    else ko "(b) $file: the module's build ID '$build_id' is not $ts"; fi
    # Paths of this machine or of the build: the clone, the cargo target directories, the toolchain and registry.
    paths=$(strings -a "$so" 2>/dev/null | grep -F -e "$ROOT" -e "$HOME/" -e /src/target -e /root/.cargo -e dist-src | sort -u | head -n 5 || true)
    if [ -z "$paths" ]; then ok "(b) $file: no path of the build machine in the module"
    else ko "(b) $file: the module names build paths: $(tr '\n' ' ' <<<"$paths")"; fi
done

# (c) and (d): each artifact in a throw-away copy of its root or PHP.
for a in "${wanted[@]}"; do
    read -r kind php arch ts _ test file <<<"$a"
    case $test in
        php-root)
            counted "($([ "$kind" = zip ] && echo c || echo d)) $file in a copy of the PHP $php root" \
                throwaway "$ROOT/scripts/php-root" "$php" run bash "$SELF" --inside "$kind" "/src/target/dist-check/$file"
            ;;
        arm64-root)
            # The emulator's proven faults in this root (lib.sh qemu_ipc_known), as in 58 and 59.
            R=("$ROOT/scripts/arm64-root" "$php") known=target/dist-check-qemu/php$php
            mkdir -p "$ROOT/$known"
            aarch64_toolchain
            "${R[@]}" prepare >&2
            qemu_ipc_known "$ROOT/$known" "/src/$known" "${R[@]}" run || ko "the qemu probe did not run in the arm64 PHP $php root"
            counted "(c) $file in a copy of the arm64 PHP $php root (qemu)" throwaway "${R[@]}" run \
                env PHPT_TIMEOUT="${PHPT_TIMEOUT:-120}" bash "$SELF" --inside "$kind" "/src/target/dist-check/$file" "/src/$known/qemu-known-ours"
            ;;
        php-build)
            # The PHP the zip was built for (scripts/release build_php_build), cached: its prefix, then a copy of it.
            if ! prefix=$(PHP_SERIES=$php bash scripts/php-build "release-$ts"); then
                ko "(c) $file: scripts/php-build release-$ts of PHP $php failed"
                continue
            fi
            counted "(c) $file in a copy of PHP $php's release $ts build" throwaway_dir "$prefix" \
                env PATH="$prefix/bin:$PATH" PHP=php bash "$ROOT/$SELF" --inside prefix-zip "$OUT/$file"
            ;;
        *) ko "$file: unknown install test '$test' in scripts/release's table" ;;
    esac
done

finish

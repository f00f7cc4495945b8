# Shared helpers for the project's scripts. Source it: `. "$(dirname "$0")/lib.sh"` (or from scripts/suites: ../lib.sh).
# Sets ROOT (repository root) and EXT (path of the built extension).

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
EXT=${EXT:-$ROOT/target/release/libsysvmsg_rs.so}
PHP=${PHP:-php}
export ROOT EXT PHP

say() { printf '==> %s\n' "$*" >&2; }

# ensure_pkgs PKG...: apt-get install the Debian packages that are not installed yet.
ensure_pkgs() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get update -qq >&2 || return 1
        export APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The packages every build and test needs: PHP 8.2 (CLI with the C sysvmsg for comparison, headers and php-config),
# libclang for bindgen, and a C compiler.
ensure_build_deps() {
    ensure_pkgs php8.2-cli php8.2-dev libclang-dev gcc libc6-dev
}

# cargo_with_php ARGS...: cargo, with ext-php-rs's build script pointed at $PHP. That script reads $PHP as the path
# of the PHP binary ("php" alone is "not found"), so plain "php" is left out of its environment, as in a direct
# `cargo build` (a different value would rebuild the bindings); any other PHP is passed as a full path.
cargo_with_php() {
    local php_env=(-u PHP)
    [ "$PHP" = php ] || php_env=("PHP=$(command -v "$PHP" || echo "$PHP")")
    env "${php_env[@]}" cargo "$@"
}

build_ext() {
    say "building the extension (release)"
    (cd "$ROOT" && cargo_with_php build --release --locked -p sysvmsg-rs >&2) || return 1
    [ -f "$EXT" ] || { say "missing $EXT after build"; return 1; }
}

# php_ours ARGS...: PHP with no ini, our extension loaded. php_c ARGS...: the same with Debian's C sysvmsg.
php_ours() { "$PHP" -n -d "extension=$EXT" "$@"; }
php_c() { "$PHP" -n -d extension=sysvmsg "$@"; }

# report PASSED FAILED [SKIPPED]: a suite's closing line (`N passed, M failed[, K skipped]`); fails when FAILED > 0.
report() {
    if [ "${3:-0}" -gt 0 ]; then
        echo "$1 passed, $2 failed, $3 skipped"
    else
        echo "$1 passed, $2 failed"
    fi
    [ "$2" -eq 0 ]
}

# skip_suite REASON: a suite that does not run says why, closes with one skipped, and exits 0.
skip_suite() {
    echo "skipped: $1"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
}

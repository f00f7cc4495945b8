//! Finds the PHP this extension is built for, refuses a mixed-up one, and tells the code about it.
//!
//! ext-php-rs takes the build flavour (thread safety, debug) from the PHP *binary* (`PHP`, else `php` in `PATH`,
//! via `php -i`) but the headers from *php-config* (`PHP_CONFIG`, else `php-config` in `PATH`). When the two belong
//! to different PHP builds (say `PHP_CONFIG` points at a debug ZTS PHP but `php` is the distribution's), the result
//! either fails deep inside ext-php-rs with confusing errors or, worse, compiles into a module whose Zend calls
//! have the wrong signatures and crash. So this script compares them first and stops with both named and what to
//! set. Then it:
//! - reads the PHP version from php-config: it becomes the module version (as the C extension reports
//!   PHP_VERSION) and selects per-version code through cumulative `php8N` cfgs;
//! - sets the `php_zts` and `php_debug` cfgs of this crate from the same facts;
//! - writes `$OUT_DIR/php_build_check.rs`, compile-time assertions (included by `src/lib.rs`) that ext-php-rs's
//!   own view (`ext_php_rs::PHP_ZTS`, `PHP_DEBUG`, and its bindings' `ZEND_DEBUG`, `USING_ZTS`,
//!   `ZEND_MODULE_API_NO`) is the build found here, so no flavour mismatch can compile.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

fn main() -> Result<()> {
    for var in ["PHP", "PHP_CONFIG", "PATH"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    for minor in 1..=9 {
        println!("cargo::rustc-check-cfg=cfg(php8{minor})");
    }
    println!("cargo::rustc-check-cfg=cfg(php_zts)");
    println!("cargo::rustc-check-cfg=cfg(php_debug)");

    let binary = Binary::find()?;
    let config = PhpConfig::find()?;
    check_same_build(&binary, &config)?;

    let version = &config.version;
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    ensure!(major == 8, "PHP {version} is not supported: this extension targets PHP 8");

    println!("cargo:rustc-env=SYSVMSG_PHP_VERSION={version}");
    if binary.zts {
        println!("cargo:rustc-cfg=php_zts");
    }
    if binary.debug {
        println!("cargo:rustc-cfg=php_debug");
    }
    // Cumulative, as ext-php-rs does for itself: php83 means "8.3 or newer".
    for m in 1..=minor.min(9) {
        println!("cargo:rustc-cfg=php8{m}");
    }
    write_build_check(&binary)
}

/// The PHP binary ext-php-rs's build script runs (`PHP`, else the first `php` in `PATH`), as `php -i` shows it.
struct Binary {
    path: PathBuf,
    /// Where the path came from, for the error messages.
    origin: &'static str,
    version: String,
    zts: bool,
    debug: bool,
    api: String,
    /// ZEND_MODULE_API_NO of its engine, from "PHP Extension Build => API20220829,NTS".
    module_api: String,
}

impl Binary {
    fn find() -> Result<Self> {
        let (path, origin) = match env::var_os("PHP") {
            Some(p) => (PathBuf::from(p), "the PHP environment variable"),
            None => (
                find_in_path("php").context(
                    "no `php` in PATH: install PHP (php8.2-cli) or set PHP to the PHP binary to build for",
                )?,
                "the first `php` in PATH",
            ),
        };
        // Exactly what ext-php-rs runs (`php -i`, with the php.ini), so both read the same answers.
        let out = Command::new(&path)
            .arg("-i")
            .output()
            .with_context(|| format!("cannot run `{} -i` ({origin})", path.display()))?;
        ensure!(
            out.status.success(),
            "`{} -i` ({origin}) failed with {}; for a PHP built with AddressSanitizer, build with \
             ASAN_OPTIONS=detect_leaks=0\n{}",
            path.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let info = String::from_utf8_lossy(&out.stdout);
        let key = |k: &str| -> Result<String> {
            let prefix = format!("{k} => ");
            info.lines()
                .find_map(|l| l.strip_prefix(&prefix))
                .map(|v| v.trim().to_owned())
                .with_context(|| format!("`{} -i` ({origin}) has no \"{k}\" line", path.display()))
        };
        Ok(Self {
            version: key("PHP Version")?,
            zts: key("Thread Safety")? == "enabled",
            debug: key("Debug Build")? == "yes",
            api: key("PHP API")?,
            module_api: key("PHP Extension Build")?
                .trim_start_matches("API")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect(),
            path,
            origin,
        })
    }
}

/// The php-config ext-php-rs takes the headers from (`PHP_CONFIG`, else the first `php-config` in `PATH`), and what
/// those headers say.
struct PhpConfig {
    path: PathBuf,
    origin: &'static str,
    version: String,
    /// The binary this php-config belongs to (`--php-binary`), for the advice.
    php_binary: String,
    zts: bool,
    debug: bool,
    api: String,
}

impl PhpConfig {
    fn find() -> Result<Self> {
        let (path, origin) = match env::var_os("PHP_CONFIG") {
            Some(p) => (PathBuf::from(p), "the PHP_CONFIG environment variable"),
            None => (
                find_in_path("php-config").context(
                    "no `php-config` in PATH: install php8.2-dev or set PHP_CONFIG to the php-config of the PHP \
                     to build for",
                )?,
                "the first `php-config` in PATH",
            ),
        };
        let ask = |arg: &str| -> Result<String> {
            let out = Command::new(&path)
                .arg(arg)
                .output()
                .with_context(|| format!("cannot run `{} {arg}` ({origin})", path.display()))?;
            ensure!(out.status.success(), "`{} {arg}` ({origin}) failed", path.display());
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        };
        // The headers decide what the bindings and the module's build id will be: main/php_config.h has the
        // flavour, main/php.h the API version (upstream php-config has no --phpapi; Debian's adds one).
        let include_dir = PathBuf::from(ask("--include-dir")?);
        let read = |file: &str| -> Result<String> {
            let header = include_dir.join(file);
            fs::read_to_string(&header)
                .with_context(|| format!("cannot read {} (from {})", header.display(), path.display()))
        };
        let (config_h, php_h) = (read("main/php_config.h")?, read("main/php.h")?);
        let defined = |text: &str, name: &str| -> Option<String> {
            text.lines().find_map(|l| {
                let mut w = l.split_whitespace();
                (w.next() == Some("#define") && w.next() == Some(name)).then(|| w.next().unwrap_or("").to_owned())
            })
        };
        Ok(Self {
            version: ask("--version")?,
            php_binary: ask("--php-binary")?,
            api: defined(&php_h, "PHP_API_VERSION")
                .with_context(|| format!("no PHP_API_VERSION in {}", include_dir.join("main/php.h").display()))?,
            zts: defined(&config_h, "ZTS").is_some(),
            debug: defined(&config_h, "ZEND_DEBUG").is_some_and(|v| v != "0"),
            path,
            origin,
        })
    }
}

/// The binary and php-config must describe one PHP build; otherwise stop and say what to set.
fn check_same_build(b: &Binary, c: &PhpConfig) -> Result<()> {
    let yes = |v: bool| if v { "yes" } else { "no" };
    let mut diffs = String::new();
    if b.zts != c.zts {
        let _ = writeln!(diffs, "  thread safety (ZTS): binary {}, php-config {}", yes(b.zts), yes(c.zts));
    }
    if b.debug != c.debug {
        let _ = writeln!(diffs, "  debug build: binary {}, php-config {}", yes(b.debug), yes(c.debug));
    }
    if b.api != c.api {
        let _ = writeln!(diffs, "  PHP API: binary {}, php-config {}", b.api, c.api);
    }
    if diffs.is_empty() {
        return Ok(());
    }
    let bin_dir = Path::new(&c.php_binary).parent().map(|d| d.display().to_string()).unwrap_or_default();
    let own_config = b.path.with_file_name("php-config");
    bail!(
        "the PHP binary and php-config belong to different PHP builds:\n\
         \x20 binary:     {} (PHP {}, from {})\n\
         \x20 php-config: {} (PHP {}, from {})\n\
         {diffs}\
         ext-php-rs takes ZTS and debug from the binary but the headers from php-config; a module built from such a \
         mix has wrong Zend signatures and crashes. Point all three at the same PHP, e.g.\n\
         \x20 PATH={bin_dir}:$PATH PHP={} PHP_CONFIG={} cargo build --release\n\
         or, for the binary's build, PHP_CONFIG={} if that is its php-config.",
        b.path.display(),
        b.version,
        b.origin,
        c.path.display(),
        c.version,
        c.origin,
        c.php_binary,
        c.path.display(),
        own_config.display(),
    )
}

/// Writes the compile-time assertions that ext-php-rs was configured for the build found here.
fn write_build_check(b: &Binary) -> Result<()> {
    let out = PathBuf::from(env::var_os("OUT_DIR").context("cargo did not set OUT_DIR")?).join("php_build_check.rs");
    let found = format!(
        "PHP {} at {} (ZTS {}, debug {}, API {})",
        b.version,
        b.path.display(),
        if b.zts { "yes" } else { "no" },
        if b.debug { "yes" } else { "no" },
        b.api
    );
    let api: u32 = b.module_api.parse().with_context(|| {
        format!("`{} -i` printed no module API number in \"PHP Extension Build\"", b.path.display())
    })?;
    let code = format!(
        "// Generated by build.rs: ext-php-rs must have been configured for the PHP build.rs found, {found:?}.\n\
         const _: () = assert!({not_zts}ext_php_rs::PHP_ZTS, {m_zts:?});\n\
         const _: () = assert!({not_debug}ext_php_rs::PHP_DEBUG, {m_debug:?});\n\
         const _: () = assert!(ext_php_rs::ffi::USING_ZTS {zts_op} 0, {m_hzts:?});\n\
         const _: () = assert!(ext_php_rs::ffi::ZEND_DEBUG {debug_op} 0, {m_hdebug:?});\n\
         const _: () = assert!(ext_php_rs::ffi::ZEND_MODULE_API_NO == {api}, {m_api:?});\n",
        not_zts = if b.zts { "" } else { "!" },
        not_debug = if b.debug { "" } else { "!" },
        zts_op = if b.zts { "!=" } else { "==" },
        debug_op = if b.debug { "!=" } else { "==" },
        m_zts = format!("ext-php-rs's php_zts cfg disagrees with build.rs, which found {found}"),
        m_debug = format!("ext-php-rs's php_debug cfg disagrees with build.rs, which found {found}"),
        m_hzts = format!("ext-php-rs's bindings (USING_ZTS) disagree with build.rs, which found {found}"),
        m_hdebug = format!("ext-php-rs's bindings (ZEND_DEBUG) disagree with build.rs, which found {found}"),
        m_api = format!("ext-php-rs's bindings (ZEND_MODULE_API_NO) disagree with build.rs, which found {found}"),
    );
    fs::write(&out, code).with_context(|| format!("cannot write {}", out.display()))
}

/// The first executable `name` in PATH, as `which` (used by ext-php-rs) finds it.
fn find_in_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

//! Reads the target PHP's version from php-config: it becomes the module version (as the C
//! extension reports PHP_VERSION) and selects per-version code through `php8N` cfgs.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PHP_CONFIG");
    println!("cargo:rerun-if-env-changed=PATH");
    for minor in 1..=9 {
        println!("cargo::rustc-check-cfg=cfg(php8{minor})");
    }
    println!("cargo::rustc-check-cfg=cfg(php_zts)");
    println!("cargo::rustc-check-cfg=cfg(php_debug)");

    let php_config = std::env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".into());
    let output = Command::new(&php_config)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {php_config} --version (install php-dev): {e}"));
    let version = String::from_utf8(output.stdout).expect("php-config printed a non-UTF-8 version");
    let version = version.trim();
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    assert!(major == 8, "PHP {version} is not supported: this extension targets PHP 8");

    println!("cargo:rustc-env=SYSVMSG_PHP_VERSION={version}");
    let (zts, debug) = php_flavour(&php_config);
    if zts {
        println!("cargo:rustc-cfg=php_zts");
    }
    // A debug PHP's allocator takes the caller's file and line (src/zend.rs); ext-php-rs sets the same cfg for
    // itself only, and src/zend.rs checks at compile time that both agree.
    if debug {
        println!("cargo:rustc-cfg=php_debug");
    }
    // Cumulative, as ext-php-rs does for itself: php83 means "8.3 or newer".
    for m in 1..=minor.min(9) {
        println!("cargo:rustc-cfg=php8{m}");
    }
}

/// Whether the target PHP is thread-safe (ZTS: then per-request state must be per thread) and whether it is a
/// debug build (then Zend's allocator functions take extra parameters).
fn php_flavour(php_config: &str) -> (bool, bool) {
    let binary = Command::new(php_config)
        .arg("--php-binary")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "php".into());
    let flags = Command::new(&binary)
        .args(["-n", "-r", "echo PHP_ZTS, PHP_DEBUG;"])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    (flags.first() == Some(&b'1'), flags.get(1) == Some(&b'1'))
}

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
    if php_is_zts(&php_config) {
        println!("cargo:rustc-cfg=php_zts");
    }
    // Cumulative, as ext-php-rs does for itself: php83 means "8.3 or newer".
    for m in 1..=minor.min(9) {
        println!("cargo:rustc-cfg=php8{m}");
    }
}

/// Whether the target PHP is thread-safe (ZTS): then per-request state must be per thread.
fn php_is_zts(php_config: &str) -> bool {
    let binary = Command::new(php_config)
        .arg("--php-binary")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "php".into());
    Command::new(&binary)
        .args(["-n", "-r", "echo PHP_ZTS;"])
        .output()
        .map(|o| o.stdout == b"1")
        .unwrap_or(false)
}

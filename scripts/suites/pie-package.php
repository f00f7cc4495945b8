<?php
// php scripts/suites/pie-package.php COMPOSER_JSON CARGO_TOML < LIST
//
// Checks composer.json against what PIE (github.com/php/pie) requires of a php-ext package, and against the release
// that scripts/release makes (LIST: the output of `scripts/release --list`). One PASS/FAIL line per check, then
// "P passed, F failed". The rules, each from PIE's source (paths in PIE's repository):
// - src/ExtensionType.php: `type` php-ext (a PHP module; php-ext-zend is for Zend extensions);
// - src/ExtensionName.php: `extension-name` matches ^[A-Za-z][a-zA-Z0-9_]+$ (docs/extension-maintainers.md: without
//   an `ext-` prefix); PIE installs {extension-name}.so (src/Building/UnixBuild.php, src/Installing/UnixInstall.php);
// - resources/composer-json-php-ext-schema.json: the keys of `php-ext`, `priority` 10-99, booleans for support-zts
//   and support-nts, not both os-families and os-families-exclude;
// - src/DependencyResolver/Package.php: download-url-method a string or a non-empty list of
//   src/Downloading/DownloadUrlMethod.php's values (tried in order); os-families a non-empty list of
//   src/Platform/OperatingSystemFamily.php's values (lowercased);
// - src/DependencyResolver/ResolveDependencyWithComposer.php: support-zts false refuses a thread-safe PHP (and
//   support-nts false a non-thread-safe one), from source too, so each is true exactly when the release has a zip
//   of that thread safety;
// - src/Platform/PrePackagedBinaryAssetName.php: the asset names PIE looks for (below: candidates()).

declare(strict_types=1);

[$composerFile, $cargoFile] = [$argv[1] ?? 'composer.json', $argv[2] ?? 'Cargo.toml'];
$pass = 0;
$fail = 0;
function check(bool $ok, string $what): void
{
    global $pass, $fail;
    echo ($ok ? '  PASS ' : '  FAIL '), $what, "\n";
    $ok ? $pass++ : $fail++;
}

$composer = json_decode((string) file_get_contents($composerFile), true);
check(is_array($composer), "$composerFile is a JSON object");
$composer = is_array($composer) ? $composer : [];
$ext = $composer['php-ext'] ?? [];
$ext = is_array($ext) ? $ext : [];

// The release, as scripts/release --list describes it: KIND PHP ARCH TS BUILD TEST FILE.
$artifacts = [];
foreach (explode("\n", trim((string) stream_get_contents(STDIN))) as $line) {
    $f = preg_split('/\s+/', trim($line));
    if (count($f) === 7) {
        $artifacts[] = array_combine(['kind', 'php', 'arch', 'ts', 'build', 'test', 'file'], $f);
    }
}
check($artifacts !== [], 'scripts/release --list names the artifacts (' . count($artifacts) . ')');
$zips = array_values(array_filter($artifacts, fn ($a) => $a['kind'] === 'zip'));

// The package and its type.
check(($composer['type'] ?? null) === 'php-ext', 'type is php-ext (a PHP module)');
check(is_string($composer['name'] ?? null)
    && preg_match('{^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$}', $composer['name']) === 1,
    'name is a Composer package name vendor/package');

// php-ext's keys, as the schema knows them.
$known = ['extension-name', 'priority', 'support-zts', 'support-nts', 'build-path', 'download-url-method',
    'os-families', 'os-families-exclude', 'configure-options'];
$unknown = array_diff(array_keys($ext), $known);
check($ext !== [] && $unknown === [], 'php-ext has only keys of PIE\'s schema' . ($unknown ? ' (unknown: ' . implode(', ', $unknown) . ')' : ''));

// extension-name: valid, no ext- prefix, and the file name of the module in every zip and in the Debian packages.
$name = $ext['extension-name'] ?? null;
check(is_string($name) && preg_match('#^[A-Za-z][a-zA-Z0-9_]+$#', $name) === 1 && !str_starts_with($name, 'ext-'),
    "extension-name '" . (is_string($name) ? $name : '?') . "' is a valid extension name without the ext- prefix");
$name = is_string($name) ? $name : '';
$cargo = (string) file_get_contents($cargoFile);
preg_match_all('#"usr/lib/php/\d+/([^"/]+)\.so"#', $cargo, $m);
check($m[1] !== [] && array_unique($m[1]) === [$name], "the Debian packages install $name.so (Cargo.toml's deb variants)");

// priority, thread safety.
$prio = $ext['priority'] ?? 80;
check(is_int($prio) && $prio >= 10 && $prio <= 99, "priority $prio is an integer from 10 to 99");
foreach (['support-zts' => 'zts', 'support-nts' => 'nts'] as $key => $ts) {
    $value = $ext[$key] ?? true;
    $built = array_filter($zips, fn ($a) => $a['ts'] === $ts) !== [];
    check($value === $built, "$key is " . var_export($value, true) . ': the release has ' . ($built ? 'a' : 'no') . " $ts zip");
}

// download-url-method: PIE tries the methods in order; a pre-packaged binary first, building from source for
// every PHP the release has no asset for.
$methods = $ext['download-url-method'] ?? null;
$list = is_string($methods) ? [$methods] : $methods;
$valid = ['composer-default', 'pre-packaged-source', 'pre-packaged-binary'];
check(is_array($list) && $list !== [] && array_is_list($list) && array_diff($list, $valid) === [],
    'download-url-method is a non-empty list of ' . implode(', ', $valid));
check($list === ['pre-packaged-binary', 'composer-default'],
    'download-url-method is ["pre-packaged-binary", "composer-default"] (the release\'s zip, else a build from source)');

// os-families: one list, lowercase known families; the zips are named for the family the release covers.
$families = $ext['os-families'] ?? null;
check(!(isset($ext['os-families']) && isset($ext['os-families-exclude'])), 'not both os-families and os-families-exclude');
check(is_array($families) && $families !== [] && array_is_list($families)
    && array_diff($families, ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown']) === [],
    'os-families is a non-empty list of PIE\'s families');
check($families === ['linux'], 'os-families is ["linux"], the family of every zip');

// require.php: exactly the PHP versions the release has zips for.
$versions = array_values(array_unique(array_map(fn ($a) => $a['php'], $zips)));
usort($versions, 'version_compare');
$want = implode(' || ', array_map(fn ($v) => "~$v.0", $versions));
check(($composer['require']['php'] ?? null) === $want, "require.php is '$want', the PHP versions of the release's zips");

// Every zip is named as PIE looks for it, for a release build (not debug) of that PHP on Linux with glibc, under the
// tag scripts/release uses by default (v<Cargo.toml's version>): PIE takes the version from the tag.
preg_match('/^\[package\][^[]*?^version = "([^"]+)"/ms', $cargo, $v);
$tag = 'v' . ($v[1] ?? '?');
function candidates(string $ext, string $tag, string $php, string $arch, string $ts): array
{
    $archNames = ['x86_64' => ['x86_64', 'x64'], 'arm64' => ['arm64', 'aarch64'], 'x86' => ['x86']][$arch] ?? [];
    $suffixes = $ts === 'zts' ? ['-zts'] : ['', '-nts'];
    $names = [];
    foreach ($archNames as $a) {
        foreach ($suffixes as $s) {
            foreach (['zip', 'tgz'] as $format) {
                $names[] = strtolower("php_$ext-{$tag}_php$php-$a-linux-glibc$s.$format");
            }
        }
    }
    return $names;
}
foreach ($zips as $z) {
    check(in_array(strtolower($z['file']), candidates($name, $tag, $z['php'], $z['arch'], $z['ts']), true),
        "{$z['file']} is an asset name PIE $tag looks for on PHP {$z['php']} {$z['ts']}, {$z['arch']}, Linux, glibc");
}

echo "$pass passed, $fail failed\n";
exit($fail > 0 ? 1 : 0);

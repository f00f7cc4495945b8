--TEST--
stubs/sysvmsg.stub.php matches the loaded module (functions, parameters, defaults, class, constants)
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
// The stub is evaluated inside a namespace of its own, so PHP itself parses it and Reflection can read both sides.
const NS = 'SysvmsgStub';
$stubFile = __DIR__ . '/../stubs/sysvmsg.stub.php';
$stub = file_get_contents($stubFile);
if ($stub === false) {
    exit("cannot read the stub\n");
}
eval('namespace ' . NS . '; const UNKNOWN = null; ?>' . $stub);

$problems = [];
function check(string $what, $stubValue, $realValue): void {
    global $problems;
    if ($stubValue !== $realValue) {
        $problems[] = sprintf("%s: stub %s, module %s", $what, var_export($stubValue, true), var_export($realValue, true));
    }
}
function type_text(?ReflectionType $t): ?string {
    return $t === null ? null : str_replace(NS . '\\', '', (string) $t);
}

$ext = new ReflectionExtension('sysvmsg');

// functions
$stubFunctions = [];
foreach (get_defined_functions()['user'] as $f) {
    if (str_starts_with($f, strtolower(NS) . '\\')) {
        $stubFunctions[] = substr($f, strlen(NS) + 1);
    }
}
$realFunctions = array_keys($ext->getFunctions());
sort($stubFunctions);
sort($realFunctions);
check('function list', $stubFunctions, $realFunctions);

foreach ($realFunctions as $name) {
    if (!in_array($name, $stubFunctions, true)) {
        continue;
    }
    $s = new ReflectionFunction(NS . '\\' . $name);
    $r = new ReflectionFunction($name);
    check("$name return type", type_text($s->getReturnType()), type_text($r->getReturnType()));
    check("$name returns by reference", $s->returnsReference(), $r->returnsReference());
    check("$name parameter count", $s->getNumberOfParameters(), $r->getNumberOfParameters());
    check("$name required parameter count", $s->getNumberOfRequiredParameters(), $r->getNumberOfRequiredParameters());
    check("$name variadic", $s->isVariadic(), $r->isVariadic());
    // the default's source text, e.g. 0666, as written in the stub
    preg_match('/function ' . preg_quote($name, '/') . '\((.*?)\)\s*:/s', $stub, $m);
    $stubDefaults = [];
    foreach (preg_split('/,\s*/', $m[1] ?? '') as $decl) {
        if (preg_match('/\$(\w+)\s*=\s*(.+)$/', trim($decl), $d)) {
            $stubDefaults[$d[1]] = trim($d[2]);
        }
    }
    foreach ($r->getParameters() as $i => $rp) {
        $sp = $s->getParameters()[$i] ?? null;
        $p = "$name #$i";
        if ($sp === null) {
            $problems[] = "$p: missing in the stub";
            continue;
        }
        check("$p name", $sp->getName(), $rp->getName());
        check("$p type", type_text($sp->getType()), type_text($rp->getType()));
        check("$p allows null", $sp->allowsNull(), $rp->allowsNull());
        check("$p by reference", $sp->isPassedByReference(), $rp->isPassedByReference());
        check("$p optional", $sp->isOptional(), $rp->isOptional());
        check("$p default available", $sp->isDefaultValueAvailable(), $rp->isDefaultValueAvailable());
        if ($rp->isDefaultValueAvailable() && $sp->isDefaultValueAvailable()) {
            check("$p default value", $sp->getDefaultValue(), $rp->getDefaultValue());
            // the internal function keeps the default's text: "[ <optional> int $permissions = 0666 ]"
            preg_match('/ = (.*) \]$/', trim((string) $rp), $t);
            check("$p default text", $stubDefaults[$rp->getName()] ?? null, $t[1] ?? null);
        }
    }
}

// the class
$sc = new ReflectionClass(NS . '\\SysvMessageQueue');
$rc = new ReflectionClass('SysvMessageQueue');
check('class list', [$sc->getShortName()], array_keys($ext->getClasses()));
check('class final', $sc->isFinal(), $rc->isFinal());
check('class abstract', $sc->isAbstract(), $rc->isAbstract());
check('class methods', $sc->getMethods(), $rc->getMethods());
check('class properties', $sc->getProperties(), $rc->getProperties());
check('class constants', $sc->getConstants(), $rc->getConstants());
check('class interfaces', $sc->getInterfaceNames(), $rc->getInterfaceNames());
check('class parent', $sc->getParentClass(), $rc->getParentClass());
check('class constructor', $sc->getConstructor(), $rc->getConstructor());
$doc = (string) $sc->getDocComment();
check('@strict-properties', str_contains($doc, '@strict-properties'), true);
check('@not-serializable', str_contains($doc, '@not-serializable'), true);

// constants: names from the stub, values from literals or from the documented "Value[ on Linux]: N"
preg_match_all('/\/\*\*((?:(?!\*\/).)*)\*\/\s*const (\w+) = (\w+);/s', $stub, $cm, PREG_SET_ORDER);
$stubConstants = [];
foreach ($cm as [, $docText, $cname, $cvalue]) {
    check("$cname @var", (bool) preg_match('/@var int\b/', $docText), true);
    if ($cvalue === 'UNKNOWN') {
        check("$cname @cvalue", (bool) preg_match('/@cvalue \w+/', $docText), true);
        $stubConstants[$cname] = preg_match('/Value(?: on Linux)?: (-?\d+)/', $docText, $v) ? (int) $v[1] : null;
    } else {
        $stubConstants[$cname] = constant(NS . '\\' . $cname);
    }
}
$realConstants = $ext->getConstants();
ksort($stubConstants);
ksort($realConstants);
check('constants', $stubConstants, $realConstants);

echo $problems ? implode("\n", $problems) . "\n" : "stub matches\n";
printf("%d functions, %d constants compared\n", count($realFunctions), count($realConstants));
?>
--EXPECT--
stub matches
7 functions, 5 constants compared

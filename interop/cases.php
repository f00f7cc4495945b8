<?php
// The payloads the interop suite exchanges. Every expected byte string is written out literally (not computed with
// serialize()), so a check compares each side against the documented wire format, not against itself.
//
// Run directly, `php cases.php hex SET` prints "TYPE HEX" per case of SET for the C peer.

final class InteropPoint
{
    public $x;
    protected $y;
    private $z;

    public function __construct($x, $y, $z)
    {
        $this->x = $x;
        $this->y = $y;
        $this->z = $z;
    }
}

/**
 * SET => list of [name, value sent (or expected after receive), serialize flag, exact bytes on the queue].
 * The message type of case i is i + 1.
 */
function interop_cases(string $set): array
{
    $nested = ['a' => [1, 2, ['x' => null]], 'b' => 1.5, 3 => true];
    $sets = [
        // PHP to PHP (both directions) and PHP to the C peer.
        'php' => [
            ['raw binary string', "a\0b\0\xff\x01end", false, "a\0b\0\xff\x01end"],
            ['raw int', -42, false, '-42'],
            ['raw int max', PHP_INT_MAX, false, '9223372036854775807'],
            ['raw float', 1.5, false, '1.500000'],
            ['raw negative float', -0.25, false, '-0.250000'],
            ['raw true', true, false, '1'],
            ['raw false', false, false, '0'],
            ['serialized nested array', $nested, true,
                'a:3:{s:1:"a";a:3:{i:0;i:1;i:1;i:2;i:2;a:1:{s:1:"x";N;}}s:1:"b";d:1.5;i:3;b:1;}'],
            ['serialized object', new InteropPoint(1, 'two', [3]), true,
                "O:12:\"InteropPoint\":3:{s:1:\"x\";i:1;s:4:\"\0*\0y\";s:3:\"two\";s:15:\"\0InteropPoint\0z\";a:1:{i:0;i:3;}}"],
            ['serialized binary string', "hello\0world", true, "s:11:\"hello\0world\";"],
            ['serialized int', 7, true, 'i:7;'],
        ],
        // Sent by the C peer, received by PHP.
        'from-c' => [
            ['C raw bytes', "x\0y\xff\n", false, "x\0y\xff\n"],
            ['C serialize()-format payload', ['key' => 'value', 0 => (object) ['n' => 0.5]], true,
                'a:2:{s:3:"key";s:5:"value";i:0;O:8:"stdClass":1:{s:1:"n";d:0.5;}}'],
        ],
    ];
    if (!isset($sets[$set])) {
        fwrite(STDERR, "unknown case set $set\n");
        exit(2);
    }
    return $sets[$set];
}

/** Strict structural equality that also looks into objects (class and every property, whatever its visibility). */
function interop_same($a, $b): bool
{
    if (is_object($a) || is_object($b)) {
        return is_object($a) && is_object($b) && get_class($a) === get_class($b)
            && interop_same((array) $a, (array) $b);
    }
    if (is_array($a) && is_array($b)) {
        if (array_keys($a) !== array_keys($b)) {
            return false;
        }
        foreach ($a as $k => $v) {
            if (!interop_same($v, $b[$k])) {
                return false;
            }
        }
        return true;
    }
    return $a === $b;
}

function interop_show($v): string
{
    return str_replace("\n", ' ', var_export($v, true));
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__ && ($argv[1] ?? '') === 'hex') {
    foreach (interop_cases($argv[2] ?? '') as $i => [, , , $bytes]) {
        echo $i + 1, ' ', bin2hex($bytes), "\n";
    }
}

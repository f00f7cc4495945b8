<?php
// PHP-level fuzz of msg_receive's unserializer: random serialize() payloads, mutated (bytes flipped, inserted,
// deleted, truncated, extended, declared lengths changed), sent raw (serialize=false) and received with
// unserialize=true. For every payload msg_receive must agree with PHP's own unserialize() of the same bytes:
// same value (compared through serialize(), so NAN, -0.0, objects and references compare exactly), the same
// exception, or — when unserialize() fails — the warning "Message corrupted", return false and $message false.
// A worker process runs the cases; if it dies (crash, fatal error) the case is recorded and a new worker carries on.
//
// One thing PHP's unserialize() does differently on purpose: it returns by value, so when the payload refers back to
// the top-level value with a PHP reference (R:1), it unwraps that reference at the end; msg_receive() assigns its
// result to $message by reference and keeps it, exactly as the C extension does. For those payloads (and only when
// the values differ) the C extension is the reference instead: a PHP process with Debian's C sysvmsg receives the
// same payload through the same code (FUZZ_ORACLE mode), and msg_receive's value must be exactly its value. How many
// payloads were judged that way is counted and printed.
//
// Parameters (env): FUZZ_COUNT (small 200000, large 5000000), FUZZ_SEED (default 1), FUZZ_CASE (run only this case,
// print its payload and both results), STRESS_SCALE=large.
// Behaviour.md deliberate difference 4: Debian's C extension parses truncated payloads on past the received bytes,
// so with it some cases mismatch or crash; that is reported as XFAIL (exit 77). With ours every case must pass.

declare(strict_types=1);
require __DIR__ . '/common.php';
$oracle = getenv('FUZZ_ORACLE') === '1';
if (!$oracle) {
    stress_require();
}
ini_set('display_errors', 'stderr');

class Pt
{
    public $x = 1;
    protected $y = 'two';
    private $z = [3];
    public function set($x, $y, $z): static
    {
        $this->x = $x;
        $this->y = $y;
        $this->z = $z;
        return $this;
    }
}

$count = param('FUZZ_COUNT', 200000, 5000000);
$topRefCases = 0;
$seed = param('FUZZ_SEED', 1, 1);
$only = getenv('FUZZ_CASE');
$maxPayload = msgmax();
$batch = 20000;

function rnd_string(): string
{
    $n = mt_rand(0, 9) === 0 ? mt_rand(0, 300) : mt_rand(0, 12);
    return mt_rand(0, 1) ? random_bytes_seeded($n) : substr(str_repeat('abc:;{}"xyz', 30), 0, $n);
}

function random_bytes_seeded(int $n): string
{
    $s = '';
    for ($i = 0; $i < $n; $i++) {
        $s .= chr(mt_rand(0, 255));
    }
    return $s;
}

function rnd_scalar(): mixed
{
    switch (mt_rand(0, 7)) {
        case 0: return null;
        case 1: return (bool) mt_rand(0, 1);
        case 2: return [0, 1, -1, PHP_INT_MAX, PHP_INT_MIN, mt_rand(), -mt_rand()][mt_rand(0, 6)];
        case 3: return [0.0, -0.0, 1.5, NAN, INF, -INF, 1e300, 5e-324, mt_rand() / 7][mt_rand(0, 8)];
        default: return rnd_string();
    }
}

function rnd_value(int $depth): mixed
{
    if ($depth <= 0 || mt_rand(0, 2) === 0) {
        return rnd_scalar();
    }
    switch (mt_rand(0, 6)) {
        case 0:
        case 1:
            $a = [];
            for ($i = mt_rand(0, 5); $i > 0; $i--) {
                $a[] = rnd_value($depth - 1);
            }
            return $a;
        case 2:
            $a = [];
            for ($i = mt_rand(0, 5); $i > 0; $i--) {
                $a[mt_rand(0, 1) ? mt_rand(-5, 100) : rnd_string()] = rnd_value($depth - 1);
            }
            return $a;
        case 3:
            $o = new stdClass();
            for ($i = mt_rand(0, 4); $i > 0; $i--) {
                $o->{'p' . mt_rand(0, 9)} = rnd_value($depth - 1);
            }
            return $o;
        case 4:
            return (new Pt())->set(rnd_value($depth - 1), rnd_scalar(), rnd_value($depth - 1));
        case 5:
            // Shared object and PHP references: exercise the r: and R: back-references.
            $o = new stdClass();
            $o->v = rnd_scalar();
            $x = rnd_scalar();
            $a = [$o, $o, &$x, &$x, rnd_value($depth - 1)];
            return $a;
        default:
            switch (mt_rand(0, 3)) {
                case 0: return new ArrayObject([rnd_scalar(), rnd_scalar()]);
                case 1: return new DateTime('@' . mt_rand(0, 2000000000));
                case 2:
                    $s = new SplObjectStorage();
                    $s[new stdClass()] = rnd_scalar();
                    return $s;
                default:
                    $l = new SplDoublyLinkedList();
                    $l->push(rnd_scalar());
                    return $l;
            }
    }
}

function mutate(string $s): string
{
    $len = strlen($s);
    switch (mt_rand(0, 8)) {
        case 0: // overwrite a byte
            if ($len) {
                $s[mt_rand(0, $len - 1)] = chr(mt_rand(0, 255));
            }
            return $s;
        case 1: // delete bytes
            return $len ? substr_replace($s, '', mt_rand(0, $len - 1), mt_rand(1, 3)) : $s;
        case 2: // insert a syntactically meaningful byte
            $c = ':;{}"0123456789-+.EsSidbaONrRCE'[mt_rand(0, 30)];
            return substr_replace($s, $c, mt_rand(0, $len), 0);
        case 3: // truncate: the case the C extension reads past
        case 4:
            return substr($s, 0, mt_rand(0, max(0, $len - 1)));
        case 5: // extend
            return $s . (mt_rand(0, 1) ? random_bytes_seeded(mt_rand(1, 20)) : substr($s, 0, mt_rand(0, $len)));
        case 6: // change a declared length or count
        case 7:
            if (preg_match_all('/([sSaOCE]):(\d+):/', $s, $m, PREG_OFFSET_CAPTURE) && $m[0]) {
                $k = mt_rand(0, count($m[0]) - 1);
                $old = (int) $m[2][$k][0];
                $new = [$old + 1, $old - 1, $old + mt_rand(2, 100), 0, max(0, $old - mt_rand(2, 100)),
                    4294967295, 4294967296, PHP_INT_MAX, '99999999999999999999999', '-1'][mt_rand(0, 9)];
                return substr_replace($s, "{$m[1][$k][0]}:$new:", $m[0][$k][1], strlen($m[0][$k][0]));
            }
            return $s;
        default: // swap type letters
            if (preg_match_all('/(?:^|[;{}])([sidbaONrRC]):/', $s, $m, PREG_OFFSET_CAPTURE) && $m[1]) {
                $k = mt_rand(0, count($m[1]) - 1);
                $s[$m[1][$k][1]] = 'sidbaONrRCSE'[mt_rand(0, 11)];
            }
            return $s;
    }
}

/** The payload of a case, reproducible from (seed, case) alone. */
function make_case(int $seed, int $case, int $maxPayload): array
{
    mt_srand($seed * 1000003 + $case);
    $bytes = serialize(rnd_value(mt_rand(1, 4)));
    $n = mt_rand(0, 9) === 0 ? 0 : mt_rand(1, 3);
    for ($i = 0; $i < $n; $i++) {
        $bytes = mutate($bytes);
    }
    $bytes = substr($bytes, 0, $maxPayload);
    $len = strlen($bytes);
    $maxSize = [max(1, $len), $len + mt_rand(1, 64), $maxPayload][mt_rand(0, 2)];
    return [$bytes, $maxSize];
}

/** Runs fn, capturing diagnostics and any exception: [result, diagnostics[], exception|null]. */
function capture(callable $fn): array
{
    $diag = [];
    set_error_handler(function (int $no, string $str) use (&$diag) {
        $diag[] = $str;
        return true;
    });
    $res = null;
    $exc = null;
    try {
        $res = $fn();
    } catch (Throwable $e) {
        $exc = get_class($e) . ': ' . $e->getMessage();
    } finally {
        restore_error_handler();
    }
    return [$res, $diag, $exc];
}

function canon(mixed $v): string
{
    try {
        return serialize($v);
    } catch (Throwable $e) {
        return 'unserializable ' . get_class($e) . ': ' . $e->getMessage();
    }
}

/** Returns null when msg_receive agrees with unserialize(), else a description of the difference. */
function check_case($q, string $bytes, int $maxSize, bool $verbose = false): ?string
{
    [$expected, $eDiag, $eExc] = capture(fn() => unserialize($bytes));
    $eFailed = $eExc === null && $expected === false
        && ($bytes === '' || (bool) preg_grep('/Error at offset/', $eDiag));
    if (!msg_send($q, 1, $bytes, false, false, $err)) {
        return "msg_send failed with $err";
    }
    [$ok, $gDiag, $gExc] = receive_value($q, $maxSize, $rt, $got, $err);
    if ($gExc !== null || $eExc !== null) {
        // Drain: an exception thrown while unserializing still consumed the message.
        while (msg_receive($q, 0, $t, 65536, $x, false, MSG_IPC_NOWAIT)) {
        }
    }
    if ($verbose) {
        out('unserialize(): ' . ($eExc ?? var_export($expected, true)) . ' diagnostics ' . json_encode($eDiag));
        out('msg_receive(): ' . var_export($ok, true) . ' message ' . ($gExc ?? var_export($got, true)) .
            ' type ' . $rt . ' error ' . $err . ' diagnostics ' . json_encode($gDiag));
    }
    if ($eExc !== null || $gExc !== null) {
        return $eExc === $gExc ? null : 'exception: unserialize() ' . ($eExc ?? 'none') . ', msg_receive ' .
            ($gExc ?? 'none');
    }
    $corrupted = in_array('msg_receive(): Message corrupted', $gDiag, true);
    $norm = fn(array $d) => array_values(array_filter(array_map(fn($s) => preg_replace('/^\w+\(\): /', '', $s), $d),
        fn($s) => !str_contains($s, 'Error at offset') && $s !== 'Message corrupted'));
    if ($norm($eDiag) !== $norm($gDiag)) {
        return 'diagnostics: unserialize() ' . json_encode($eDiag) . ', msg_receive ' . json_encode($gDiag);
    }
    if ($eFailed) {
        if ($ok !== false || $got !== false || !$corrupted || $rt !== 1 || $err !== 0) {
            return 'unserialize() failed but msg_receive gave ' . json_encode([$ok, $rt, $err]) . ' message ' .
                substr(canon($got), 0, 200) . ' diagnostics ' . json_encode($gDiag);
        }
        return null;
    }
    if ($ok !== true || $corrupted || $rt !== 1 || $err !== 0) {
        return 'msg_receive failed (' . json_encode([$ok, $rt, $err, $gDiag]) . ') where unserialize() gave ' .
            substr(canon($expected), 0, 200);
    }
    $ce = canon($expected);
    $cg = canon($got);
    if ($ce === $cg) {
        return null;
    }
    $why = 'value differs: unserialize() ' . substr($ce, 0, 200) . ' vs msg_receive ' . substr($cg, 0, 200);
    // A reference to the top-level value (R:1 at the start of a token): unserialize() unwraps it, msg_receive keeps
    // it as the C extension does, so there the C extension's value is the one to match (see the top of the file).
    if (!preg_match('/(?<=[;{}])R:1;/', $bytes)) {
        return $why;
    }
    $cc = c_extension_value($bytes, $maxSize);
    if ($cc !== $cg) {
        return "$why; with a reference to the top-level value, but the C extension gives " . substr($cc, 0, 200);
    }
    $GLOBALS['topRefCases']++;
    return null;
}

/**
 * msg_receive of one message with unserialize=true into the caller's variables: [ok, diagnostics[], exception|null].
 * $message stays the caller's by-reference output, so canon() sees the references msg_receive made (returning it
 * by value would unwrap them, as unserialize() does).
 */
function receive_value($q, int $maxSize, &$rt, &$got, &$err): array
{
    $rt = -1;
    $got = 'untouched';
    $err = -1;
    return capture(function () use ($q, $maxSize, &$rt, &$got, &$err) {
        return msg_receive($q, 0, $rt, $maxSize, $got, true, MSG_IPC_NOWAIT, $err);
    });
}

/**
 * The canonical value (canon()) the C extension's msg_receive gives for $bytes: this program in FUZZ_ORACLE mode, in
 * a PHP process of the same binary with Debian's C sysvmsg, through receive_value() like the worker. A description
 * starting with "oracle failed" when that process does not answer.
 */
function c_extension_value(string $bytes, int $maxSize): string
{
    $p = proc_open([PHP_BINARY, '-n', '-d', 'extension=sysvmsg', __FILE__], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']],
        $pipes, null, ['FUZZ_ORACLE' => '1'] + getenv());
    if (!is_resource($p)) {
        return 'oracle failed: proc_open';
    }
    fwrite($pipes[0], json_encode([base64_encode($bytes), $maxSize]));
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    $rc = proc_close($p);
    $answer = base64_decode((string) $out, true);
    return $rc === 0 && is_string($answer) ? $answer : "oracle failed: exit $rc, output " . substr((string) $out, 0, 200);
}

function show_payload(string $bytes): string
{
    $printable = preg_match('/^[\x20-\x7e]*$/', $bytes);
    $shown = substr($bytes, 0, 160);
    return sprintf('%d bytes %s%s', strlen($bytes), $printable ? json_encode($shown) : 'hex ' . bin2hex($shown),
        strlen($bytes) > 160 ? '...' : '');
}

if ($oracle) {
    // FUZZ_ORACLE=1: one payload ([base64 bytes, max size] as JSON on stdin) through this process's sysvmsg; prints
    // the canonical value of what msg_receive gave, base64-encoded.
    if (ext_kind() !== 'c') {
        fwrite(STDERR, "FUZZ_ORACLE needs Debian's C sysvmsg loaded\n");
        exit(EXIT_FAIL);
    }
    [$b64, $maxSize] = json_decode((string) stream_get_contents(STDIN), true);
    [$key, $q] = fresh_queue();
    msg_send($q, 1, base64_decode($b64), false) or exit(EXIT_FAIL);
    [$ok] = receive_value($q, $maxSize, $rt, $got, $err);
    msg_remove_queue($q);
    echo base64_encode($ok === true ? canon($got) : 'receive failed');
    exit(EXIT_PASS);
}

[$key, $q] = fresh_queue();
if ($only !== false && $only !== '') {
    [$bytes, $maxSize] = make_case($seed, (int) $only, $maxPayload);
    out("case $only (seed $seed), max_message_size $maxSize, payload " . show_payload($bytes));
    $r = check_case($q, $bytes, $maxSize, true);
    msg_remove_queue($q);
    out($r === null ? 'PASS: case agrees' : "FAIL: $r");
    exit($r === null ? EXIT_PASS : EXIT_FAIL);
}

out(sprintf('fuzz_unserialize: %d cases, seed %d, payloads up to %d bytes, extension %s', $count, $seed,
    $maxPayload, ext_kind()));
$dir = tmpdir('fuzz');
$t0 = microtime(true);
$next = 0;
$crashes = [];
$mismatches = 0;
$printed = 0;
$restarts = 0;
while ($next < $count && $restarts < 1000 + intdiv($count, 1000)) {
    $from = $next;
    $to = min($count, $from + $batch);
    $pid = spawn(function () use ($key, $seed, $from, $to, $dir, $maxPayload): int {
        $q = msg_get_queue($key);
        $prog = fopen("$dir/progress", 'c');
        $res = fopen("$dir/results", 'a');
        for ($case = $from; $case < $to; $case++) {
            fseek($prog, 0);
            fwrite($prog, sprintf('%012d', $case));
            [$bytes, $maxSize] = make_case($seed, $case, $maxPayload);
            $r = check_case($q, $bytes, $maxSize);
            if ($r !== null) {
                fwrite($res, json_encode(['case' => $case, 'why' => $r], JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
            }
        }
        file_put_contents("$dir/topref", $GLOBALS['topRefCases'] . "\n", FILE_APPEND);
        fseek($prog, 0);
        fwrite($prog, sprintf('%012d', $to));
        return 0;
    }, 600);
    $st = reap([$pid], microtime(true) + 620)[$pid];
    $reached = (int) @file_get_contents("$dir/progress");
    if ($st === 'ok' && $reached === $to) {
        $next = $to;
        continue;
    }
    $restarts++;
    [$bytes, $maxSize] = make_case($seed, $reached, $maxPayload);
    $crashes[] = "case $reached: worker $st (max_message_size $maxSize, payload " . show_payload($bytes) . ')';
    // Leftovers of the dead worker must not leak into the next case.
    while (msg_receive($q, 0, $t, 65536, $x, false, MSG_IPC_NOWAIT)) {
    }
    $next = $reached + 1;
}
$elapsed = microtime(true) - $t0;
$topRefCases = array_sum(array_map('intval', @file("$dir/topref") ?: []));
foreach (@file("$dir/results", FILE_IGNORE_NEW_LINES) ?: [] as $line) {
    $r = json_decode($line, true);
    $mismatches++;
    if ($printed++ < 25) {
        [$bytes, $maxSize] = make_case($seed, $r['case'], $maxPayload);
        out("MISMATCH case {$r['case']}: {$r['why']}");
        out("  max_message_size $maxSize, payload " . show_payload($bytes));
    }
}
foreach (array_slice($crashes, 0, 25) as $c) {
    out("CRASH $c");
}
$st = msg_stat_queue($q);
msg_remove_queue($q);
rmtree($dir);
out(sprintf('%d payloads fuzzed in %.1f s (%.0f/s): %d mismatches, %d worker deaths, %d left in queue', $next,
    $elapsed, $next / max($elapsed, 1e-6), $mismatches, count($crashes), $st['msg_qnum']));
out("($topRefCases payloads with a reference to the top-level value (R:1) decoded differently from unserialize() " .
    "and exactly as with the C extension)");
out('reproduce one case: FUZZ_SEED=' . $seed . ' FUZZ_CASE=<n> php ... stress/fuzz_unserialize.php');
if ($mismatches === 0 && !$crashes && $st['msg_qnum'] === 0 && $next >= $count) {
    out('PASS: fuzz_unserialize');
    exit(EXIT_PASS);
}
if (ext_kind() === 'c' && $st['msg_qnum'] === 0) {
    out('XFAIL: fuzz_unserialize: the C extension reads past truncated payloads (README deliberate difference 4)');
    exit(EXIT_XFAIL);
}
fail_exit('fuzz_unserialize');

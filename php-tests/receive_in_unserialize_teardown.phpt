--TEST--
msg_receive(): a msg_receive in a destructor that runs while a large unserialization is torn down ends no worse than unserialize() there
--DESCRIPTION--
PHP's unserializer frees its table of parsed values (beyond the first 1018) before it releases the values it holds
for destruction, whose destructors then run with the state still shared. An unserialization made in such a
destructor (unserialize(), or a msg_receive with either module) records its values into the freed table: PHP writes
into freed memory, and the process may crash. msg_receive must end no worse than unserialize() there: for each size
of the outer data, a child process runs the destructor with msg_receive and another with unserialize() of the same
bytes; the first may end by a signal only where the second does, and where both exit, their output must be the same.
--SKIPIF--
<?php
if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded\n");
if (!function_exists('pcntl_fork')) die("skip needs pcntl\n");
if (getenv('USE_ZEND_ALLOC') === '0' || PHP_DEBUG) {
    die("skip PHP's unserializer writes into freed memory here by design of the test, which memory checkers and debug builds report\n");
}
?>
--FILE--
<?php
class Nested {
    public static $via;
    public function __destruct() {
        global $q, $bytes;
        if (self::$via === 'msg_receive') {
            msg_receive($q, 1, $type, 1 << 16, $value);
        } else {
            $value = unserialize($bytes);
        }
        echo "destructor: ", count($value), " values\n";
    }
}

$bytes = serialize(array_fill(0, 500, 'x'));
$q = msg_get_queue(0x7E5700A3);
$results = msg_get_queue(0x7E5700A4);
// Both kinds of child start from the same heap: one receive made (its buffer allocated), the message queued.
msg_send($q, 1, 'warm-up');
msg_receive($q, 1, $type, 1 << 16, $value);

/** How a child that unserializes $n values, the first of which is destroyed at the end, ends: status and output. */
function outcome(string $via, int $n): string
{
    global $q, $results, $bytes;
    msg_send($q, 1, $bytes, false);
    $pid = pcntl_fork();
    if ($pid === 0) {
        Nested::$via = $via;
        ob_start();
        // Key 0 comes again last: the first value, a Nested, is replaced and destroyed with the parser's state.
        $data = 'i:0;O:6:"Nested":0:{}';
        for ($i = 1; $i < $n; $i++) {
            $data .= "i:$i;i:$i;";
        }
        $outer = unserialize('a:' . ($n + 1) . ':{' . $data . 'i:0;i:0;}');
        echo "outer: ", count($outer), " values\n";
        msg_send($results, 1, ob_get_clean());
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    $said = msg_receive($results, 1, $type, 1 << 16, $output, true, MSG_IPC_NOWAIT) ? $output : '(nothing)';
    // A message the child did not take.
    msg_receive($q, 1, $type, 1 << 16, $value, true, MSG_IPC_NOWAIT);
    $end = pcntl_wifsignaled($status) ? 'signal ' . pcntl_wtermsig($status) : 'exit ' . pcntl_wexitstatus($status);
    return "$end; " . str_replace("\n", '; ', $said);
}

echo "small: ", outcome('msg_receive', 10), "\n";
echo "small: ", outcome('unserialize', 10), "\n";
$worse = 0;
// Sizes around the table chunks (1018 values each) where PHP 8.2 crashed here, and others.
foreach ([1019, 1500, 2034, 2035, 2036, 2500, 3052, 3053, 3200, 3400, 3684, 3685, 4000, 6000, 8000] as $n) {
    $received = outcome('msg_receive', $n);
    $unserialized = outcome('unserialize', $n);
    $crashed = str_starts_with($received, 'signal');
    if ($crashed ? !str_starts_with($unserialized, 'signal') : ($received !== $unserialized && !str_starts_with($unserialized, 'signal'))) {
        $worse++;
        echo "$n values: msg_receive: $received; unserialize(): $unserialized\n";
    }
}
echo "sizes where msg_receive ends worse than unserialize(): $worse\n";
msg_remove_queue($q);
msg_remove_queue($results);
?>
--EXPECT--
small: exit 0; destructor: 500 values; outer: 10 values; 
small: exit 0; destructor: 500 values; outer: 10 values; 
sizes where msg_receive ends worse than unserialize(): 0
--CLEAN--
<?php
foreach ([0x7E5700A3, 0x7E5700A4] as $key) {
    if (msg_queue_exists($key)) msg_remove_queue(msg_get_queue($key));
}
?>

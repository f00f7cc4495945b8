--TEST--
typed references in strict_types mode: no coercion
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
declare(strict_types=1);
class Box { public string $s = 'init'; public int $i = 0; }
$q = msg_get_queue(0x7E570072);
$b = new Box;
msg_send($q, 42, 'x');
try {
    var_dump(msg_receive($q, 0, $b->s, 100, $m));
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($b->s, $m);
msg_send($q, 1, '123', false);
try {
    var_dump(msg_receive($q, 0, $t, 100, $b->i, false));
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($b->i);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
TypeError: Cannot assign int to reference held by property Box::$s of type string
string(4) "init"
string(1) "x"
TypeError: Cannot assign string to reference held by property Box::$i of type int
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570072] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

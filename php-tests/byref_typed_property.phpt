--TEST--
by-reference outputs honour typed references (TypeError, coercion)
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class Box {
    public int $i = -1;
    public string $s = 'init';
    public ?array $a = null;
    public float $f = 0.5;
    public int|false $iof = -1;
}
$q = msg_get_queue(0x7E570071);
$b = new Box;

// a string into a reference held by an int property
msg_send($q, 3, 'text', false);
try {
    var_dump(msg_receive($q, 0, $t, 100, $b->i, false));
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($b->i, $t, msg_stat_queue($q)['msg_qnum']);

// received type (int) into a string property: coerced in weak mode
msg_send($q, 42, 'x');
var_dump(msg_receive($q, 0, $b->s, 100, $m), $b->s);

// a numeric string into an int property: coerced
msg_send($q, 1, '123', false);
var_dump(msg_receive($q, 0, $t, 100, $b->i, false), $b->i);

// an int into a float property
msg_send($q, 1, 7);
var_dump(msg_receive($q, 0, $t, 100, $b->f), $b->f);

// failure assigns false: refused by ?array, accepted by int|false
try {
    var_dump(msg_receive($q, 0, $t, 100, $b->a, true, MSG_IPC_NOWAIT));
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($b->a);
var_dump(msg_receive($q, 0, $t, 100, $b->iof, true, MSG_IPC_NOWAIT), $b->iof);

// error_code into a string property
$r = &$b->s;
var_dump(msg_receive($q, 0, $t, 100, $m, true, MSG_IPC_NOWAIT, $r), $b->s);

// an array message into an int property
msg_send($q, 1, [1]);
try {
    msg_receive($q, 0, $t, 100, $b->i);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($b->i);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
TypeError: Cannot assign string to reference held by property Box::$i of type int
int(-1)
int(3)
int(0)
bool(true)
string(2) "42"
bool(true)
int(123)
bool(true)
float(7)
TypeError: Cannot assign %r(bool|false)%r to reference held by property Box::$a of type ?array
NULL
bool(false)
bool(false)
bool(false)
string(2) "42"
TypeError: Cannot assign array to reference held by property Box::$i of type int
int(123)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570071] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

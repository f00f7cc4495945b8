--TEST--
By-reference outputs: one variable passed for several outputs, typed references, and old values whose destructors re-enter the extension
--DESCRIPTION--
msg_receive assigns $received_message_type, then $error_code, then $message; passing one variable (or a typed
property) for several of them, or one whose old value's destructor calls msg_send/msg_receive while the outputs are
being assigned, behaves as with the C extension.
--FILE--
<?php
class Noisy {
    public function __construct(public string $name) {}
    public function __destruct() {
        echo "destruct {$this->name}\n";
        // re-entering the extension while msg_receive is assigning its outputs
        global $q;
        var_dump(msg_send($q, 9, "from {$this->name}", false));
        var_dump(msg_receive($q, 9, $t, 100, $m, false, MSG_IPC_NOWAIT), $t, $m);
    }
}
$q = msg_get_queue(0x7E5700D1);

// one variable for $received_message_type and $message: the message wins (assigned last)
msg_send($q, 5, "hello", false);
var_dump(msg_receive($q, 0, $x, 100, $x, false));
var_dump($x);

msg_send($q, 6, ["a" => 1]);
var_dump(msg_receive($q, 0, $y, 100, $y));
var_dump($y);

// one variable for all three outputs: $error_code is assigned 0 after the type, then the message
msg_send($q, 7, "abc", false);
var_dump(msg_receive($q, 0, $z, 100, $z, false, 0, $z));
var_dump($z);

// failure: type 0, message false, error code last
var_dump(msg_receive($q, 0, $w, 100, $w, false, MSG_IPC_NOWAIT, $w));
var_dump($w === MSG_ENOMSG);

// an old value with a destructor that calls msg_send/msg_receive, for each output
$x = new Noisy("type");
msg_send($q, 8, "payload", false);
var_dump(msg_receive($q, 8, $x, 100, $m2, false));
var_dump($x, $m2);

$m3 = new Noisy("message");
msg_send($q, 8, "payload2", false);
var_dump(msg_receive($q, 8, $t3, 100, $m3, false));
var_dump($t3, $m3);

$m4 = new Noisy("unserialized");
msg_send($q, 8, [1, 2, 3]);
var_dump(msg_receive($q, 8, $t4, 100, $m4));
var_dump($t4, $m4);

$m5 = new Noisy("both");
msg_send($q, 8, "both", false);
var_dump(msg_receive($q, 8, $m5, 100, $m5, false));
var_dump($m5);

$e = new Noisy("error_code");
var_dump(msg_send($q, 8, "x", false, true, $e));
var_dump($e instanceof Noisy);
var_dump(msg_receive($q, 8, $t6, 100, $m6, false, 0, $e));
var_dump($e);

var_dump(msg_stat_queue($q)["msg_qnum"]);
msg_remove_queue($q);
echo "done\n";

$h = null;
class Holder { public int $i = 0; public ?string $s = null; }
$q = msg_get_queue(0x7E5700D2);
$h = new Holder;
msg_send($q, 5, "hello", false);
try {
    var_dump(msg_receive($q, 0, $h->i, 100, $h->i, false));
} catch (TypeError $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
var_dump($h->i);
msg_send($q, 5, "12", false);
var_dump(msg_receive($q, 0, $h->i, 100, $h->i, false));
var_dump($h->i);
msg_send($q, 7, "x", false);
try {
    var_dump(msg_receive($q, 0, $h->s, 100, $h->s, false));
} catch (TypeError $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
var_dump($h->s);
msg_remove_queue($q);
?>
--EXPECT--
bool(true)
string(5) "hello"
bool(true)
array(1) {
  ["a"]=>
  int(1)
}
bool(true)
string(3) "abc"
bool(false)
bool(true)
destruct type
bool(true)
bool(true)
int(9)
string(9) "from type"
bool(true)
int(8)
string(7) "payload"
destruct message
bool(true)
bool(true)
int(9)
string(12) "from message"
bool(true)
int(8)
string(8) "payload2"
destruct unserialized
bool(true)
bool(true)
int(9)
string(17) "from unserialized"
bool(true)
int(8)
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
destruct both
bool(true)
bool(true)
int(9)
string(9) "from both"
bool(true)
string(4) "both"
bool(true)
bool(true)
destruct error_code
bool(true)
bool(true)
int(9)
string(15) "from error_code"
bool(true)
int(0)
int(0)
done
TypeError: Cannot assign string to reference held by property Holder::$i of type int
int(5)
bool(true)
int(12)
bool(true)
string(1) "x"

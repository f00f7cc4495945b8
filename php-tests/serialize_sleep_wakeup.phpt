--TEST--
msg_send()/msg_receive(): __sleep/__wakeup are used
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class Conn {
    public $dsn = 'db';
    public $handle = 'live';
    protected $prot = 'p';
    private $priv = 'q';
    public function __sleep() { echo "__sleep\n"; return ['dsn', 'prot', 'priv']; }
    public function __wakeup() { echo "__wakeup\n"; $this->handle = 'reconnected'; }
}
$q = msg_get_queue(0x7E570033);
msg_send($q, 1, new Conn);
msg_receive($q, 0, $t, 1024, $raw, false);
var_dump($raw === serialize(new Conn));
echo str_replace("\0", '\0', $raw), "\n";
msg_send($q, 1, new Conn);
msg_receive($q, 0, $t, 1024, $c);
var_dump($c);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
__sleep
__sleep
bool(true)
O:4:"Conn":3:{s:3:"dsn";s:2:"db";s:7:"\0*\0prot";s:1:"p";s:10:"\0Conn\0priv";s:1:"q";}
__sleep
__wakeup
object(Conn)#%d (4) {
  ["dsn"]=>
  string(2) "db"
  ["handle"]=>
  string(11) "reconnected"
  ["prot":protected]=>
  string(1) "p"
  ["priv":"Conn":private]=>
  string(1) "q"
}
bool(true)
--CLEAN--
<?php
foreach ([0x7E570033] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

--TEST--
msg_send()/msg_receive(): enums keep their identity
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
enum Suit: string { case Hearts = 'H'; case Spades = 'S'; }
enum Plain { case One; case Two; }
$q = msg_get_queue(0x7E570035);
msg_send($q, 1, [Suit::Spades, Plain::Two]);
msg_receive($q, 0, $t, 1024, $raw, false);
echo $raw, "\n";
msg_send($q, 1, [Suit::Spades, Plain::Two]);
msg_receive($q, 0, $t, 1024, $back);
var_dump($back[0] === Suit::Spades, $back[1] === Plain::Two);
msg_send($q, 1, 'E:11:"Plain:Three";', false);
msg_receive($q, 0, $t, 1024, $bad, true, 0, $err);
var_dump($bad, $t, $err);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
a:2:{i:0;E:11:"Suit:Spades";i:1;E:9:"Plain:Two";}
bool(true)
bool(true)

Warning: msg_receive(): Undefined constant Plain::Three in %s on line %d

Warning: msg_receive(): Message corrupted in %s on line %d
bool(false)
int(1)
int(0)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570035] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

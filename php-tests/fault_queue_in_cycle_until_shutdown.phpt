--TEST--
SysvMessageQueue: queues kept alive until shutdown by reference cycles, with messages still queued, are freed cleanly
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
class Holder { public $self; public $queue; public $closure; }
$h = new Holder;
$h->self = $h;
$h->queue = msg_get_queue(0x7E570106);
$h->closure = function () use ($h) { return $h->queue; };
msg_send($h->queue, 1, ['kept' => $h->queue === ($h->closure)()]);
$a = [msg_get_queue(0x7E570106)];
$a[] = &$a;
unset($h);
echo "end of script\n";
?>
--CLEAN--
<?php
$q = msg_get_queue(0x7E570106);
var_dump(msg_receive($q, 0, $t, 100, $m), $m);
msg_remove_queue($q);
?>
--EXPECT--
end of script

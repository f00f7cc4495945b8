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
$other = msg_get_queue(0x7E570106);
var_dump(msg_stat_queue($other)['msg_qnum']);
echo "end of script: the cycles and the message outlive the script\n";
?>
--CLEAN--
<?php
if (msg_queue_exists(0x7E570106)) msg_remove_queue(msg_get_queue(0x7E570106));
?>
--EXPECT--
int(1)
end of script: the cycles and the message outlive the script

--TEST--
msg_get_queue(): permissions on creation, default 0666, ignored for an existing queue
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570011, 0600);
printf("%o\n", msg_stat_queue($q)['msg_perm.mode']);
// an existing queue keeps its mode
$again = msg_get_queue(0x7E570011, 0644);
printf("%o\n", msg_stat_queue($again)['msg_perm.mode']);
$d = msg_get_queue(0x7E570111);
printf("%o\n", msg_stat_queue($d)['msg_perm.mode']);
var_dump(msg_remove_queue($q), msg_remove_queue($d));
?>
--EXPECTF--
600
600
666
bool(true)
bool(true)
--CLEAN--
<?php
foreach ([0x7E570011,0x7E570111] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

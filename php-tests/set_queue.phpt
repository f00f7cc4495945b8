--TEST--
msg_set_queue(): integer conversion, unknown keys ignored, empty array, mode mask
--SKIPIF--
<?php if (!extension_loaded('sysvmsg')) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
$q = msg_get_queue(0x7E570052, 0600);
// The bits of the mode above 15 on a line of their own: qemu user emulation writes only 16 bits of aarch64's 32-bit
// mode, so with the C module (which does not clear its buffer) exactly that line can be excused there.
function show($q) {
    $s = msg_stat_queue($q);
    printf("mode=%o qbytes=%d uid=%d gid=%d\n", $s['msg_perm.mode'] & 0xffff, $s['msg_qbytes'], $s['msg_perm.uid'], $s['msg_perm.gid']);
    printf("mode bits above 15: %o\n", $s['msg_perm.mode'] >> 16);
}
show($q);
var_dump(msg_set_queue($q, []));
show($q);
var_dump(msg_set_queue($q, ['msg_perm.mode' => 0640, 'msg_qbytes' => 4096, 'unknown' => 'ignored', 7 => 8]));
show($q);
// '0640' is converted like (int) '0640' === 640 (decimal) and the kernel keeps mode & 0777
var_dump(msg_set_queue($q, ['msg_perm.mode' => '0640']));
show($q);
var_dump(msg_set_queue($q, ['msg_perm.mode' => 07777 + 0100000]));
show($q);
var_dump(msg_set_queue($q, ['msg_perm.mode' => 1.9, 'msg_qbytes' => '2048 bytes']));
show($q);
var_dump(msg_set_queue($q, ['msg_perm.mode' => null, 'msg_qbytes' => true]));
show($q);
var_dump(msg_set_queue($q, ['msg_perm.mode' => [1, 2], 'msg_qbytes' => 2**32 + 100]));
show($q);
var_dump(msg_set_queue($q, ['msg_perm.uid' => '1234', 'msg_perm.gid' => 5678]));
show($q);
var_dump(msg_remove_queue($q));
?>
--EXPECTF--
mode=600 qbytes=16384 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=600 qbytes=16384 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=640 qbytes=4096 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=200 qbytes=4096 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=777 qbytes=4096 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=1 qbytes=2048 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=0 qbytes=1 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=1 qbytes=100 uid=0 gid=0
mode bits above 15: 0
bool(true)
mode=1 qbytes=100 uid=1234 gid=5678
mode bits above 15: 0
bool(true)
--CLEAN--
<?php
foreach ([0x7E570052] as $k) {
    if (msg_queue_exists($k)) msg_remove_queue(msg_get_queue($k));
}
?>

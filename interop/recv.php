<?php
// recv.php KEY SET COPIES LABEL: receives what send.php (or the C peer) sent. The first copy of each case is received
// as its serialize flag says and compared as a PHP value; a second copy, when sent, is received with
// unserialize=false and compared byte for byte. Prints one PASS/FAIL line per check. Never blocks.
require __DIR__ . '/cases.php';

[, $key, $set, $copies, $label] = $argv + [null, null, null, 1, ''];
$q = msg_get_queue(intval($key, 0));
$fail = 0;
$check = function (bool $ok, string $what, string $why = '') use ($label, &$fail) {
    echo $ok ? 'PASS' : 'FAIL', " $label: $what", $ok || $why === '' ? '' : " -- $why", "\n";
    $fail += $ok ? 0 : 1;
};

foreach (interop_cases($set) as $i => [$name, $value, $serialize, $bytes]) {
    $type = $i + 1;
    $ok = msg_receive($q, $type, $got_type, 65536, $got, $serialize, MSG_IPC_NOWAIT, $err);
    if (!$ok) {
        $check(false, "$name (value)", "msg_receive failed, error $err");
    } elseif ($got_type !== $type) {
        $check(false, "$name (value)", "type $got_type instead of $type");
    } else {
        $expect = $serialize ? $value : $bytes;
        $check(interop_same($got, $expect), "$name (value)",
            'expected ' . interop_show($expect) . ', got ' . interop_show($got));
    }
    if ((int) $copies < 2) {
        continue;
    }
    $ok = msg_receive($q, $type, $got_type, 65536, $raw, false, MSG_IPC_NOWAIT, $err);
    $check($ok && $got_type === $type && $raw === $bytes, "$name (raw bytes)",
        $ok ? 'expected ' . bin2hex($bytes) . ', got ' . bin2hex((string) $raw) . " type $got_type"
            : "msg_receive failed, error $err");
}
$left = msg_stat_queue($q)['msg_qnum'] ?? -1;
$check($left === 0, 'nothing else on the queue', "$left messages left");
exit($fail ? 1 : 0);

<?php
// send.php KEY SET COPIES: sends every case of SET (type = index + 1) COPIES times, as the case's serialize flag says.
require __DIR__ . '/cases.php';

[, $key, $set, $copies] = $argv + [null, null, null, 1];
$q = msg_get_queue(intval($key, 0));
if ($q === false) {
    echo "FAIL cannot open queue $key\n";
    exit(1);
}
$n = 0;
foreach (interop_cases($set) as $i => [$name, $value, $serialize]) {
    for ($c = 0; $c < (int) $copies; $c++) {
        if (!msg_send($q, $i + 1, $value, $serialize, false, $err)) {
            echo "FAIL send $name: error $err\n";
            exit(1);
        }
        $n++;
    }
}
echo "  sent $n messages\n";

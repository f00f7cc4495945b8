<?php
// remove.php KEY: removes the suite's queue if it exists (the suite runs in its own IPC namespace).
$key = intval($argv[1] ?? '', 0);
if (msg_queue_exists($key)) {
    $q = msg_get_queue($key);
    echo msg_remove_queue($q) ? "  removed queue $argv[1]\n" : "  could not remove queue $argv[1]\n";
}

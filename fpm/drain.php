<?php
// php drain.php KEY...: counts what is still on each queue (an extra or duplicated job would be there), then
// removes the queues; the suite created them all.
foreach (array_slice($argv, 1) as $key) {
    if (!msg_queue_exists((int) $key)) {
        echo "LEFT key=$key count=0\n";
        continue;
    }
    $q = msg_get_queue((int) $key);
    $left = 0;
    while ($left < 100000 && msg_receive($q, 0, $type, 8192, $m, false, MSG_IPC_NOWAIT | MSG_NOERROR)) {
        $left++;
    }
    msg_remove_queue($q);
    echo "LEFT key=$key count=$left\n";
}

--TEST--
msg_receive(): user code that runs after the modules' request shutdown (a user stream's stream_close()) may still receive
--SKIPIF--
<?php if (!extension_loaded("sysvmsg")) die("skip sysvmsg not loaded"); ?>
--FILE--
<?php
// The global stream below is closed while PHP frees the request's resources, after every module's request shutdown.
// The receive there needs a buffer too; debug builds of PHP report it as a leak unless it is freed after that.
class LateStream
{
    public $context;
    public function stream_open($path, $mode, $options, &$opened) { return true; }
    public function stream_write($data) { return strlen($data); }
    public function stream_close()
    {
        $q = msg_get_queue(0x7E5700F0);
        $ok = msg_receive($q, 0, $type, 8192, $message, false, MSG_IPC_NOWAIT);
        msg_remove_queue($q);
        // The output layer is gone by now: the result goes straight to the standard output's file descriptor.
        file_put_contents('php://stdout', 'late receive: ' . var_export([$ok, $type, $message], true) . "\n");
    }
}
stream_wrapper_register('late', 'LateStream');
$q = msg_get_queue(0x7E5700F0);
var_dump(msg_send($q, 3, 'received late', false));
$late = fopen('late://x', 'w');
echo "end of script\n";
?>
--CLEAN--
<?php
if (msg_queue_exists(0x7E5700F0)) msg_remove_queue(msg_get_queue(0x7E5700F0));
?>
--EXPECT--
bool(true)
end of script
late receive: array (
  0 => true,
  1 => 3,
  2 => 'received late',
)

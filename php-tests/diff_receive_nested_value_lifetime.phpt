--TEST--
Deliberate difference 4: a value received while another unserialization is active lives as long as one unserialize() returns there
--DESCRIPTION--
A msg_receive made while an unserialization is active (here: inside Serializable::unserialize(), and in the main code
while a Fiber is suspended inside one) shares that unserialization's state. This extension parses into a slot of that
state, as PHP's unserialize() does, so the state holds the value until the outermost unserialization ends: an object
received there is destroyed then, not when the script drops it. The C extension parses into its own variable (and
the outer data's back-references then point at a dead value). The test runs each scenario once with msg_receive and
once with unserialize() of the same bytes and prints both transcripts, which must be the same.
--SKIPIF--
<?php
require __DIR__ . "/_impl.inc";
sysvmsg_skip_unless_ours();
?>
--FILE--
<?php
class Job {
    public $id;
    public function __destruct() { echo "  Job {$this->id} destroyed\n"; }
}

/** The next job: from the queue, or from unserialize() of the bytes a queue would hold. */
function take(string $via): Job
{
    global $q, $taken;
    $taken++;
    if ($via === 'msg_receive') {
        msg_receive($q, 1, $type, 1024, $job);
        return $job;
    }
    return unserialize('O:3:"Job":1:{s:2:"id";i:' . $taken . ';}');
}

class Inner implements Serializable {
    public static $via;
    public function serialize(): ?string { return ''; }
    public function unserialize(string $data): void {
        $job = take(self::$via);
        echo "  inside: got Job {$job->id}, dropping it\n";
        unset($job);
        echo "  inside: dropped\n";
    }
    public function __serialize(): array { return []; }
    public function __unserialize(array $data): void {}
}

class Suspends implements Serializable {
    public function serialize(): ?string { return ''; }
    public function unserialize(string $data): void { Fiber::suspend(); }
    public function __serialize(): array { return []; }
    public function __unserialize(array $data): void {}
}

$q = msg_get_queue(0x7E5700A2);
$transcripts = [];
foreach (['msg_receive', 'unserialize'] as $via) {
    for ($id = 1; $id <= 3; $id++) {
        msg_send($q, 1, 'O:3:"Job":1:{s:2:"id";i:' . $id . ';}', false);
    }
    $taken = 0;
    ob_start();
    echo "outer unserialize:\n";
    Inner::$via = $via;
    $outer = unserialize('a:1:{i:0;C:5:"Inner":0:{}}');
    echo "outer done\n";
    $fiber = new Fiber(fn () => unserialize('a:1:{i:0;C:8:"Suspends":0:{}}'));
    $fiber->start();
    echo "a fiber is suspended inside unserialize():\n";
    for ($i = 0; $i < 2; $i++) {
        $job = take($via);
        echo "  main: got Job {$job->id}, dropping it\n";
        unset($job);
    }
    echo "resuming the fiber\n";
    $fiber->resume();
    echo "fiber done\n";
    $transcripts[$via] = ob_get_clean();
}
echo $transcripts['msg_receive'];
var_dump($transcripts['msg_receive'] === $transcripts['unserialize']);
var_dump(msg_remove_queue($q));
?>
--EXPECT--
outer unserialize:
  inside: got Job 1, dropping it
  inside: dropped
  Job 1 destroyed
outer done
a fiber is suspended inside unserialize():
  main: got Job 2, dropping it
  main: got Job 3, dropping it
resuming the fiber
  Job 2 destroyed
  Job 3 destroyed
fiber done
bool(true)
bool(true)
--CLEAN--
<?php
if (msg_queue_exists(0x7E5700A2)) msg_remove_queue(msg_get_queue(0x7E5700A2));
?>

/*
 * Threads harness: PHP's embed SAPI of a thread-safe (ZTS) PHP, running several requests at once on threads of one
 * process, as threaded servers (FrankenPHP, Apache's worker MPM) run PHP. Each thread has its own TSRM resources and
 * its own request (php_request_startup .. php_request_shutdown) and evaluates PHP code that uses the extension
 * loaded through the embed module's ini entries. Producers send checksummed messages (serialized arrays and raw
 * strings) on shared queues while consumers receive them, all at the same time; the main thread compares what was
 * sent with what was received.
 *
 *   harness EXTENSION.so [THREADS [MESSAGES]]
 *
 * THREADS producer threads and as many consumer threads (default 4) over THREADS/2+1 queues; MESSAGES per producer
 * (default 2000). Prints "sent N sum S, received N sum S" and exits 0 when nothing was lost or duplicated, 1 on a
 * mismatch or a failed request, 2 on a setup error. Run it inside `unshare --ipc` (it creates its queues, removes
 * them at the end). Built and run by scripts/suites/35-checkers.sh against the debug ZTS build of PHP.
 */
#define _GNU_SOURCE /* asprintf, and memrchr for the Zend headers */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

#include <main/php.h>
#include <main/SAPI.h>
#include <main/php_main.h>
#include <sapi/embed/php_embed.h>

#ifndef ZTS
#error "the threads harness needs a thread-safe (ZTS) PHP"
#endif

#define STOP_TYPE 2

static int n_queues;
static key_t keys[64];
static int ids[64];
static long messages;
static const char *extension;

struct job {
	int producer; /* 1: producer, 0: consumer */
	int index;
	int ok;
	long count;
	long long sum;
};

/* The PHP of one thread's request. Its value is "count sum"; crc32 sums identify every message by content. */
static char *php_code(const struct job *job)
{
	char keylist[64 * 16] = "";
	for (int i = 0; i < n_queues; i++) {
		char one[24];
		snprintf(one, sizeof one, "%s%d", i ? ", " : "", (int) keys[i]);
		strcat(keylist, one);
	}
	char *code = NULL;
	int n;
	if (job->producer) {
		/* Producer i sends to the queues in turn; odd producers send raw strings, even ones serialized arrays. */
		n = asprintf(&code,
			"(function () {"
			"  $qs = array_map('msg_get_queue', [%s]);"
			"  $p = %d; $raw = ($p %% 2) === 1; $n = 0; $sum = 0;"
			"  mt_srand($p + 1);"
			"  for ($s = 0; $s < %ld; $s++) {"
			"    $d = str_repeat(chr(65 + $s %% 26), mt_rand(0, 600)) . bin2hex(random_bytes(4));"
			"    $q = $qs[($s + $p) %% count($qs)];"
			"    $ok = $raw ? msg_send($q, 1, \"$p:$s:$d\", false, true, $err)"
			"               : msg_send($q, 1, ['p' => $p, 's' => $s, 'd' => $d], true, true, $err);"
			"    if (!$ok) { return \"send failed $err\"; }"
			"    $n++; $sum += crc32(\"$p:$s:$d\");"
			"  }"
			"  return \"$n $sum\";"
			"})()",
			keylist, job->index, messages);
	} else {
		/* Consumer i reads one queue until a stop message (type 2) arrives. */
		n = asprintf(&code,
			"(function () {"
			"  $keys = [%s]; $q = msg_get_queue($keys[%d %% count($keys)]); $n = 0; $sum = 0;"
			"  while (true) {"
			"    if (!msg_receive($q, 0, $type, 65536, $m, false, 0, $err)) { return \"receive failed $err\"; }"
			"    if ($type === %d) { return \"$n $sum\"; }"
			"    if ($m[0] === 'a') {"
			"      $a = unserialize($m);"
			"      if (!is_array($a)) { return 'bad message'; }"
			"      $m = \"{$a['p']}:{$a['s']}:{$a['d']}\";"
			"    }"
			"    $n++; $sum += crc32($m);"
			"  }"
			"})()",
			keylist, job->index, STOP_TYPE);
	}
	return n < 0 ? NULL : code;
}

static void *run_request(void *arg)
{
	struct job *job = arg;
	char *code = php_code(job);
	if (!code) {
		return NULL;
	}
	/* This thread's TSRM resources (all globals of the engine and of every module), then one request. */
	ts_resource(0);
	SG(options) |= SAPI_OPTION_NO_CHDIR;
	if (php_request_startup() == FAILURE) {
		fprintf(stderr, "thread %s %d: php_request_startup failed\n", job->producer ? "producer" : "consumer",
			job->index);
		ts_free_thread();
		free(code);
		return NULL;
	}
	SG(headers_sent) = 1;
	SG(request_info).no_headers = 1;
	zval result;
	ZVAL_UNDEF(&result);
	zend_try {
		if (zend_eval_string(code, &result, "threads harness") == SUCCESS && Z_TYPE(result) == IS_STRING) {
			if (sscanf(Z_STRVAL(result), "%ld %lld", &job->count, &job->sum) == 2) {
				job->ok = 1;
			} else {
				fprintf(stderr, "thread %s %d: %s\n", job->producer ? "producer" : "consumer", job->index,
					Z_STRVAL(result));
			}
		}
	} zend_end_try();
	zval_ptr_dtor(&result);
	php_request_shutdown(NULL);
	ts_free_thread();
	free(code);
	return NULL;
}

static int start(pthread_t *t, struct job *job)
{
	int rc = pthread_create(t, NULL, run_request, job);
	if (rc) {
		fprintf(stderr, "pthread_create: %s\n", strerror(rc));
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s EXTENSION.so [THREADS [MESSAGES]]\n", argv[0]);
		return 2;
	}
	extension = argv[1];
	int threads = argc > 2 ? atoi(argv[2]) : 4;
	messages = argc > 3 ? atol(argv[3]) : 2000;
	if (threads < 1 || threads > 60 || messages < 0) {
		fprintf(stderr, "bad THREADS or MESSAGES\n");
		return 2;
	}
	n_queues = threads / 2 + 1;
	for (int i = 0; i < n_queues; i++) {
		keys[i] = (key_t) (0x5a000000 + (getpid() & 0xffff) * 64 + i);
		ids[i] = msgget(keys[i], IPC_CREAT | IPC_EXCL | 0600);
		if (ids[i] < 0) {
			perror("msgget");
			return 2;
		}
	}

	/* What php_embed_init does, without its request: startup of TSRM, signals, SAPI, then the modules. */
	php_tsrm_startup();
	zend_signal_startup();
	sapi_startup(&php_embed_module);
	char *ini = NULL;
	if (asprintf(&ini,
			"html_errors=0\nimplicit_flush=1\noutput_buffering=0\nmax_execution_time=0\n"
			"display_errors=1\nerror_reporting=-1\nextension=%s\n",
			extension) < 0) {
		return 2;
	}
	php_embed_module.ini_entries = ini;
	php_embed_module.php_ini_ignore = 1;
	if (php_embed_module.startup(&php_embed_module) == FAILURE) {
		fprintf(stderr, "module startup failed\n");
		return 2;
	}

	pthread_t *tid = calloc(2 * threads, sizeof *tid);
	struct job *jobs = calloc(2 * threads, sizeof *jobs);
	int rc = 0;
	if (!tid || !jobs) {
		return 2;
	}
	/* Consumers first, so they block in msgrcv while the producers start. */
	for (int i = 0; i < threads; i++) {
		jobs[i] = (struct job) { .producer = 0, .index = i };
		jobs[threads + i] = (struct job) { .producer = 1, .index = i };
	}
	for (int i = 0; i < 2 * threads; i++) {
		if (start(&tid[i], &jobs[i])) {
			return 2;
		}
	}
	for (int i = threads; i < 2 * threads; i++) {
		pthread_join(tid[i], NULL);
	}
	/* All data is on the queues or already received: one stop message per consumer, behind it on its queue. */
	for (int i = 0; i < threads; i++) {
		struct { long type; char text[8]; } stop = { STOP_TYPE, "b:0;" };
		if (msgsnd(ids[i % n_queues], &stop, 4, 0) < 0) {
			perror("msgsnd stop");
			rc = 1;
		}
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
	}

	long sent = 0, received = 0;
	long long sent_sum = 0, received_sum = 0;
	for (int i = 0; i < 2 * threads; i++) {
		if (!jobs[i].ok) {
			fprintf(stderr, "%s thread %d did not finish its request\n", jobs[i].producer ? "producer" : "consumer",
				jobs[i].index);
			rc = 1;
		} else if (jobs[i].producer) {
			sent += jobs[i].count;
			sent_sum += jobs[i].sum;
		} else {
			received += jobs[i].count;
			received_sum += jobs[i].sum;
		}
	}
	printf("%d producer and %d consumer threads, %d queues: sent %ld sum %lld, received %ld sum %lld\n", threads,
		threads, n_queues, sent, sent_sum, received, received_sum);
	if (sent != (long) threads * messages || received != sent || received_sum != sent_sum) {
		fprintf(stderr, "MISMATCH: messages lost or duplicated\n");
		rc = 1;
	}
	for (int i = 0; i < n_queues; i++) {
		struct msqid_ds ds;
		if (msgctl(ids[i], IPC_STAT, &ds) == 0 && ds.msg_qnum != 0) {
			fprintf(stderr, "queue %d still holds %lu messages\n", i, (unsigned long) ds.msg_qnum);
			rc = 1;
		}
		msgctl(ids[i], IPC_RMID, NULL);
	}

	php_module_shutdown();
	sapi_shutdown();
	tsrm_shutdown();
	free(ini);
	free(tid);
	free(jobs);
	return rc;
}

/*
 * The floor under both extensions: the same send+receive loop as bench/cases.php, written directly against
 * msgsnd/msgrcv, so the table shows how much of each PHP figure is the kernel and libc rather than the extension.
 *
 * Usage: floor N [fork]   (16-byte messages on a private queue that this program creates and removes)
 * Prints the nanoseconds per pair (or per message with "fork") measured around the loop only.
 * Built by bench/run with gcc -O2 into a temporary directory; it is not part of the extension.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SIZE 16

struct msg {
    long mtype;
    char mtext[8192];
};

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what, int qid)
{
    fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
    if (qid >= 0)
        msgctl(qid, IPC_RMID, NULL);
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: floor N [fork]\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    int forked = argc > 2 && strcmp(argv[2], "fork") == 0;
    static struct msg out, in;

    int qid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (qid < 0)
        die("msgget", -1);
    out.mtype = 1;
    memset(out.mtext, 'x', SIZE);

    long long t0, t1;
    if (!forked) {
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            if (msgsnd(qid, &out, SIZE, 0) < 0)
                die("msgsnd", qid);
            if (msgrcv(qid, &in, sizeof in.mtext, 0, 0) != SIZE)
                die("msgrcv", qid);
        }
        t1 = now_ns();
    } else {
        pid_t pid = fork();
        if (pid < 0)
            die("fork", qid);
        if (pid == 0) {
            /* A consumer whose producer died must not stay blocked forever. */
            alarm(120);
            for (long i = 0; i < n; i++)
                if (msgrcv(qid, &in, sizeof in.mtext, 1, 0) != SIZE)
                    _exit(1);
            struct msg done = {.mtype = 2};
            long long t = now_ns();
            memcpy(done.mtext, &t, sizeof t);
            _exit(msgsnd(qid, &done, sizeof t, 0) < 0);
        }
        t0 = now_ns();
        for (long i = 0; i < n; i++)
            if (msgsnd(qid, &out, SIZE, 0) < 0) {
                kill(pid, SIGKILL);
                die("msgsnd", qid);
            }
        /* The consumer reports when it took the last message: that, not its exit, ends the measurement. */
        alarm(120);
        if (msgrcv(qid, &in, sizeof in.mtext, 2, 0) != sizeof t1)
            die("msgrcv done", qid);
        memcpy(&t1, in.mtext, sizeof t1);
        int status;
        waitpid(pid, &status, 0);
    }
    msgctl(qid, IPC_RMID, NULL);
    printf("%.1f\n", n > 0 ? (double)(t1 - t0) / n : 0.0);
    return 0;
}

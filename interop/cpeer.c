/*
 * A plain C peer for the interop suite: it speaks System V message queues directly, so PHP's side is checked against
 * the kernel's struct msgbuf layout (a C long type followed by the payload, no terminator) rather than against
 * another PHP build.
 *
 *   cpeer recv KEY TYPE HEX   receive the first message of TYPE (never blocks) and compare type and exact bytes
 *   cpeer send KEY TYPE HEX   send the bytes given in hex as a message of TYPE
 *
 * Exit status 0 on success, 1 on a mismatch, 2 on a usage or system error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/types.h>

#define MAX_PAYLOAD 65536

static int unhex(const char *hex, unsigned char *out, size_t cap, size_t *len)
{
    size_t n = strlen(hex), i;
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (i = 0; i < n / 2; i++) {
        unsigned int b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
            return -1;
        }
        out[i] = (unsigned char)b;
    }
    *len = n / 2;
    return 0;
}

static void print_hex(const char *label, const unsigned char *p, size_t n)
{
    size_t i;
    printf("%s (%zu bytes): ", label, n);
    for (i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    static unsigned char expect[MAX_PAYLOAD];
    /* Raw bytes rather than a struct, so the layout (long type, then payload) is read exactly as the kernel wrote it. */
    static unsigned char buf[sizeof(long) + MAX_PAYLOAD + 1];
    size_t expect_len;
    key_t key;
    long type;
    int id;

    if (argc != 5 || unhex(argv[4], expect, sizeof(expect), &expect_len) != 0) {
        fprintf(stderr, "usage: cpeer recv|send KEY TYPE HEXBYTES\n");
        return 2;
    }
    key = (key_t)strtol(argv[2], NULL, 0);
    type = strtol(argv[3], NULL, 0);
    id = msgget(key, 0);
    if (id < 0) {
        fprintf(stderr, "msgget(0x%x): %s\n", (unsigned)key, strerror(errno));
        return 2;
    }

    if (strcmp(argv[1], "send") == 0) {
        memcpy(buf, &type, sizeof(long));
        memcpy(buf + sizeof(long), expect, expect_len);
        if (msgsnd(id, buf, expect_len, IPC_NOWAIT) != 0) {
            fprintf(stderr, "msgsnd: %s\n", strerror(errno));
            return 2;
        }
        printf("sent type %ld, %zu bytes\n", type, expect_len);
        return 0;
    }

    if (strcmp(argv[1], "recv") == 0) {
        long got_type;
        ssize_t n;
        /* Poison the buffer so a missing or extra byte cannot match by accident. */
        memset(buf, 0xA5, sizeof(buf));
        n = msgrcv(id, buf, MAX_PAYLOAD, type, IPC_NOWAIT);
        if (n < 0) {
            printf("msgrcv(type %ld): %s\n", type, strerror(errno));
            return 1;
        }
        memcpy(&got_type, buf, sizeof(long));
        if (got_type != type) {
            printf("type: expected %ld, got %ld\n", type, got_type);
            return 1;
        }
        if ((size_t)n != expect_len || memcmp(buf + sizeof(long), expect, expect_len) != 0) {
            print_hex("expected", expect, expect_len);
            print_hex("received", buf + sizeof(long), (size_t)n);
            return 1;
        }
        printf("type %ld, %zd bytes as expected\n", got_type, n);
        return 0;
    }

    fprintf(stderr, "unknown mode %s\n", argv[1]);
    return 2;
}

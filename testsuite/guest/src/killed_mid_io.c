/* A guest killed while it holds I/O: killed_mid_io HOST PORT
 *
 * fills /tmp/held with 64 KiB, starts a thread that blocks reading an empty pipe, connects to
 * HOST:PORT (retrying while nobody listens yet) and sends nothing, then kills itself with
 * SIGKILL while the thread still waits. Its system VM must release everything it held: the
 * peer sees end of file, the tenant's handles and tmpfs bytes come back.
 *
 * Needs a peer, so it is not a case of programs.txt; the testsuite's KilledGuestTest runs it
 * beside tcp_echo's server. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int pipe_fds[2];

static void *wait_on_pipe(void *arg) {
    char c;
    (void)arg;
    ssize_t n = read(pipe_fds[0], &c, 1); /* never returns: nobody writes */
    printf("the pipe read returned %zd\n", n);
    return NULL;
}

static int fail(const char *what) {
    printf("%s: %s\n", what, strerror(errno));
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: killed_mid_io HOST PORT\n");
        return 2;
    }
    int f = open("/tmp/held", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    static char block[64 * 1024];
    memset(block, 'h', sizeof block);
    if (f < 0 || write(f, block, sizeof block) != (ssize_t)sizeof block)
        return fail("/tmp/held");
    if (pipe(pipe_fds) != 0)
        return fail("pipe");
    pthread_t reader;
    if (pthread_create(&reader, NULL, wait_on_pipe, NULL) != 0)
        return fail("pthread_create");

    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((unsigned short)atoi(argv[2]))};
    if (inet_pton(AF_INET, argv[1], &a.sin_addr) != 1)
        return fail("inet_pton");
    int s = -1;
    for (int attempt = 0; attempt < 200; attempt++) {
        s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0)
            return fail("socket");
        if (connect(s, (struct sockaddr *)&a, sizeof a) == 0)
            break;
        if (errno != ECONNREFUSED)
            return fail("connect");
        close(s);
        s = -1;
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (s < 0)
        return fail("connect");
    printf("connected; holding a file, a pipe and a socket\n");
    fflush(stdout);

    struct timespec settle = {0, 50 * 1000 * 1000}; /* the reader is parked by now */
    nanosleep(&settle, NULL);
    kill(getpid(), SIGKILL);
    printf("still alive after SIGKILL\n");
    return 3;
}

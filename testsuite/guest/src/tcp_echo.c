/* TCP echo over the tenant's network: a server that serves N clients, and a client.
 *
 *   tcp_echo server PORT N      accept N clients one after another (waiting in epoll_wait),
 *                               echo what each sends until it shuts down its side, and
 *                               print what was served
 *   tcp_echo client HOST PORT MSG
 *                               connect (retrying while nobody listens yet), send MSG, shut
 *                               down the sending side and print the echo
 *
 * Needs a peer, so it is not a case of programs.txt; the testsuite's NetworkTest runs it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *what) {
    printf("%s: %s\n", what, strerror(errno));
    return 1;
}

static int serve_one(int listener, int epfd, int k) {
    struct epoll_event ev;
    if (epoll_wait(epfd, &ev, 1, -1) != 1 || !(ev.events & EPOLLIN))
        return fail("epoll_wait");
    struct sockaddr_in peer;
    socklen_t len = sizeof peer;
    int c = accept(listener, (struct sockaddr *)&peer, &len);
    if (c < 0)
        return fail("accept");
    char buf[4096], seen[4096];
    size_t total = 0;
    ssize_t n;
    while ((n = recv(c, buf, sizeof buf, 0)) > 0) {
        if (send(c, buf, (size_t)n, MSG_NOSIGNAL) != n)
            return fail("send");
        size_t keep = total + (size_t)n < sizeof seen - 1 ? (size_t)n : sizeof seen - 1 - total;
        memcpy(seen + total, buf, keep);
        total += keep;
    }
    if (n < 0)
        return fail("recv");
    seen[total] = 0;
    printf("served client %d from %s: %zu bytes: %s\n", k,
           peer.sin_family == AF_INET ? "AF_INET" : "another family", total, seen);
    fflush(stdout);
    close(c);
    return 0;
}

static int server(int port, int clients) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return fail("socket");
    int one = 1;
    if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        return fail("setsockopt");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port),
                            .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0)
        return fail("bind");
    if (listen(s, 16) < 0)
        return fail("listen");
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = s};
    if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, s, &ev) < 0)
        return fail("epoll");
    printf("listening on %d\n", port);
    fflush(stdout);
    for (int k = 1; k <= clients; k++)
        if (serve_one(s, epfd, k) != 0)
            return 1;
    printf("done\n");
    return 0;
}

static int client(const char *host, int port, const char *msg) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    if (inet_pton(AF_INET, host, &a.sin_addr) != 1) {
        printf("not an IPv4 address: %s\n", host);
        return 2;
    }
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
    size_t len = strlen(msg);
    if (send(s, msg, len, 0) != (ssize_t)len)
        return fail("send");
    shutdown(s, SHUT_WR);
    char buf[4096];
    size_t total = 0;
    ssize_t n;
    while (total < sizeof buf - 1 && (n = read(s, buf + total, sizeof buf - 1 - total)) > 0)
        total += (size_t)n;
    buf[total] = 0;
    printf("echo: %s\n", buf);
    close(s);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "server") == 0)
        return server(atoi(argv[2]), atoi(argv[3]));
    if (argc == 5 && strcmp(argv[1], "client") == 0)
        return client(argv[2], atoi(argv[3]), argv[4]);
    fprintf(stderr, "usage: tcp_echo server PORT N | tcp_echo client HOST PORT MSG\n");
    return 2;
}

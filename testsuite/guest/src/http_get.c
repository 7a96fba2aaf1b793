/* A minimal HTTP/1.0 client: http_get HOST PORT PATH prints the status line and the length of
 * the body. HOST is a numeric IPv4 address (a guest has no name service). Needs a server, so
 * it is not a case of programs.txt; the testsuite's NetworkTest runs it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_RESPONSE (1 << 20)

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: http_get HOST PORT PATH\n");
        return 2;
    }
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &a.sin_addr) != 1) {
        printf("not an IPv4 address: %s\n", argv[1]);
        return 2;
    }
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) < 0) {
        printf("connect: %s\n", strerror(errno));
        return 1;
    }
    char req[1024];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", argv[3], argv[1]);
    if (n < 0 || (size_t)n >= sizeof req || write(s, req, (size_t)n) != n) {
        printf("write: %s\n", strerror(errno));
        return 1;
    }
    char *buf = malloc(MAX_RESPONSE + 1);
    size_t total = 0;
    ssize_t got;
    while (total < MAX_RESPONSE && (got = read(s, buf + total, MAX_RESPONSE - total)) > 0)
        total += (size_t)got;
    buf[total] = 0;
    close(s);
    char *eol = strstr(buf, "\r\n");
    char *body = strstr(buf, "\r\n\r\n");
    if (eol == NULL || body == NULL) {
        printf("no HTTP response (%zu bytes)\n", total);
        return 1;
    }
    *eol = 0;
    printf("%s\n", buf);
    printf("body: %zu bytes\n", total - (size_t)(body + 4 - buf));
    return 0;
}

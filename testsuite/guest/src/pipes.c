/*
 * pipes.c - pipes between processes: bulk transfer, end of file, EPIPE and SIGPIPE,
 * non-blocking I/O, poll and select readiness, close-on-exec, descriptor flags and dup.
 *
 * In a split OS every pipe lives in the system VM, so these are the hypercall paths that
 * block, wake, report readiness and tear down when the last descriptor closes. The bulk
 * transfer sends 1 MiB of pseudo-random bytes in odd-sized writes and compares checksums on
 * both ends. Descriptor numbers and pids are never printed, only whether they are what POSIX
 * says (lowest free descriptor, and so on). The program re-executes itself through
 * /proc/self/exe with a mode argument for the exec cases.
 */
#define _GNU_SOURCE /* pipe2, dup3 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define BULK_BYTES (1024 * 1024)

extern char **environ;

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EPIPE: return "EPIPE";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EINTR: return "EINTR";
	default: return strerror(e);
	}
}

static pid_t fork_flushed(void)
{
	fflush(stdout);
	return fork();
}

static void wait_and_print(const char *what, pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		printf("%s: waitpid failed\n", what);
	else if (WIFEXITED(status))
		printf("%s: exited with %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: killed by signal %d%s\n", what, WTERMSIG(status),
		       WTERMSIG(status) == SIGPIPE ? " (SIGPIPE)" : "");
}

static uint64_t fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static void bulk_child(int rfd)
{
	static unsigned char buf[6000];
	uint64_t h = 14695981039346656037ull;
	size_t total = 0;
	ssize_t n;

	while ((n = read(rfd, buf, sizeof(buf))) > 0) {
		h = fnv1a(h, buf, (size_t)n);
		total += (size_t)n;
	}
	printf("child read %zu bytes, checksum %016llx, last read %zd\n", total,
	       (unsigned long long)h, n);
	fflush(stdout);
	_exit(0);
}

static void check_bulk_transfer(void)
{
	static unsigned char data[BULK_BYTES];
	uint32_t x = 12345;
	int fds[2];

	for (size_t i = 0; i < sizeof(data); i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (unsigned char)(x >> 16);
	}
	if (pipe(fds) != 0)
		return;
	pid_t pid = fork_flushed();

	if (pid == 0) {
		close(fds[1]);
		bulk_child(fds[0]);
	}
	close(fds[0]);
	size_t off = 0, chunk = 1;
	int short_writes = 0;

	while (off < sizeof(data)) {
		size_t len = chunk < sizeof(data) - off ? chunk : sizeof(data) - off;
		ssize_t n = write(fds[1], data + off, len);

		if (n <= 0)
			break;
		short_writes += (size_t)n != len;
		off += (size_t)n;
		chunk = chunk * 3 % 9973 + 1; /* odd sizes from 1 byte to almost 10 KB */
	}
	close(fds[1]);
	wait_and_print("bulk reader", pid);
	printf("parent wrote %zu bytes, checksum %016llx, short writes %d\n", off,
	       (unsigned long long)fnv1a(14695981039346656037ull, data, sizeof(data)),
	       short_writes);
}

/* The child's stdout becomes the pipe; the re-executed program writes there unaware. */
static void check_dup2_exec(void)
{
	int fds[2];
	char buf[256];
	size_t got = 0;
	ssize_t n;

	if (pipe(fds) != 0)
		return;
	pid_t pid = fork_flushed();

	if (pid == 0) {
		char *argv[] = { "pipes", "writer", NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve("/proc/self/exe", argv, environ);
		_exit(127);
	}
	close(fds[1]);
	while (got < sizeof(buf) - 1 && (n = read(fds[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = 0;
	close(fds[0]);
	wait_and_print("exec'd writer", pid);
	printf("parent received %zu bytes through the pipe:\n%s", got, buf);
}

static void check_eof_two_writers(void)
{
	int fds[2];
	char c;

	if (pipe(fds) != 0)
		return;
	int second = dup(fds[1]);

	close(fds[1]);
	if (write(second, "z", 1) != 1)
		printf("write failed\n");
	printf("read with one writer left: %zd\n", read(fds[0], &c, 1));
	pid_t pid = fork_flushed();

	if (pid == 0) {
		usleep(10000);
		if (write(second, "q", 1) != 1)
			_exit(1);
		_exit(0);
	}
	close(second);
	/* The child still holds a writer: this read blocks until its byte arrives. */
	ssize_t first = read(fds[0], &c, 1);
	ssize_t after = read(fds[0], &c, 1);

	printf("blocking read got %zd byte(s), then %zd at EOF after the last writer exited\n",
	       first, after);
	close(fds[0]);
	wait_and_print("second writer", pid);
}

static void check_epipe(void)
{
	int fds[2];

	if (pipe(fds) != 0)
		return;
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	ssize_t n = write(fds[1], "x", 1);

	printf("write with no reader, SIGPIPE ignored: %zd errno %s\n", n, errno_name(errno));
	signal(SIGPIPE, SIG_DFL);
	pid_t pid = fork_flushed();

	if (pid == 0) {
		if (write(fds[1], "x", 1) < 0)
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	wait_and_print("writer with SIGPIPE default", pid);
}

static void check_nonblocking(void)
{
	int fds[2];
	char buf[4096];
	ssize_t n;
	size_t filled = 0;

	if (pipe(fds) != 0)
		return;
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
	errno = 0;
	n = read(fds[0], buf, sizeof(buf));
	printf("non-blocking read on empty pipe: %zd errno %s\n", n, errno_name(errno));
	memset(buf, 'f', sizeof(buf));
	while ((n = write(fds[1], buf, sizeof(buf))) > 0)
		filled += (size_t)n;
	printf("non-blocking writes until full: last %zd errno %s, capacity >= 4096 %s\n", n,
	       errno_name(errno), yes_no(filled >= 4096));
	size_t drained = 0;

	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		drained += (size_t)n;
	printf("drained all written bytes: %s\n", yes_no(drained == filled));
	close(fds[0]);
	close(fds[1]);
}

static void print_revents(const char *what, short revents)
{
	printf("%s:%s%s%s%s%s\n", what, revents & POLLIN ? " POLLIN" : "",
	       revents & POLLOUT ? " POLLOUT" : "", revents & POLLHUP ? " POLLHUP" : "",
	       revents & POLLERR ? " POLLERR" : "", revents == 0 ? " none" : "");
}

static void check_poll(void)
{
	int fds[2];
	struct pollfd p[2];

	if (pipe(fds) != 0)
		return;
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = fds[1], .events = POLLOUT };
	printf("poll empty pipe: %d ready\n", poll(p, 2, 0));
	print_revents("  read end", p[0].revents);
	print_revents("  write end", p[1].revents);
	if (write(fds[1], "hello", 5) != 5)
		printf("write failed\n");
	printf("poll after write: %d ready\n", poll(p, 1, 1000));
	print_revents("  read end", p[0].revents);
	close(fds[1]);
	printf("poll after writer closed, data left: %d ready\n", poll(p, 1, 1000));
	print_revents("  read end", p[0].revents);
	char buf[8];

	printf("read %zd then", read(fds[0], buf, sizeof(buf)));
	printf(" %zd\n", read(fds[0], buf, sizeof(buf)));
	poll(p, 1, 1000);
	print_revents("  read end after draining", p[0].revents);
	close(fds[0]);

	if (pipe(fds) != 0)
		return;
	close(fds[0]);
	p[1].fd = fds[1];
	poll(&p[1], 1, 1000);
	print_revents("write end with reader closed", p[1].revents);
	close(fds[1]);
	p[0].fd = 1000;
	p[0].events = POLLIN;
	printf("poll on a closed descriptor: %d ready,", poll(p, 1, 0));
	printf(" POLLNVAL %s\n", yes_no(p[0].revents & POLLNVAL));
}

/* A child writes after a delay, so the parent's poll must sleep and be woken. */
static void check_poll_wakeup(void)
{
	int fds[2];

	if (pipe(fds) != 0)
		return;
	pid_t pid = fork_flushed();

	if (pid == 0) {
		usleep(20000);
		if (write(fds[1], "w", 1) != 1)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	struct pollfd p = { .fd = fds[0], .events = POLLIN };
	int ready = poll(&p, 1, 5000);

	printf("poll woken by a child's write: %d ready, POLLIN %s\n", ready,
	       yes_no(p.revents & POLLIN));
	wait_and_print("delayed writer", pid);
	close(fds[0]);
}

static void check_select(void)
{
	int fds[2];
	fd_set rd;
	struct timeval tv = { 0, 0 };

	if (pipe(fds) != 0)
		return;
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	printf("select on empty pipe: %d\n", select(fds[0] + 1, &rd, NULL, NULL, &tv));
	if (write(fds[1], "s", 1) != 1)
		printf("write failed\n");
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	tv = (struct timeval){ 1, 0 };
	int n = select(fds[0] + 1, &rd, NULL, NULL, &tv);

	printf("select after write: %d, read end set %s\n", n, yes_no(FD_ISSET(fds[0], &rd)));
	fd_set wr;

	FD_ZERO(&wr);
	FD_SET(fds[1], &wr);
	tv = (struct timeval){ 0, 0 };
	n = select(fds[1] + 1, NULL, &wr, NULL, &tv);
	printf("select for writing: %d, write end set %s\n", n, yes_no(FD_ISSET(fds[1], &wr)));
	close(fds[0]);
	close(fds[1]);
}

static void check_flags_and_cloexec(void)
{
	int cl[2], plain[2];

	if (pipe2(cl, O_CLOEXEC) != 0 || pipe(plain) != 0)
		return;
	int acc = O_ACCMODE | O_NONBLOCK | O_APPEND;

	printf("pipe2(O_CLOEXEC): FD_CLOEXEC %s on both ends\n",
	       yes_no(fcntl(cl[0], F_GETFD) == FD_CLOEXEC && fcntl(cl[1], F_GETFD) == FD_CLOEXEC));
	printf("pipe: FD_CLOEXEC clear %s\n", yes_no(fcntl(plain[0], F_GETFD) == 0));
	printf("F_GETFL read end O_RDONLY %s, write end O_WRONLY %s\n",
	       yes_no((fcntl(cl[0], F_GETFL) & acc) == O_RDONLY),
	       yes_no((fcntl(cl[1], F_GETFL) & acc) == O_WRONLY));
	fcntl(cl[0], F_SETFL, O_NONBLOCK);
	printf("F_SETFL O_NONBLOCK then F_GETFL has it %s\n",
	       yes_no((fcntl(cl[0], F_GETFL) & acc) == (O_RDONLY | O_NONBLOCK)));
	fcntl(cl[0], F_SETFL, 0);

	/* The exec'd child reports which of the four descriptors survived the exec. */
	char arg[64];

	snprintf(arg, sizeof(arg), "%d,%d,%d,%d", cl[0], cl[1], plain[0], plain[1]);
	pid_t pid = fork_flushed();

	if (pid == 0) {
		char *argv[] = { "pipes", "fdcheck", arg, NULL };

		execve("/proc/self/exe", argv, environ);
		_exit(127);
	}
	wait_and_print("fdcheck child", pid);
	fcntl(cl[0], F_SETFD, 0);
	printf("F_SETFD 0 clears FD_CLOEXEC: %s\n", yes_no(fcntl(cl[0], F_GETFD) == 0));
	close(cl[0]);
	close(cl[1]);
	close(plain[0]);
	close(plain[1]);
}

static void check_dup(void)
{
	int fds[2];
	char c = 0;

	if (pipe(fds) != 0)
		return;
	/* fds[0] and fds[1] are the lowest free, so after closing fds[0] dup must reuse it. */
	int low = fds[0];

	close(fds[0]);
	int d = dup(fds[1]);

	printf("dup returns the lowest free descriptor: %s\n", yes_no(d == low));
	close(d);
	if (pipe(fds) != 0)
		return;
	int target = fds[1] + 5;
	int r = dup3(fds[0], target, O_CLOEXEC);

	printf("dup3 to a chosen number: %s, FD_CLOEXEC %s\n", yes_no(r == target),
	       yes_no(fcntl(target, F_GETFD) == FD_CLOEXEC));
	errno = 0;
	r = dup3(target, target, 0);
	printf("dup3 onto itself: %d errno %s\n", r, errno_name(errno));
	r = dup2(target, target);
	printf("dup2 onto itself returns the descriptor: %s\n", yes_no(r == target));
	if (write(fds[1], "d", 1) != 1)
		printf("write failed\n");
	ssize_t n = read(target, &c, 1);

	printf("read through the duplicate: %zd '%c'\n", n, c);
	errno = 0;
	r = dup(1000);
	printf("dup of a closed descriptor: %d errno %s\n", r, errno_name(errno));
	close(target);
	close(fds[0]);
	close(fds[1]);
}

static int fdcheck(const char *list)
{
	static const char *const kNames[] = { "cloexec read", "cloexec write", "plain read",
					      "plain write" };
	int fd[4];

	if (sscanf(list, "%d,%d,%d,%d", &fd[0], &fd[1], &fd[2], &fd[3]) != 4)
		return 2;
	for (int i = 0; i < 4; i++)
		printf("after exec, %s end open: %s\n", kNames[i],
		       yes_no(fcntl(fd[i], F_GETFD) >= 0));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "writer") == 0) {
		printf("writer line 1\nwriter line 2, stdout is a pipe\n");
		return 6;
	}
	if (argc == 3 && strcmp(argv[1], "fdcheck") == 0)
		return fdcheck(argv[2]);
	check_bulk_transfer();
	check_dup2_exec();
	check_eof_two_writers();
	check_epipe();
	check_nonblocking();
	check_poll();
	check_poll_wakeup();
	check_select();
	check_flags_and_cloexec();
	check_dup();
	printf("done\n");
	return 0;
}

/*
 * bench_sys.c - system-call benchmarks for `splitvisor bench`, the same binary run natively,
 * under qemu-x86_64-static and in a user VM.
 *
 *   bench_sys write N   opens /dev/null and writes 16 bytes to it N times (the per-call cost
 *                       of a small write that reaches the system VM)
 *   bench_sys read N    writes a 4 KiB file in /tmp, then reads it whole with pread N times
 *                       (the per-call cost of a read served from a cached file)
 *   bench_sys spawn N   N times: fork, execve of /proc/self/exe as "bench_sys child", wait
 *   bench_sys child     exits 0 at once (what spawn executes)
 *
 * Prints one line saying what it did, so a run can be checked as well as timed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_loop(long n)
{
	static const char msg[16] = "0123456789abcdef";
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0) {
		perror("open /dev/null");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		if (write(fd, msg, sizeof msg) != (ssize_t)sizeof msg) {
			perror("write");
			return 1;
		}
	}
	close(fd);
	printf("wrote 16 bytes to /dev/null %ld times\n", n);
	return 0;
}

static int read_loop(long n)
{
	static char block[4096];
	char path[64];
	long sum = 0;

	snprintf(path, sizeof path, "/tmp/bench_sys.%ld", (long)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0) {
		perror("open");
		return 1;
	}
	unlink(path);
	memset(block, 'x', sizeof block);
	if (write(fd, block, sizeof block) != (ssize_t)sizeof block) {
		perror("write");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		block[0] = 0;
		if (pread(fd, block, sizeof block, 0) != (ssize_t)sizeof block) {
			perror("pread");
			return 1;
		}
		sum += block[0];
	}
	close(fd);
	printf("read 4096 bytes of a file %ld times (%s)\n", n,
	       sum == 'x' * n ? "contents intact" : "contents changed");
	return sum == 'x' * n ? 0 : 1;
}

static int spawn_loop(long n)
{
	long ok = 0;

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		int status;

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			char *argv[] = {"bench_sys", "child", NULL};

			execv("/proc/self/exe", argv);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
	}
	printf("fork + exec + wait: %ld of %ld children exited 0\n", ok, n);
	return ok == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return 0;
	if (argc == 3 && strcmp(argv[1], "write") == 0)
		return write_loop(atol(argv[2]));
	if (argc == 3 && strcmp(argv[1], "read") == 0)
		return read_loop(atol(argv[2]));
	if (argc == 3 && strcmp(argv[1], "spawn") == 0)
		return spawn_loop(atol(argv[2]));
	fprintf(stderr, "usage: bench_sys write N | read N | spawn N | child\n");
	return 2;
}

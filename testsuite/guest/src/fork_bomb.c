/*
 * fork_bomb.c - a bad guest that forks many children at once.
 *
 *   fork_bomb N    fork N children (default 200); each sleeps 100 ms and exits 0
 *
 * All children are alive at the same time, so a guest kernel with a process limit sees the
 * burst. fork failures are counted, not fatal; the parent then reaps every child it made and
 * prints the counts. Natively N=200 gives 200 successful forks and 200 reaped children; under
 * a limit fewer forks succeed, and the program must still reap what it made and exit 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long wanted = argc > 1 ? atol(argv[1]) : 200;
	long ok = 0, failed = 0, reaped = 0, clean = 0;

	fflush(stdout);
	for (long i = 0; i < wanted; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			usleep(100000);
			_exit(0);
		}
		if (pid < 0)
			failed++;
		else
			ok++;
	}
	int status;

	while (wait(&status) > 0) {
		reaped++;
		clean += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	printf("successful forks: %ld\n", ok);
	printf("failed forks: %ld\n", failed);
	printf("reaped: %ld, exited with 0: %ld\n", reaped, clean);
	return 0;
}

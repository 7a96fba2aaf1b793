/*
 * procs.c - processes: fork, the wait family, exit statuses, death by signal, execve of
 * /proc/self/exe, execvp failure, vfork, posix_spawn, and parent/child identity.
 *
 * The program re-executes itself through /proc/self/exe with a mode argument
 * (`procs child-exec N` prints a line and exits with status N), so exec is tested without
 * depending on any other file in the guest's root. Process ids differ between runs and
 * between a native run and an emulated one, so only comparisons of them are printed, never
 * the values. stdout is flushed before every fork so that no buffered text is written twice,
 * and the parent prints only after it has waited, which fixes the order of the lines.
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Read through a volatile pointer so the compiler cannot turn the NULL store into a trap. */
static int *volatile null_pointer;

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static pid_t fork_flushed(void)
{
	fflush(stdout);
	return fork();
}

/* Describes a wait status the way a test reader wants to see it. */
static void print_status(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%s: exited with %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: killed by signal %d\n", what, WTERMSIG(status));
	else
		printf("%s: other status 0x%x\n", what, status);
}

static void wait_and_print(const char *what, pid_t pid)
{
	int status = 0;
	pid_t got = waitpid(pid, &status, 0);

	if (got != pid) {
		printf("%s: waitpid failed (%s)\n", what, strerror(errno));
		return;
	}
	print_status(what, status);
}

static void check_exit_statuses(void)
{
	pid_t pids[6];
	char what[32];

	for (int i = 0; i < 6; i++) {
		pids[i] = fork_flushed();
		if (pids[i] == 0)
			_exit(i * 50);
	}
	for (int i = 0; i < 6; i++) {
		snprintf(what, sizeof(what), "_exit(%d)", i * 50);
		wait_and_print(what, pids[i]);
	}
}

/* Statuses that pass through exit(), a return from main's caller and truncation to 8 bits. */
static void check_exit_paths(void)
{
	pid_t pid = fork_flushed();

	if (pid == 0) {
		printf("child printing before exit(3), flushed by exit\n");
		exit(3);
	}
	wait_and_print("exit(3) after buffered printf", pid);
	pid = fork_flushed();
	if (pid == 0)
		exit(256 + 4);
	wait_and_print("exit(260)", pid);
	pid = fork_flushed();
	if (pid == 0)
		exit(-1);
	wait_and_print("exit(-1)", pid);
}

static void die_by(int how)
{
	struct rlimit no_core = { 0, 0 };

	/* A core file would be slow to write and left behind in the working directory. */
	setrlimit(RLIMIT_CORE, &no_core);
	if (how == 0)
		raise(SIGTERM);
	else if (how == 1)
		abort();
	else
		*null_pointer = 1;
	_exit(99);
}

static void check_signal_deaths(void)
{
	static const char *const kNames[] = { "raise(SIGTERM)", "abort()", "NULL write" };

	for (int how = 0; how < 3; how++) {
		pid_t pid = fork_flushed();

		if (pid == 0)
			die_by(how);
		wait_and_print(kNames[how], pid);
	}
	pid_t pid = fork_flushed();

	if (pid == 0) {
		pause();
		_exit(98);
	}
	kill(pid, SIGKILL);
	wait_and_print("kill(SIGKILL) from parent", pid);
}

static void exec_self(const char *mode, const char *arg)
{
	char *argv[] = { "procs", (char *)mode, (char *)arg, NULL };

	execve("/proc/self/exe", argv, environ);
	printf("execve failed: %s\n", strerror(errno));
	fflush(stdout);
	_exit(127);
}

static void check_exec(void)
{
	pid_t pid = fork_flushed();

	if (pid == 0)
		exec_self("child-exec", "7");
	wait_and_print("execve /proc/self/exe child-exec 7", pid);

	pid = fork_flushed();
	if (pid == 0) {
		char *argv[] = { "no-such-program-splitvisor", NULL };

		execvp(argv[0], argv);
		printf("execvp of a missing program: errno %s\n",
		       errno == ENOENT ? "ENOENT" : strerror(errno));
		fflush(stdout);
		_exit(0);
	}
	wait_and_print("execvp failure child", pid);

	pid = fork_flushed();
	if (pid == 0) {
		char *argv[] = { "x", NULL };

		execve("/proc/self", argv, environ);
		printf("execve of a directory: errno %s\n",
		       errno == EACCES ? "EACCES" : strerror(errno));
		fflush(stdout);
		_exit(0);
	}
	wait_and_print("execve directory child", pid);
}

static void check_vfork(void)
{
	fflush(stdout);
	pid_t pid = vfork();

	if (pid == 0)
		_exit(9);
	wait_and_print("vfork + _exit(9)", pid);

	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		char *argv[] = { "procs", "child-exec", "4", NULL };

		execve("/proc/self/exe", argv, environ);
		_exit(127);
	}
	wait_and_print("vfork + execve child-exec 4", pid);
}

/* Several children finishing in an order the parent does not control, reaped by wait(). */
static void check_wait_any(void)
{
	int seen[5] = { 0 };
	int ok = 1;

	for (int i = 0; i < 5; i++) {
		pid_t pid = fork_flushed();

		if (pid == 0) {
			usleep((unsigned)(5 - i) * 2000);
			_exit(20 + i);
		}
	}
	for (int i = 0; i < 5; i++) {
		int status;
		pid_t got = wait(&status);

		if (got <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) < 20 ||
		    WEXITSTATUS(status) > 24)
			ok = 0;
		else
			seen[WEXITSTATUS(status) - 20]++;
	}
	printf("wait() reaped 5 children with statuses 20..24 once each: %s\n",
	       yes_no(ok && seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1 &&
		      seen[4] == 1));
	errno = 0;
	int rc = (int)wait(NULL);

	printf("wait() with no children: %d, errno ECHILD %s\n", rc, yes_no(errno == ECHILD));
	errno = 0;
	rc = (int)waitpid(-1, NULL, WNOHANG);
	printf("waitpid(-1, WNOHANG) with no children: %d, errno ECHILD %s\n", rc,
	       yes_no(errno == ECHILD));
}

static void check_identity(void)
{
	pid_t parent = getpid();
	int fds[2];

	if (pipe(fds) != 0) {
		printf("pipe failed\n");
		return;
	}
	pid_t pid = fork_flushed();

	if (pid == 0) {
		char c;

		close(fds[1]);
		/* Blocks until the parent closes the write end, so WNOHANG sees it running. */
		if (read(fds[0], &c, 1) != 0)
			_exit(2);
		_exit(getppid() == parent && getpid() != parent ? 0 : 1);
	}
	close(fds[0]);
	int status;

	printf("fork returned a pid other than ours: %s\n", yes_no(pid > 0 && pid != parent));
	printf("WNOHANG on a running child returns 0: %s\n",
	       yes_no(waitpid(pid, &status, WNOHANG) == 0));
	close(fds[1]);
	wait_and_print("child checking getppid() == parent's getpid() (0 = yes)", pid);
}

static void check_posix_spawn(void)
{
	char *argv[] = { "procs", "child-exec", "5", NULL };
	pid_t pid;

	fflush(stdout);
	int rc = posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ);

	/* Printed after the wait: the child writes to the same stdout. */
	if (rc == 0)
		wait_and_print("posix_spawn child-exec 5", pid);
	printf("posix_spawn returned %d\n", rc);
	char *missing[] = { "no-such-program-splitvisor", NULL };

	rc = posix_spawnp(&pid, missing[0], NULL, NULL, missing, environ);
	if (rc == 0) {
		/* Some libcs report the exec failure only through the child's exit status. */
		int status;

		waitpid(pid, &status, 0);
		printf("posix_spawnp missing: reported through status 127: %s\n",
		       yes_no(WIFEXITED(status) && WEXITSTATUS(status) == 127));
	} else {
		printf("posix_spawnp missing: returned %s\n",
		       rc == ENOENT ? "ENOENT" : strerror(rc));
	}
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child-exec") == 0) {
		printf("child-exec running: argc %d, argv[0] %s, exiting with %s\n", argc, argv[0],
		       argv[2]);
		return atoi(argv[2]);
	}
	check_exit_statuses();
	check_exit_paths();
	check_signal_deaths();
	check_exec();
	check_vfork();
	check_wait_any();
	check_identity();
	check_posix_spawn();
	printf("done\n");
	return 0;
}

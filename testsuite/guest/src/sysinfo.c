/*
 * sysinfo.c - the system-information calls a program makes at startup or for diagnostics:
 * uname, getrandom, resource limits (getrlimit, setrlimit, prlimit), sysinfo, umask, CPU
 * affinity, isatty, user and group ids, process and thread ids, prctl names, sysconf and the
 * auxiliary vector.
 *
 * The guest reports itself as Linux on x86_64, so those two uname fields are printed; the
 * others (host name, release, version) vary and are only checked to be non-empty. Limits,
 * memory sizes, CPU counts and ids vary between machines, so only their consistency is
 * printed, except the user and group ids: the native recording and the guest both run as
 * root, and a guest that claimed another identity would behave differently for files.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT, prlimit, gettid */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static void check_uname(void)
{
	struct utsname u;
	int rc = uname(&u);

	printf("uname: %d, sysname %s, machine %s\n", rc, u.sysname, u.machine);
	printf("uname: nodename, release and version non-empty %s\n",
	       yes_no(u.nodename[0] && u.release[0] && u.version[0]));
}

static void check_getrandom(void)
{
	unsigned char a[32], b[32];
	ssize_t na = getrandom(a, sizeof(a), 0);
	ssize_t nb = getrandom(b, sizeof(b), GRND_NONBLOCK);
	int nonzero = 0;

	for (size_t i = 0; i < sizeof(a); i++)
		nonzero |= a[i];
	printf("getrandom: %zd and %zd bytes, not all zero %s, two draws differ %s\n", na, nb,
	       yes_no(nonzero != 0), yes_no(memcmp(a, b, sizeof(a)) != 0));
	errno = 0;
	ssize_t bad = getrandom(a, sizeof(a), 0x1000);

	printf("getrandom with an unknown flag: %zd errno EINVAL %s\n", bad,
	       yes_no(errno == EINVAL));
}

static void check_limits(void)
{
	static const struct {
		int resource;
		const char *name;
	} kLimits[] = {
		{ RLIMIT_STACK, "RLIMIT_STACK" },
		{ RLIMIT_NOFILE, "RLIMIT_NOFILE" },
		{ RLIMIT_AS, "RLIMIT_AS" },
		{ RLIMIT_CORE, "RLIMIT_CORE" },
	};
	struct rlimit rl, pl;

	for (size_t i = 0; i < sizeof(kLimits) / sizeof(kLimits[0]); i++) {
		int rc = getrlimit(kLimits[i].resource, &rl);
		int prc = prlimit(0, kLimits[i].resource, NULL, &pl);

		printf("%s: getrlimit %d, prlimit %d, same values %s, soft <= hard %s\n",
		       kLimits[i].name, rc, prc,
		       yes_no(rl.rlim_cur == pl.rlim_cur && rl.rlim_max == pl.rlim_max),
		       yes_no(rl.rlim_max == RLIM_INFINITY || rl.rlim_cur <= rl.rlim_max));
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	struct rlimit lowered = { 64, rl.rlim_max };
	int rc = setrlimit(RLIMIT_NOFILE, &lowered);
	struct rlimit now;

	getrlimit(RLIMIT_NOFILE, &now);
	printf("setrlimit RLIMIT_NOFILE soft 64: %d, read back %llu\n", rc,
	       (unsigned long long)now.rlim_cur);
	int fd = fcntl(0, F_DUPFD, 64);

	printf("F_DUPFD at the limit: %d errno EINVAL %s\n", fd < 0 ? -1 : fd,
	       yes_no(fd < 0 && errno == EINVAL));
	setrlimit(RLIMIT_NOFILE, &rl);
}

static void check_sysinfo(void)
{
	struct sysinfo si;
	int rc = sysinfo(&si);

	printf("sysinfo: %d, totalram > 0 %s, freeram <= totalram %s, mem_unit >= 1 %s, "
	       "procs >= 1 %s\n",
	       rc, yes_no(si.totalram > 0), yes_no(si.freeram <= si.totalram),
	       yes_no(si.mem_unit >= 1), yes_no(si.procs >= 1));
}

static void check_umask_and_tty(void)
{
	umask(027);
	mode_t old = umask(022);

	printf("umask: set 027, then setting 022 returned %03o\n", (unsigned)old);
	printf("isatty(0): %d, isatty(1): %d\n", isatty(0), isatty(1));
	int fds[2];

	if (pipe(fds) == 0) {
		errno = 0;
		int t = isatty(fds[0]);

		printf("isatty on a pipe: %d errno ENOTTY %s\n", t, yes_no(errno == ENOTTY));
		close(fds[0]);
		close(fds[1]);
	}
	errno = 0;
	int t = isatty(99);

	printf("isatty on a closed descriptor: %d errno EBADF %s\n", t, yes_no(errno == EBADF));
}

static void check_new_session(void)
{
	pid_t child = fork();

	if (child == 0) {
		pid_t self = getpid();
		pid_t sid = setsid();

		_exit(sid == self && getsid(0) == self && getpgrp() == self ? 0 : 1);
	}
	int status = -1;

	waitpid(child, &status, 0);
	printf("setsid in a child: session and group ids equal its pid %s\n",
	       yes_no(WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

static void check_ids(void)
{
	cpu_set_t set;
	char name[17] = "";

	CPU_ZERO(&set);
	int rc = sched_getaffinity(0, sizeof(set), &set);

	printf("sched_getaffinity: %d, at least one CPU %s\n", rc, yes_no(CPU_COUNT(&set) >= 1));
	printf("uid %d euid %d gid %d egid %d\n", (int)getuid(), (int)geteuid(), (int)getgid(),
	       (int)getegid());
	printf("pid > 0 %s, ppid >= 0 %s, main thread tid == pid %s\n", yes_no(getpid() > 0),
	       yes_no(getppid() >= 0), yes_no(syscall(SYS_gettid) == getpid()));
	/* Inherited ids may be 0 when the session leader lives outside the pid namespace (as in
	 * some CI sandboxes), so only a new session's ids are compared exactly. */
	printf("process group and session ids non-negative: %s\n",
	       yes_no(getpgrp() >= 0 && getsid(0) >= 0));
	check_new_session();
	prctl(PR_SET_NAME, "sv-sysinfo", 0, 0, 0);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	printf("prctl PR_SET_NAME then PR_GET_NAME: %s\n", name);
	gethostname(name, sizeof(name));
	printf("gethostname returns a name: %s\n", yes_no(name[0] != 0));
}

static void check_sysconf_auxv(void)
{
	printf("sysconf: page size %ld, online CPUs >= 1 %s, clock ticks %ld, OPEN_MAX > 0 %s\n",
	       sysconf(_SC_PAGESIZE), yes_no(sysconf(_SC_NPROCESSORS_ONLN) >= 1),
	       sysconf(_SC_CLK_TCK), yes_no(sysconf(_SC_OPEN_MAX) > 0));
	printf("auxv: AT_PAGESZ %lu, AT_SECURE %lu, AT_RANDOM present %s, AT_UID %lu, "
	       "AT_PHDR present %s\n",
	       getauxval(AT_PAGESZ), getauxval(AT_SECURE), yes_no(getauxval(AT_RANDOM) != 0),
	       getauxval(AT_UID), yes_no(getauxval(AT_PHDR) != 0));
}

int main(void)
{
	check_uname();
	check_getrandom();
	check_limits();
	check_sysinfo();
	check_umask_and_tty();
	check_ids();
	check_sysconf_auxv();
	return 0;
}

/*
 * signals.c - signal delivery: handlers with siginfo, SA_RESTART against EINTR, masks and
 * pending sets, sigsuspend, SIGCHLD, synchronous faults caught and left with siglongjmp,
 * the alternate signal stack, fork and exec inheritance, nesting, queued signals, timers.
 *
 * Handlers only record what happened in static arrays; main prints the records afterwards,
 * so output order never depends on when a signal arrived. Where a signal must hit a blocking
 * system call, the sender repeats it until the receiver confirms, so the result does not
 * depend on scheduling either. si_code is printed for faults (the kernel fills it from the
 * exception) but for kill/raise only its class, since libcs differ (SI_USER or SI_TKILL).
 * Pids are never printed. The program re-executes itself through /proc/self/exe with the
 * mode argument "exec-check" to look at what survives execve.
 */
#define _GNU_SOURCE /* sigqueue, sigtimedwait, SA_* constants */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t hits;
static volatile int last_signo, last_code, last_value, last_from_self;
static sigjmp_buf jump_back;
static volatile uintptr_t fault_addr;
static int *volatile null_pointer;
static char trace[64];
static volatile int trace_len;

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static pid_t fork_flushed(void)
{
	fflush(stdout);
	return fork();
}

static void note(char c)
{
	if (trace_len < (int)sizeof(trace) - 1)
		trace[trace_len++] = c;
	trace[trace_len] = 0;
}

static void reset_records(void)
{
	hits = 0;
	last_signo = last_code = last_value = last_from_self = 0;
	trace_len = 0;
	trace[0] = 0;
}

static void info_handler(int signo, siginfo_t *info, void *context)
{
	(void)context;
	hits++;
	last_signo = info->si_signo;
	last_code = info->si_code;
	last_value = info->si_code == SI_QUEUE ? info->si_value.sival_int : 0;
	last_from_self = info->si_pid == getpid() && info->si_uid == getuid();
	(void)signo;
}

static void install(int signo, void (*handler)(int, siginfo_t *, void *), int flags,
		    const sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | flags;
	if (mask != NULL)
		sa.sa_mask = *mask;
	else
		sigemptyset(&sa.sa_mask);
	sigaction(signo, &sa, NULL);
}

static void restore_default(int signo)
{
	signal(signo, SIG_DFL);
}

static void check_siginfo(void)
{
	install(SIGUSR1, info_handler, 0, NULL);
	reset_records();
	raise(SIGUSR1);
	printf("raise(SIGUSR1): hits %d, si_signo %d, user-sent code %s, from self %s\n", hits,
	       last_signo, yes_no(last_code == SI_USER || last_code == SI_TKILL),
	       yes_no(last_from_self));
	reset_records();
	kill(getpid(), SIGUSR1);
	printf("kill(self, SIGUSR1): hits %d, si_signo %d, user-sent code %s, from self %s\n",
	       hits, last_signo, yes_no(last_code == SI_USER || last_code == SI_TKILL),
	       yes_no(last_from_self));
	reset_records();
	union sigval v = { .sival_int = 4242 };

	sigqueue(getpid(), SIGUSR1, v);
	printf("sigqueue(SIGUSR1, 4242): hits %d, SI_QUEUE %s, value %d\n", hits,
	       yes_no(last_code == SI_QUEUE), last_value);
	printf("kill(self, 0) probes: %d\n", kill(getpid(), 0));
	restore_default(SIGUSR1);
}

/*
 * The child keeps signalling until the parent tells it through a back pipe that its read
 * returned, so at least one signal lands while the read is blocked, whatever the timing.
 */
static void interrupt_read(int restart)
{
	int data[2], back[2];
	char c = 0;

	if (pipe(data) != 0 || pipe(back) != 0)
		return;
	install(SIGUSR1, info_handler, restart ? SA_RESTART : 0, NULL);
	reset_records();
	pid_t pid = fork_flushed();

	if (pid == 0) {
		struct pollfd p = { .fd = back[0], .events = POLLIN };

		for (int i = 0; i < 3 || (!restart && i < 2000); i++) {
			kill(getppid(), SIGUSR1);
			if (poll(&p, 1, 3) > 0)
				_exit(0);
		}
		/* With SA_RESTART the read only returns once data arrives. */
		if (write(data[1], "r", 1) != 1)
			_exit(1);
		_exit(0);
	}
	errno = 0;
	ssize_t n = read(data[0], &c, 1);
	int err = errno;

	if (write(back[1], "b", 1) != 1)
		printf("back write failed\n");
	waitpid(pid, NULL, 0);
	if (restart)
		printf("read with SA_RESTART: %zd '%c', handler ran %s\n", n, c, yes_no(hits > 0));
	else
		printf("read without SA_RESTART: %zd errno %s, handler ran %s\n", n,
		       err == EINTR ? "EINTR" : strerror(err), yes_no(hits > 0));
	close(data[0]);
	close(data[1]);
	close(back[0]);
	close(back[1]);
	restore_default(SIGUSR1);
}

static int is_pending(int signo)
{
	sigset_t pending;

	sigpending(&pending);
	return sigismember(&pending, signo);
}

static void check_mask_and_pending(void)
{
	sigset_t block, old;

	install(SIGUSR2, info_handler, 0, NULL);
	reset_records();
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR2);
	raise(SIGUSR2);
	printf("blocked SIGUSR2 raised twice: hits %d, pending %s\n", hits,
	       yes_no(is_pending(SIGUSR2)));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("after unblock: hits %d (standard signals do not queue), pending %s\n", hits,
	       yes_no(is_pending(SIGUSR2)));

	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR2);
	signal(SIGUSR2, SIG_IGN);
	printf("setting SIG_IGN discards the pending signal: %s\n", yes_no(!is_pending(SIGUSR2)));
	sigprocmask(SIG_SETMASK, &old, NULL);

	sigset_t cant;

	sigemptyset(&cant);
	sigaddset(&cant, SIGKILL);
	sigaddset(&cant, SIGSTOP);
	sigprocmask(SIG_BLOCK, &cant, NULL);
	sigprocmask(SIG_BLOCK, NULL, &cant);
	printf("SIGKILL and SIGSTOP cannot be blocked: %s\n",
	       yes_no(!sigismember(&cant, SIGKILL) && !sigismember(&cant, SIGSTOP)));
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = 0;
	int rc = sigaction(SIGKILL, &(struct sigaction){ .sa_handler = SIG_IGN }, NULL);

	printf("sigaction(SIGKILL): %d errno EINVAL %s\n", rc, yes_no(errno == EINVAL));
	restore_default(SIGUSR2);
}

static void check_realtime_queue(void)
{
	sigset_t block, old;
	int values[4] = { 0 };

	install(SIGRTMIN, info_handler, 0, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (int i = 1; i <= 3; i++)
		sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i * 11 });
	reset_records();
	/* Take them one at a time with sigtimedwait, which keeps their order visible. */
	for (int i = 0; i < 3; i++) {
		siginfo_t info;
		struct timespec zero = { 0, 0 };

		if (sigtimedwait(&block, &info, &zero) == SIGRTMIN)
			values[i] = info.si_value.sival_int;
	}
	struct timespec zero = { 0, 0 };

	errno = 0;
	int rc = sigtimedwait(&block, NULL, &zero);

	printf("realtime signal queued 3 times: values in order %d %d %d, handler hits %d\n",
	       values[0], values[1], values[2], hits);
	printf("sigtimedwait with nothing pending: %d errno EAGAIN %s\n", rc,
	       yes_no(errno == EAGAIN));
	for (int i = 1; i <= 2; i++)
		sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i });
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("two queued then unblocked: handler hits %d, last value %d\n", hits, last_value);
	restore_default(SIGRTMIN);
}

static void check_sigsuspend(void)
{
	sigset_t block, old, wait_mask;

	install(SIGUSR1, info_handler, 0, NULL);
	reset_records();
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t pid = fork_flushed();

	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	sigemptyset(&wait_mask);
	errno = 0;
	int rc = sigsuspend(&wait_mask);

	printf("sigsuspend: %d errno EINTR %s, hits %d, mask restored %s\n", rc,
	       yes_no(errno == EINTR), hits, yes_no(is_pending(SIGUSR1) == 0));
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("SIGUSR1 still blocked after sigsuspend: %s\n", yes_no(sigismember(&now, SIGUSR1)));
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	restore_default(SIGUSR1);
}

static volatile int child_code, child_status;

static void chld_handler(int signo, siginfo_t *info, void *context)
{
	(void)context;
	hits++;
	last_signo = signo;
	child_code = info->si_code;
	child_status = info->si_status;
}

static void check_sigchld(void)
{
	sigset_t block, old, none;

	install(SIGCHLD, chld_handler, 0, NULL);
	reset_records();
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t pid = fork_flushed();

	if (pid == 0)
		_exit(3);
	sigemptyset(&none);
	while (hits == 0)
		sigsuspend(&none);
	int status;

	waitpid(pid, &status, 0);
	printf("SIGCHLD: signo %d, CLD_EXITED %s, si_status %d, wait status %d\n", last_signo,
	       yes_no(child_code == CLD_EXITED), child_status, WEXITSTATUS(status));
	sigprocmask(SIG_SETMASK, &old, NULL);
	restore_default(SIGCHLD);
}

static void fault_handler(int signo, siginfo_t *info, void *context)
{
	(void)context;
	last_signo = signo;
	last_code = info->si_code;
	fault_addr = (uintptr_t)info->si_addr;
	siglongjmp(jump_back, 1);
}

/* Runs one faulting action under a handler and prints what the handler saw. */
static void catch_fault(const char *what, int signo, void (*action)(void))
{
	install(signo, fault_handler, 0, NULL);
	reset_records();
	fault_addr = 1;
	if (sigsetjmp(jump_back, 1) == 0) {
		action();
		printf("%s: no signal\n", what);
	} else {
		printf("%s: caught signal %d, si_code %d, si_addr null %s\n", what, last_signo,
		       last_code, yes_no(fault_addr == 0));
	}
	restore_default(signo);
}

static void write_null(void)
{
	*null_pointer = 1;
}

static void divide_by_zero(void)
{
	/* Both operands volatile: with a constant dividend gcc replaces the idiv by a compare. */
	volatile int dividend = 1000, zero = 0, result;

	result = dividend / zero;
	(void)result;
}

static void execute_ud2(void)
{
	__asm__ volatile("ud2");
}

static void check_faults(void)
{
	catch_fault("SIGSEGV from a NULL write (SEGV_MAPERR=1)", SIGSEGV, write_null);
	catch_fault("SIGFPE from integer divide by zero (FPE_INTDIV=1)", SIGFPE, divide_by_zero);
	catch_fault("SIGILL from ud2 (ILL_ILLOPN=2)", SIGILL, execute_ud2);
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("siglongjmp restored the mask (SIGSEGV unblocked): %s\n",
	       yes_no(!sigismember(&now, SIGSEGV)));
}

static char alt_stack[64 * 1024];
static volatile int on_alt_stack, flags_on_stack;

static void alt_handler(int signo, siginfo_t *info, void *context)
{
	char local;
	stack_t now;

	(void)info;
	(void)context;
	on_alt_stack = &local >= alt_stack && &local < alt_stack + sizeof(alt_stack);
	sigaltstack(NULL, &now);
	flags_on_stack = (now.ss_flags & SS_ONSTACK) != 0;
	last_signo = signo;
	siglongjmp(jump_back, 1);
}

static void check_altstack(void)
{
	stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack), .ss_flags = 0 };
	stack_t cur;

	sigaltstack(&ss, NULL);
	install(SIGSEGV, alt_handler, SA_ONSTACK, NULL);
	reset_records();
	if (sigsetjmp(jump_back, 1) == 0)
		write_null();
	sigaltstack(NULL, &cur);
	printf("sigaltstack: signal %d handled on the alternate stack %s, SS_ONSTACK inside %s, "
	       "outside %s\n",
	       last_signo, yes_no(on_alt_stack), yes_no(flags_on_stack),
	       yes_no(cur.ss_flags & SS_ONSTACK));
	restore_default(SIGSEGV);
}

static void check_fork_inheritance(void)
{
	sigset_t block, old;

	install(SIGUSR2, info_handler, 0, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR2);
	pid_t pid = fork_flushed();

	if (pid == 0) {
		sigset_t mask;
		struct sigaction sa;

		sigprocmask(SIG_BLOCK, NULL, &mask);
		sigaction(SIGUSR2, NULL, &sa);
		printf("fork child: mask inherited %s, parent's pending not inherited %s, "
		       "handler inherited %s\n",
		       yes_no(sigismember(&mask, SIGUSR2)), yes_no(!is_pending(SIGUSR2)),
		       yes_no(sa.sa_sigaction == info_handler));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	reset_records();
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("parent's pending SIGUSR2 delivered on unblock: hits %d\n", hits);
	restore_default(SIGUSR2);
}

static const char *disposition(int signo)
{
	struct sigaction sa;

	sigaction(signo, NULL, &sa);
	if (sa.sa_handler == SIG_DFL)
		return "default";
	if (sa.sa_handler == SIG_IGN)
		return "ignored";
	return "handler";
}

static int exec_check(void)
{
	sigset_t mask;
	stack_t ss;

	sigprocmask(SIG_BLOCK, NULL, &mask);
	sigaltstack(NULL, &ss);
	printf("after exec: SIGUSR1 %s, SIGUSR2 %s, SIGHUP blocked %s, SIGHUP pending %s, "
	       "alternate stack disabled %s\n",
	       disposition(SIGUSR1), disposition(SIGUSR2), yes_no(sigismember(&mask, SIGHUP)),
	       yes_no(is_pending(SIGHUP)), yes_no(ss.ss_flags & SS_DISABLE));
	return 0;
}

static void check_exec_inheritance(void)
{
	pid_t pid = fork_flushed();

	if (pid == 0) {
		char *argv[] = { "signals", "exec-check", NULL };
		stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack), .ss_flags = 0 };
		sigset_t block;

		install(SIGUSR1, info_handler, 0, NULL);
		signal(SIGUSR2, SIG_IGN);
		sigaltstack(&ss, NULL);
		sigemptyset(&block);
		sigaddset(&block, SIGHUP);
		sigprocmask(SIG_BLOCK, &block, NULL);
		raise(SIGHUP);
		printf("before exec: SIGUSR1 %s, SIGUSR2 %s\n", disposition(SIGUSR1),
		       disposition(SIGUSR2));
		fflush(stdout);
		execve("/proc/self/exe", argv, environ);
		_exit(127);
	}
	int status;

	waitpid(pid, &status, 0);
	printf("exec-check child exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void nest_outer(int signo)
{
	(void)signo;
	note('A');
	raise(SIGUSR2);
	note('a');
}

static void nest_inner(int signo)
{
	(void)signo;
	note('B');
}

static void install_plain(int signo, void (*handler)(int), int flags, const sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	if (mask != NULL)
		sa.sa_mask = *mask;
	else
		sigemptyset(&sa.sa_mask);
	sigaction(signo, &sa, NULL);
}

static volatile int depth;

static void recursive_handler(int signo)
{
	note((char)('0' + ++depth));
	if (depth < 3)
		raise(signo);
	note('.');
}

static void check_nesting(void)
{
	sigset_t with_usr2;

	install_plain(SIGUSR2, nest_inner, 0, NULL);
	install_plain(SIGUSR1, nest_outer, 0, NULL);
	reset_records();
	raise(SIGUSR1);
	printf("nested, SIGUSR2 not masked: %s\n", trace);
	sigemptyset(&with_usr2);
	sigaddset(&with_usr2, SIGUSR2);
	install_plain(SIGUSR1, nest_outer, 0, &with_usr2);
	reset_records();
	raise(SIGUSR1);
	printf("nested, SIGUSR2 in sa_mask: %s\n", trace);

	install_plain(SIGUSR1, recursive_handler, SA_NODEFER, NULL);
	reset_records();
	depth = 0;
	raise(SIGUSR1);
	printf("raise of the same signal in its handler, SA_NODEFER: %s\n", trace);
	install_plain(SIGUSR1, recursive_handler, 0, NULL);
	reset_records();
	depth = 0;
	raise(SIGUSR1);
	printf("raise of the same signal in its handler, deferred: %s\n", trace);

	install_plain(SIGUSR1, nest_inner, SA_RESETHAND, NULL);
	reset_records();
	raise(SIGUSR1);
	printf("SA_RESETHAND: ran %s, disposition now %s\n", trace, disposition(SIGUSR1));
	restore_default(SIGUSR1);
	restore_default(SIGUSR2);
}

static void check_timer(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 10000 } };
	sigset_t block, old, none;

	install(SIGALRM, info_handler, 0, NULL);
	reset_records();
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	setitimer(ITIMER_REAL, &it, NULL);
	sigemptyset(&none);
	while (hits == 0)
		sigsuspend(&none);
	printf("setitimer 10 ms: SIGALRM %s, si_signo %d\n", yes_no(hits == 1), last_signo);
	sigprocmask(SIG_SETMASK, &old, NULL);
	restore_default(SIGALRM);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "exec-check") == 0)
		return exec_check();
	check_siginfo();
	interrupt_read(0);
	interrupt_read(1);
	check_mask_and_pending();
	check_realtime_queue();
	check_sigsuspend();
	check_sigchld();
	check_faults();
	check_altstack();
	check_fork_inheritance();
	check_exec_inheritance();
	check_nesting();
	check_timer();
	printf("done\n");
	return 0;
}

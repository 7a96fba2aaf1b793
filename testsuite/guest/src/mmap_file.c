/*
 * mmap_file.c - memory mappings of files and anonymous memory: MAP_PRIVATE copy-on-write,
 * MAP_SHARED write-back with msync and munmap, file offsets, the partial page at end of file
 * and SIGBUS beyond it, mprotect faults, partial munmap, mremap growth, MAP_FIXED replacement,
 * and shared versus private anonymous memory across fork.
 *
 * For a split OS the interesting part is that the file's bytes live in the system VM while the
 * pages live in the user VM: a shared mapping must reach the file, a private one must not, and
 * read() after msync must see the mapped writes. Faults are caught with a handler that records
 * si_signo and si_code and siglongjmps back. The work happens in a fresh mkdtemp directory
 * under /tmp that is removed at the end; addresses are never printed.
 */
#define _GNU_SOURCE /* mremap, MREMAP_MAYMOVE */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf jump_back;
static volatile int fault_signo, fault_code;

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static void fault_handler(int signo, siginfo_t *info, void *context)
{
	(void)context;
	fault_signo = signo;
	fault_code = info->si_code;
	siglongjmp(jump_back, 1);
}

static void install_fault_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

/* Touches one byte (a read or a write) and reports the signal it raised, if any. */
static void probe(const char *what, volatile char *p, int write_it)
{
	fault_signo = 0;
	fault_code = 0;
	if (sigsetjmp(jump_back, 1) == 0) {
		if (write_it)
			*p = 'W';
		else
			(void)*p;
		printf("%s: no fault\n", what);
	} else {
		printf("%s: signal %d (%s), si_code %d\n", what, fault_signo,
		       fault_signo == SIGSEGV ? "SIGSEGV" :
		       fault_signo == SIGBUS  ? "SIGBUS" :
						"other",
		       fault_code);
	}
}

static unsigned char file_byte(size_t i)
{
	return (unsigned char)('a' + (i * 7 + i / PAGE) % 26);
}

static int make_file(const char *name, size_t size)
{
	unsigned char *buf = malloc(size);
	int fd = open(name, O_CREAT | O_RDWR | O_TRUNC, 0644);

	for (size_t i = 0; i < size; i++)
		buf[i] = file_byte(i);
	if (write(fd, buf, size) != (ssize_t)size)
		printf("short write to %s\n", name);
	free(buf);
	return fd;
}

static int matches_file(const unsigned char *p, size_t from, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != file_byte(from + i))
			return 0;
	return 1;
}

static void check_private(void)
{
	int fd = make_file("private.bin", 2 * PAGE);
	unsigned char *m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char c = 0;

	printf("MAP_PRIVATE: mapped %s, contents match the file %s\n", yes_no(m != MAP_FAILED),
	       yes_no(m != MAP_FAILED && matches_file(m, 0, 2 * PAGE)));
	m[10] = '#';
	msync(m, 2 * PAGE, MS_SYNC);
	if (pread(fd, &c, 1, 10) != 1)
		printf("pread failed\n");
	printf("MAP_PRIVATE: write visible in the mapping %s, reached the file %s\n",
	       yes_no(m[10] == '#'), yes_no(c == '#'));
	munmap(m, 2 * PAGE);
	close(fd);
	unlink("private.bin");
}

static void check_shared(void)
{
	int fd = make_file("shared.bin", 3 * PAGE);
	unsigned char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char buf[8] = "";

	memcpy(m + 100, "shared!", 7);
	printf("MAP_SHARED: msync %d\n", msync(m, 3 * PAGE, MS_SYNC));
	if (pread(fd, buf, 7, 100) != 7)
		printf("pread failed\n");
	printf("MAP_SHARED: read() after msync sees [%.7s]\n", buf);
	memcpy(m + 2 * PAGE + 1, "unmapped", 8);
	munmap(m, 3 * PAGE);
	lseek(fd, 2 * PAGE + 1, SEEK_SET);
	if (read(fd, buf, 8) != 8)
		printf("read failed\n");
	printf("MAP_SHARED: read() after munmap sees [%.8s]\n", buf);
	if (pwrite(fd, "file->map", 9, PAGE) != 9)
		printf("pwrite failed\n");
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	printf("mapping at offset one page: starts [%.9s], rest matches %s\n", (char *)m,
	       yes_no(matches_file(m + 9, PAGE + 9, PAGE - 9)));
	munmap(m, PAGE);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 100);
	printf("mapping at an unaligned offset: %s errno EINVAL %s\n",
	       m == MAP_FAILED ? "failed" : "succeeded", yes_no(errno == EINVAL));
	close(fd);
	unlink("shared.bin");
}

static void check_end_of_file(void)
{
	int fd = make_file("short.bin", 5000);
	unsigned char *m = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	int zeros = 1;

	for (size_t i = 5000; i < 2 * PAGE; i++)
		zeros &= m[i] == 0;
	printf("file of 5000 bytes: data matches %s, rest of the last page is zero %s\n",
	       yes_no(matches_file(m, 0, 5000)), yes_no(zeros));
	probe("read in the page past the end of file", (volatile char *)m + 2 * PAGE + 10, 0);
	munmap(m, 3 * PAGE);
	close(fd);
	unlink("short.bin");
}

static void check_protection(void)
{
	char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(m, 'p', 3 * PAGE);
	printf("mprotect read-only: %d\n", mprotect(m + PAGE, PAGE, PROT_READ));
	probe("write to the read-only page", m + PAGE + 1, 1);
	probe("write to the next page", m + 2 * PAGE, 1);
	probe("read of the read-only page", m + PAGE + 1, 0);
	printf("the faulting write changed nothing: %s\n", yes_no(m[PAGE + 1] == 'p'));
	mprotect(m + PAGE, PAGE, PROT_NONE);
	probe("read of a PROT_NONE page", m + PAGE, 0);
	mprotect(m + PAGE, PAGE, PROT_READ | PROT_WRITE);
	probe("write after restoring PROT_WRITE", m + PAGE, 1);
	printf("munmap of the middle page: %d\n", munmap(m + PAGE, PAGE));
	probe("read of the unmapped middle page", m + PAGE, 0);
	printf("first and last pages still intact: %s\n",
	       yes_no(m[0] == 'p' && m[2 * PAGE] == 'W' && m[3 * PAGE - 1] == 'p'));
	munmap(m, 3 * PAGE);
	printf("munmap of a length that is not page aligned: %d\n", munmap(m, 10));
	errno = 0;
	int rc = munmap(m + 1, PAGE);

	printf("munmap of an unaligned address: %d errno EINVAL %s\n", rc, yes_no(errno == EINVAL));
}

static void check_mremap(void)
{
	size_t old_size = 4 * PAGE, new_size = 64 * PAGE;
	unsigned char *m = mmap(NULL, old_size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int kept = 1, zeros = 1;

	for (size_t i = 0; i < old_size; i++)
		m[i] = (unsigned char)(i * 31);
	/* Something right after the mapping forces a move on most layouts. */
	void *blocker = mmap(m + old_size, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *g = mremap(m, old_size, new_size, MREMAP_MAYMOVE);

	if (g == MAP_FAILED) {
		printf("mremap failed: %s\n", strerror(errno));
		return;
	}
	for (size_t i = 0; i < old_size; i++)
		kept &= g[i] == (unsigned char)(i * 31);
	for (size_t i = old_size; i < new_size; i++)
		zeros &= g[i] == 0;
	g[new_size - 1] = 1;
	printf("mremap grow 16 KiB -> 256 KiB: contents kept %s, new part zero %s\n", yes_no(kept),
	       yes_no(zeros));
	g = mremap(g, new_size, 2 * PAGE, 0);
	printf("mremap shrink in place: %s, contents kept %s\n", yes_no(g != MAP_FAILED),
	       yes_no(g != MAP_FAILED && g[PAGE + 1] == (unsigned char)((PAGE + 1) * 31)));
	munmap(g, 2 * PAGE);
	if (blocker != MAP_FAILED)
		munmap(blocker, PAGE);
}

static void check_map_fixed(void)
{
	int fd = make_file("fixed.bin", PAGE);
	char *m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(m, 'A', 2 * PAGE);
	char *f = mmap(m + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);

	printf("MAP_FIXED over the second page: at the requested address %s, first page 'A' %s, "
	       "second page is the file %s\n",
	       yes_no(f == m + PAGE), yes_no(m[0] == 'A' && m[PAGE - 1] == 'A'),
	       yes_no(matches_file((unsigned char *)m + PAGE, 0, PAGE)));
	probe("write to the replaced read-only page", m + PAGE, 1);
	munmap(m, 2 * PAGE);
	close(fd);
	unlink("fixed.bin");
}

static void check_fork_sharing(void)
{
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	*shared = 1;
	*private = 1;
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		*shared = 2;
		*private = 2;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	printf("after the child wrote 2: MAP_SHARED|MAP_ANONYMOUS reads %d, MAP_PRIVATE reads %d\n",
	       *shared, *private);
	munmap(shared, PAGE);
	munmap(private, PAGE);
}

int main(void)
{
	char templ[] = "/tmp/svmmap-XXXXXX";

	if (mkdtemp(templ) == NULL || chdir(templ) != 0) {
		printf("cannot make a test directory\n");
		return 1;
	}
	install_fault_handlers();
	printf("page size %ld\n", sysconf(_SC_PAGESIZE));
	check_private();
	check_shared();
	check_end_of_file();
	check_protection();
	check_mremap();
	check_map_fixed();
	check_fork_sharing();
	printf("cleanup: %s\n", chdir("/") == 0 && rmdir(templ) == 0 ? "ok" : "failed");
	return 0;
}

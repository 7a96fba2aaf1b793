/*
 * bad_pointers.c - system calls handed buffers that are not the caller's memory: NULL, a page
 * just unmapped, a read-only page as a destination, kernel-half and non-canonical addresses,
 * the top page of the address space, a buffer that runs off the end of its mapping, and
 * counts whose end wraps past 2^64. Each call must fail with EFAULT (or, for a buffer that is
 * valid only in part, at least not complete), change nothing the program can see, and leave
 * the program running.
 *
 * In a split OS the I/O calls carry their buffers to the system VM as grants, so this is the
 * differential test of the grant checks: the system VM must refuse any range outside the
 * calling VM's memory, exactly where Linux's access_ok and copy_to_user do. The raw syscall()
 * is used so that no libc wrapper looks at the pointers first. The scratch file lives in a
 * mkdtemp directory under /tmp whose name is never printed, and is removed at the end.
 */
#define _GNU_SOURCE /* syscall, SYS_* */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096
#define CONTENT "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\n"

static const char *errno_name(int e)
{
	switch (e) {
	case EFAULT: return "EFAULT";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ERANGE: return "ERANGE";
	default: {
		static char other[32];
		snprintf(other, sizeof other, "errno %d", e);
		return other;
	}
	}
}

/* Prints a call's result: the value, or -1 and its errno by name. */
static void show(const char *what, long rc)
{
	if (rc < 0)
		printf("%-34s -1 %s\n", what, errno_name(errno));
	else
		printf("%-34s %ld\n", what, rc);
}

static char *map(size_t len, int prot)
{
	char *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

int main(void)
{
	char dir[] = "/tmp/bad_pointers.XXXXXX";
	char path[64], link[64];
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(path, sizeof path, "%s/file", dir);
	snprintf(link, sizeof link, "%s/link", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, CONTENT, strlen(CONTENT)) != (ssize_t)strlen(CONTENT)) {
		perror("scratch file");
		return 2;
	}
	if (symlink("file", link) != 0) {
		perror("symlink");
		return 2;
	}

	char *readonly = map(PAGE, PROT_READ);
	char *good = map(PAGE, PROT_READ | PROT_WRITE);
	char *edge = map(2 * PAGE, PROT_READ | PROT_WRITE);
	char *gone = map(PAGE, PROT_READ | PROT_WRITE);
	/* Unmapped last, after stdio has its buffer, so that no later mapping fills the holes. */
	printf("bad pointers\n");
	munmap(edge + PAGE, PAGE);
	munmap(gone, PAGE);
	struct {
		const char *name;
		void *p;
	} bad[] = {
		{"NULL", NULL},
		{"unmapped page", gone},
		{"kernel half", (void *)0xffff800000000000UL},
		{"top page", (void *)0xfffffffffffff000UL},
		{"non-canonical", (void *)0x0000800000000000UL},
		{"last byte before 2^47", (void *)0x00007fffffffffffUL},
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		printf("-- %s\n", bad[i].name);
		show("read into it", syscall(SYS_pread64, fd, bad[i].p, 16, 0));
		show("write from it", syscall(SYS_pwrite64, fd, bad[i].p, 16, 0));
		show("fstat into it", syscall(SYS_fstat, fd, bad[i].p));
		show("stat into it", syscall(SYS_stat, path, bad[i].p));
		show("open it as a path", syscall(SYS_open, bad[i].p, O_RDONLY));
		show("readlink into it", syscall(SYS_readlink, link, bad[i].p, 16));
		show("getcwd into it", syscall(SYS_getcwd, bad[i].p, 64));
		show("pipe into it", syscall(SYS_pipe, bad[i].p));
	}

	printf("-- read-only page\n");
	show("read into it", syscall(SYS_pread64, fd, readonly, 16, 0));
	printf("-- buffer running off its mapping\n");
	long r = syscall(SYS_pread64, fd, edge + PAGE - 8, 16, 0);
	printf("read of 16 completes:              %s\n", r == 16 ? "yes" : "no");
	/* Linux may write the readable half; it holds what the file already has there. */
	memcpy(edge + PAGE - 8, CONTENT, 8);
	r = syscall(SYS_pwrite64, fd, edge + PAGE - 8, 16, 0);
	printf("write of 16 completes:             %s\n", r == 16 ? "yes" : "no");
	printf("-- counts whose end wraps\n");
	show("read SIZE_MAX", syscall(SYS_pread64, fd, good, SIZE_MAX, 0));
	show("read -4096", syscall(SYS_pread64, fd, good, (size_t)-4096, 0));
	show("write SIZE_MAX", syscall(SYS_pwrite64, fd, good, SIZE_MAX, 0));

	printf("-- afterwards\n");
	char back[sizeof CONTENT];
	memset(back, 0, sizeof back);
	ssize_t n = pread(fd, back, strlen(CONTENT), 0);
	printf("file unchanged:                    %s\n",
	       n == (ssize_t)strlen(CONTENT) && memcmp(back, CONTENT, n) == 0 ? "yes" : "no");
	printf("file size:                         %ld\n", (long)lseek(fd, 0, SEEK_END));
	int zero = 1;
	for (int k = 0; k < PAGE; k++)
		zero &= readonly[k] == 0 && good[k] == 0;
	printf("read-only and spare pages zero:    %s\n", zero ? "yes" : "no");
	close(fd);
	unlink(link);
	unlink(path);
	rmdir(dir);
	printf("done\n");
	return 0;
}

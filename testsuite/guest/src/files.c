/*
 * files.c - files and directories: open flags, read/write/seek, positional I/O, truncation,
 * stat, rename, hard and symbolic links, directories and their listing, the working
 * directory, *at() calls relative to a directory descriptor, access, fsync, timestamps,
 * stdio on files, the errno of failing calls, and /dev/null and /dev/zero.
 *
 * In a split OS all of this is served by the system VM, so this program is the differential
 * test of that file service. Everything happens in a fresh directory made with mkdtemp under
 * /tmp, whose name is never printed, and everything is removed at the end. Only values that
 * do not depend on the host file system are printed: sizes, types, modes, link counts of
 * regular files, names (sorted), contents, and a timestamp the program set itself; never
 * inode numbers, block counts, directory link counts or the current time.
 */
#define _GNU_SOURCE /* O_DIRECTORY with openat, AT_* constants */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static char base[256];

static const char *yes_no(int condition)
{
	return condition ? "yes" : "no";
}

static const char *errno_name(int e)
{
	static const struct {
		int value;
		const char *name;
	} kNames[] = {
		{ 0, "0" },	       { ENOENT, "ENOENT" }, { ENOTDIR, "ENOTDIR" },
		{ EISDIR, "EISDIR" }, { EBADF, "EBADF" },   { EEXIST, "EEXIST" },
		{ ENOTEMPTY, "ENOTEMPTY" }, { EINVAL, "EINVAL" }, { EACCES, "EACCES" },
		{ ELOOP, "ELOOP" },   { EXDEV, "EXDEV" },   { ESPIPE, "ESPIPE" },
	};

	for (size_t i = 0; i < sizeof(kNames) / sizeof(kNames[0]); i++)
		if (kNames[i].value == e)
			return kNames[i].name;
	return strerror(e);
}

/* Prints the result of a call expected to fail, with its errno by name. */
static void expect_fail(const char *what, long rc)
{
	printf("%s: %ld errno %s\n", what, rc, rc < 0 ? errno_name(errno) : "(none)");
}

static const char *type_name(mode_t mode)
{
	if (S_ISREG(mode))
		return "regular";
	if (S_ISDIR(mode))
		return "directory";
	if (S_ISLNK(mode))
		return "symlink";
	if (S_ISCHR(mode))
		return "char device";
	if (S_ISFIFO(mode))
		return "fifo";
	return "other";
}

static void print_stat(const char *what, int rc, const struct stat *st)
{
	if (rc != 0) {
		printf("%s: stat failed, errno %s\n", what, errno_name(errno));
		return;
	}
	printf("%s: %s, mode %04o", what, type_name(st->st_mode), (unsigned)(st->st_mode & 07777));
	/* A directory's size and link count depend on the host file system. */
	if (!S_ISDIR(st->st_mode))
		printf(", size %lld, nlink %lu", (long long)st->st_size,
		       (unsigned long)st->st_nlink);
	printf("\n");
}

static void show_as(const char *label, const char *path)
{
	struct stat st;
	int rc = stat(path, &st);

	print_stat(label, rc, &st);
}

static void show(const char *path)
{
	show_as(path, path);
}

static void read_back(const char *what, int fd, off_t off, size_t len)
{
	char buf[128] = "";
	ssize_t n = pread(fd, buf, len < sizeof(buf) ? len : sizeof(buf) - 1, off);

	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == 0)
			buf[i] = '0'; /* holes read as NUL bytes; show them */
	printf("%s: %zd bytes [%.*s]\n", what, n, (int)(n > 0 ? n : 0), buf);
}

static void check_basic_io(void)
{
	int fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
	char buf[64] = "";

	printf("write: %zd\n", write(fd, "hello, file service\n", 20));
	printf("lseek SEEK_CUR: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
	printf("lseek SEEK_SET 7: %lld\n", (long long)lseek(fd, 7, SEEK_SET));
	ssize_t n = read(fd, buf, 4);

	printf("read 4: %zd [%.4s], offset now %lld\n", n, buf, (long long)lseek(fd, 0, SEEK_CUR));
	n = pwrite(fd, "HELLO", 5, 0);
	printf("pwrite at 0: %zd, offset unchanged %s\n", n, yes_no(lseek(fd, 0, SEEK_CUR) == 11));
	read_back("pread 0..20", fd, 0, 20);
	printf("lseek SEEK_END +10: %lld\n", (long long)lseek(fd, 10, SEEK_END));
	printf("write after the hole: %zd\n", write(fd, "tail", 4));
	read_back("pread of hole and tail", fd, 18, 20);
	printf("read at EOF: %zd\n", read(fd, buf, sizeof(buf)));
	expect_fail("lseek to a negative offset", lseek(fd, -100, SEEK_SET));
	printf("ftruncate to 5: %d\n", ftruncate(fd, 5));
	show("data.txt");
	printf("ftruncate to 12: %d\n", ftruncate(fd, 12));
	read_back("after growing", fd, 0, 20);
	printf("fsync: %d, fdatasync: %d\n", fsync(fd), fdatasync(fd));
	close(fd);
	expect_fail("read on a closed descriptor", read(fd, buf, 1));
}

static void check_open_flags(void)
{
	int fd = creat("append.txt", 0600);

	printf("creat then write: %zd\n", write(fd, "one\n", 4));
	close(fd);
	fd = open("append.txt", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	ssize_t n = write(fd, "two\n", 4);

	printf("O_APPEND write after seeking to 0: %zd, offset %lld\n", n,
	       (long long)lseek(fd, 0, SEEK_CUR));
	close(fd);
	fd = open("append.txt", O_RDONLY);
	read_back("append.txt", fd, 0, 64);
	close(fd);
	show("append.txt");
	expect_fail("open O_CREAT|O_EXCL on an existing file",
		    open("append.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
	fd = open("append.txt", O_WRONLY | O_TRUNC);
	close(fd);
	show_as("append.txt after O_TRUNC", "append.txt");
	expect_fail("open a missing file", open("missing.txt", O_RDONLY));
	expect_fail("open a path through a regular file", open("append.txt/x", O_RDONLY));
	expect_fail("open a directory for writing", open(".", O_WRONLY));
	expect_fail("write on a read-only descriptor", write(fd = open("append.txt", O_RDONLY),
							       "x", 1));
	close(fd);
	expect_fail("open O_DIRECTORY on a file", open("append.txt", O_RDONLY | O_DIRECTORY));
}

static void check_links(void)
{
	char target[64] = "";
	struct stat st;

	printf("link: %d\n", link("data.txt", "hard.txt"));
	show("data.txt");
	printf("symlink: %d\n", symlink("data.txt", "soft.txt"));
	ssize_t n = readlink("soft.txt", target, sizeof(target));

	printf("readlink: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), target);
	int rc = lstat("soft.txt", &st);

	print_stat("lstat soft.txt", rc, &st);
	show("soft.txt");
	expect_fail("readlink of a regular file", readlink("data.txt", target, sizeof(target)));
	printf("symlink to a missing target: %d\n", symlink("nowhere", "dangling"));
	expect_fail("stat through a dangling symlink", stat("dangling", &st));
	printf("unlink hard.txt: %d\n", unlink("hard.txt"));
	show("data.txt");
	printf("rename data.txt -> renamed.txt: %d\n", rename("data.txt", "renamed.txt"));
	expect_fail("stat the old name", stat("data.txt", &st));
	printf("rename over an existing file: %d\n", rename("append.txt", "renamed.txt"));
	show("renamed.txt");
	expect_fail("unlink a missing file", unlink("append.txt"));
	printf("soft.txt now dangles: %s\n", yes_no(stat("soft.txt", &st) != 0));
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path)
{
	char *names[64];
	int count = 0;
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL) {
		printf("opendir %s failed: %s\n", path, errno_name(errno));
		return;
	}
	while ((e = readdir(d)) != NULL && count < 64)
		names[count++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)count, sizeof(names[0]), compare_names);
	printf("listing of %s (%d entries):", path, count);
	for (int i = 0; i < count; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void print_cwd(void)
{
	char cwd[512];

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		printf("getcwd failed\n");
		return;
	}
	printf("cwd relative to the test directory: [%s]\n",
	       strncmp(cwd, base, strlen(base)) == 0 ? cwd + strlen(base) : "(outside)");
}

static void check_directories(void)
{
	printf("mkdir sub: %d\n", mkdir("sub", 0755));
	expect_fail("mkdir sub again", mkdir("sub", 0755));
	printf("mkdir sub/inner: %d\n", mkdir("sub/inner", 0700));
	int fd = open("sub/inner/file", O_CREAT | O_WRONLY, 0640);

	printf("write sub/inner/file: %zd\n", write(fd, "nested", 6));
	close(fd);
	show("sub");
	show("sub/inner/file");
	expect_fail("rmdir a non-empty directory", rmdir("sub"));
	expect_fail("unlink a directory", unlink("sub"));
	expect_fail("rmdir a file", rmdir("renamed.txt"));
	expect_fail("rename a directory into itself", rename("sub", "sub/inner/x"));
	list_dir(".");
	list_dir("sub");
	printf("chdir sub/inner: %d\n", chdir("sub/inner"));
	print_cwd();
	printf("chdir ..: %d\n", chdir(".."));
	print_cwd();
	expect_fail("chdir into a file", chdir("inner/file"));
	printf("chdir back: %d\n", chdir(base));
	print_cwd();
}

static void check_at_calls(void)
{
	struct stat st;
	int dfd = open("sub", O_RDONLY | O_DIRECTORY);
	int fd = openat(dfd, "at-file", O_CREAT | O_RDWR, 0600);

	printf("openat created a file: %s\n", yes_no(fd >= 0));
	printf("write through it: %zd\n", write(fd, "at!", 3));
	close(fd);
	int rc = fstatat(dfd, "at-file", &st, 0);

	print_stat("fstatat sub/at-file", rc, &st);
	printf("symlinkat: %d\n", symlinkat("at-file", dfd, "at-link"));
	rc = fstatat(dfd, "at-link", &st, AT_SYMLINK_NOFOLLOW);
	print_stat("fstatat AT_SYMLINK_NOFOLLOW", rc, &st);
	rc = fstatat(dfd, "at-link", &st, 0);
	print_stat("fstatat following the link", rc, &st);
	printf("mkdirat: %d\n", mkdirat(dfd, "at-dir", 0755));
	printf("renameat: %d\n", renameat(dfd, "at-file", dfd, "at-file2"));
	list_dir("sub");
	expect_fail("unlinkat of a directory without AT_REMOVEDIR", unlinkat(dfd, "at-dir", 0));
	printf("unlinkat AT_REMOVEDIR: %d\n", unlinkat(dfd, "at-dir", AT_REMOVEDIR));
	printf("unlinkat files: %d %d\n", unlinkat(dfd, "at-file2", 0),
	       unlinkat(dfd, "at-link", 0));
	expect_fail("openat on a file descriptor that is not a directory",
		    openat(fd = open("renamed.txt", O_RDONLY), "x", O_RDONLY));
	close(fd);
	close(dfd);
	expect_fail("fstat on a closed descriptor", fstat(dfd, &st));
}

static void check_access_and_times(void)
{
	struct stat st;
	struct timespec times[2] = { { 1000000000, 123456789 }, { 1234567890, 987654321 } };

	chmod("renamed.txt", 0644);
	printf("access renamed.txt: F_OK %d, R_OK %d, W_OK %d\n", access("renamed.txt", F_OK),
	       access("renamed.txt", R_OK), access("renamed.txt", W_OK));
	expect_fail("access X_OK on a 0644 file", access("renamed.txt", X_OK));
	expect_fail("access of a missing file", access("nothing", F_OK));
	printf("chmod 0751: %d\n", chmod("renamed.txt", 0751));
	show("renamed.txt");
	printf("access X_OK after chmod: %d\n", access("renamed.txt", X_OK));
	printf("utimensat: %d\n", utimensat(AT_FDCWD, "renamed.txt", times, 0));
	stat("renamed.txt", &st);
	printf("atime %lld.%09ld, mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
	       st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	printf("umask 022 -> previous 022: %s\n", yes_no(umask(022) == 022));
}

static void check_stdio_files(void)
{
	FILE *f = fopen("stdio.txt", "w+");
	char line[64];

	if (f == NULL) {
		printf("fopen failed\n");
		return;
	}
	for (int i = 1; i <= 3; i++)
		fprintf(f, "line %d: %d squared is %d\n", i, i, i * i);
	printf("ftell after fprintf: %ld\n", ftell(f));
	printf("fseek to 0: %d\n", fseek(f, 0, SEEK_SET));
	while (fgets(line, sizeof(line), f) != NULL)
		printf("fgets: %s", line);
	fseek(f, -10, SEEK_END);
	printf("ftell after fseek -10 from end: %ld\n", ftell(f));
	printf("fgets there: %s", fgets(line, sizeof(line), f) ? line : "(null)\n");
	fclose(f);
	f = fopen("stdio.txt", "a");
	fputs("appended\n", f);
	fclose(f);
	show("stdio.txt");
	f = fopen("absent.txt", "r");
	printf("fopen of a missing file for reading: %s, errno %s\n",
	       f == NULL ? "NULL" : "non-NULL", errno_name(errno));
	printf("remove: %d\n", remove("stdio.txt"));
}

static void check_devices(void)
{
	char buf[16];
	int fd = open("/dev/null", O_RDWR);

	printf("/dev/null: write %zd, read %zd\n", write(fd, "discard", 7), read(fd, buf, 16));
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 'x', sizeof(buf));
	ssize_t n = read(fd, buf, sizeof(buf));
	int zeros = 0;

	for (int i = 0; i < 16; i++)
		zeros += buf[i] == 0;
	printf("/dev/zero: read %zd, zero bytes %d\n", n, zeros);
	close(fd);
	struct stat st;
	int rc = stat("/dev/null", &st);

	printf("/dev/null is a character device: %s\n",
	       yes_no(rc == 0 && S_ISCHR(st.st_mode)));
	int fds[2];

	if (pipe(fds) == 0) {
		expect_fail("lseek on a pipe", lseek(fds[0], 0, SEEK_CUR));
		close(fds[0]);
		close(fds[1]);
	}
}

static void cleanup(void)
{
	int rc = 0;

	rc |= unlink("sub/inner/file");
	rc |= rmdir("sub/inner");
	rc |= rmdir("sub");
	rc |= unlink("renamed.txt");
	rc |= unlink("soft.txt");
	rc |= unlink("dangling");
	list_dir(".");
	rc |= chdir("/");
	rc |= rmdir(base);
	printf("cleanup: %s\n", rc == 0 ? "ok" : "failed");
}

int main(void)
{
	char templ[] = "/tmp/svfiles-XXXXXX";

	umask(022);
	if (mkdtemp(templ) == NULL || chdir(templ) != 0 || getcwd(base, sizeof(base)) == NULL) {
		printf("cannot make a test directory\n");
		return 1;
	}
	check_basic_io();
	check_open_flags();
	check_links();
	check_directories();
	check_at_calls();
	check_access_and_times();
	check_stdio_files();
	check_devices();
	cleanup();
	return 0;
}

/*
 * proc_self.c - the /proc/self entries programs commonly read: cmdline, comm, environ, status,
 * stat, statm and maps (contents and Linux's formats), the fd/ directory (its listing and the
 * readlink of its entries), exe, the /proc/self link itself, /proc/PID and /proc/thread-self,
 * and how an open /proc file behaves: fstat, lseek, reads in small pieces, dup and fork.
 *
 * Pids, addresses, inode numbers and paths differ between runs and machines, so the program
 * prints booleans ("1" when a check holds) and normalised values (base names, field names,
 * the fds it opened), never raw numbers. It closes every descriptor above 2 first, so that
 * what the fd/ listing shows is exactly what it opened itself.
 */
#define _GNU_SOURCE /* prctl, dirfd, readlinkat */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char text[1 << 16];

/* Reads a whole file through read(2) in pieces of `chunk` bytes; its length, or -1. */
static long slurp_fd(int fd, char *buf, size_t size, size_t chunk) {
    size_t n = 0;
    for (;;) {
        size_t want = chunk < size - 1 - n ? chunk : size - 1 - n;
        if (want == 0) {
            break;
        }
        ssize_t r = read(fd, buf + n, want);
        if (r < 0) {
            return -1;
        }
        if (r == 0) {
            break;
        }
        n += (size_t) r;
    }
    buf[n] = '\0';
    return (long) n;
}

static long slurp(const char *path, char *buf, size_t size, size_t chunk) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    long n = slurp_fd(fd, buf, size, chunk);
    close(fd);
    return n;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The value of "Key:\t..." in a status text (up to the newline), or NULL. */
static const char *status_field(const char *status, const char *key, char *out, size_t size) {
    size_t klen = strlen(key);
    for (const char *line = status; *line; ) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t) (end - line) : strlen(line);
        if (len > klen + 1 && strncmp(line, key, klen) == 0 && line[klen] == ':'
                && line[klen + 1] == '\t') {
            size_t vlen = len - klen - 2;
            if (vlen >= size) {
                vlen = size - 1;
            }
            memcpy(out, line + klen + 2, vlen);
            out[vlen] = '\0';
            return out;
        }
        line = end ? end + 1 : line + len;
    }
    return NULL;
}

static long status_number(const char *status, const char *key) {
    char v[256];
    return status_field(status, key, v, sizeof v) ? strtol(v, NULL, 10) : -1;
}

static unsigned long long status_mask(const char *status, const char *key) {
    char v[256];
    return status_field(status, key, v, sizeof v) ? strtoull(v, NULL, 16) : 0;
}

static void check_cmdline(int argc, char **argv) {
    char buf[4096];
    long n = slurp("/proc/self/cmdline", buf, sizeof buf, 7);
    int count = 0, same = n > 0;
    for (long at = 0; at < n; at += (long) strlen(buf + at) + 1) {
        if (count < argc && strcmp(buf + at, argv[count]) != 0) {
            same = 0;
        }
        count++;
    }
    printf("cmdline: %d strings, ends with NUL %d, equals argv %d\n", count,
           n > 0 && buf[n - 1] == '\0', same && count == argc);
    printf("cmdline: argv[0] base %s", base_name(buf));
    for (long at = (long) strlen(buf) + 1; at < n; at += (long) strlen(buf + at) + 1) {
        printf(" [%s]", buf + at);
    }
    printf("\n");
    char other[4096], path[64];
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int) getpid());
    long m = slurp(path, other, sizeof other, sizeof other);
    printf("cmdline: /proc/PID/cmdline same %d\n", m == n && memcmp(buf, other, (size_t) n) == 0);
}

static void check_environ(char **envp) {
    char buf[1 << 15];
    long n = slurp("/proc/self/environ", buf, sizeof buf, 100);
    int i = 0, same = n >= 0;
    for (long at = 0; at < n; at += (long) strlen(buf + at) + 1, i++) {
        if (envp[i] == NULL || strcmp(envp[i], buf + at) != 0) {
            same = 0;
        }
    }
    printf("environ: equals envp %d\n", same && envp[i] == NULL);
}

static void check_comm(const char *argv0, char *comm, size_t size) {
    long n = slurp("/proc/self/comm", comm, size, size);
    char name[17] = {0};
    prctl(PR_GET_NAME, name);
    int newline = n > 0 && comm[n - 1] == '\n';
    if (newline) {
        comm[n - 1] = '\0';
    }
    printf("comm: %s, newline %d, equals PR_GET_NAME %d, base of argv[0] %d\n", comm, newline,
           strcmp(comm, name) == 0, strncmp(comm, base_name(argv0), 15) == 0);
}

static void on_term(int sig) {
    _exit(128 + sig);
}

static void check_status(const char *comm) {
    static const char *order[] = {"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid",
        "TracerPid", "Uid", "Gid", "FDSize", "Groups", "VmPeak", "VmSize", "VmRSS", "Threads",
        "SigQ", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt", NULL};
    char v[256];

    /* Known signal state: SIGUSR1 blocked and pending for the thread, SIGHUP blocked and
     * pending for the process, SIGUSR2 ignored, SIGTERM caught. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    syscall(SYS_tgkill, getpid(), (pid_t) syscall(SYS_gettid), SIGUSR1);
    kill(getpid(), SIGHUP);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGTERM, on_term);
    umask(027);

    long n = slurp("/proc/self/status", text, sizeof text, 50);
    printf("status: read %d\n", n > 0);
    const char *at = text;
    int ordered = 1;
    for (int i = 0; order[i]; i++) {
        char key[32];
        snprintf(key, sizeof key, "\n%s:\t", order[i]);
        const char *hit = i == 0 ? (strncmp(text, "Name:\t", 6) == 0 ? text : NULL)
                : strstr(at, key);
        if (!hit) {
            printf("status: %s missing or out of order\n", order[i]);
            ordered = 0;
            continue;
        }
        at = hit + 1;
    }
    printf("status: fields in Linux's order %d\n", ordered);
    printf("status: Name equals comm %d\n",
           status_field(text, "Name", v, sizeof v) && strcmp(v, comm) == 0);
    printf("status: Umask %s\n", status_field(text, "Umask", v, sizeof v) ? v : "?");
    printf("status: State %s\n", status_field(text, "State", v, sizeof v) ? v : "?");
    printf("status: Tgid %d Pid %d PPid %d TracerPid %ld Threads %ld\n",
           status_number(text, "Tgid") == getpid(), status_number(text, "Pid") == getpid(),
           status_number(text, "PPid") == getppid(), status_number(text, "TracerPid"),
           status_number(text, "Threads"));
    char uid[64];
    snprintf(uid, sizeof uid, "%d\t%d\t%d\t%d", (int) getuid(), (int) geteuid(),
             (int) getuid(), (int) geteuid());
    printf("status: Uid matches getuid %d\n",
           status_field(text, "Uid", v, sizeof v) && strcmp(v, uid) == 0);
    int kb = status_field(text, "VmSize", v, sizeof v) && strlen(v) >= 11
             && strcmp(v + strlen(v) - 3, " kB") == 0;
    printf("status: VmSize in kB, width 8 %d, VmRSS > 0 %d\n", kb,
           status_number(text, "VmRSS") > 0);
    unsigned long long u1 = 1ULL << (SIGUSR1 - 1), hup = 1ULL << (SIGHUP - 1);
    printf("status: SigPnd has SIGUSR1 %d, ShdPnd has SIGHUP %d, SigBlk has both %d\n",
           (status_mask(text, "SigPnd") & u1) != 0, (status_mask(text, "ShdPnd") & hup) != 0,
           (status_mask(text, "SigBlk") & (u1 | hup)) == (u1 | hup));
    printf("status: SigIgn has SIGUSR2 %d, SigCgt has SIGTERM %d, SigCgt lacks SIGUSR2 %d\n",
           (status_mask(text, "SigIgn") & (1ULL << (SIGUSR2 - 1))) != 0,
           (status_mask(text, "SigCgt") & (1ULL << (SIGTERM - 1))) != 0,
           (status_mask(text, "SigCgt") & (1ULL << (SIGUSR2 - 1))) == 0);
    int sigq_a = -1, sigq_b = -1;
    if (status_field(text, "SigQ", v, sizeof v)) {
        sscanf(v, "%d/%d", &sigq_a, &sigq_b);
    }
    printf("status: SigQ is N/LIMIT %d, masks are 16 hex digits %d\n",
           sigq_a >= 0 && sigq_b > 0,
           status_field(text, "SigBlk", v, sizeof v) && strlen(v) == 16);

    /* The thread's view and /proc/PID. */
    char path[64];
    slurp("/proc/thread-self/status", text, sizeof text, sizeof text);
    printf("thread-self: Pid is gettid %d\n", status_number(text, "Pid") == (pid_t) syscall(SYS_gettid));
    snprintf(path, sizeof path, "/proc/%d/status", (int) getpid());
    slurp(path, text, sizeof text, sizeof text);
    printf("/proc/PID/status: Pid %d\n", status_number(text, "Pid") == getpid());

    /* Take the signals back off, so the rest runs with a clean state. */
    signal(SIGUSR1, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

static void check_stat(const char *comm) {
    char buf[4096], name[64], state;
    int pid, ppid;
    slurp("/proc/self/stat", buf, sizeof buf, sizeof buf);
    int got = sscanf(buf, "%d (%63[^)]) %c %d", &pid, name, &state, &ppid);
    int fields = 0;
    const char *rest = strrchr(buf, ')');
    for (const char *p = rest ? rest + 1 : buf; *p; p++) {
        if (*p == ' ') {
            fields++;
        }
    }
    printf("stat: parsed %d, pid %d, comm %d, state %c, ppid %d, fields after comm %d\n",
           got == 4, pid == getpid(), strcmp(name, comm) == 0, state, ppid == getppid(),
           fields >= 50);
    unsigned long v[7];
    slurp("/proc/self/statm", buf, sizeof buf, sizeof buf);
    printf("statm: 7 numbers %d, size > 0 %d\n",
           sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                  &v[6]) == 7, v[0] > 0);
}

struct area {
    unsigned long start, end, offset, inode;
    char perms[8];
    const char *name;
};

static void check_maps(const char *exe) {
    /* A shared mapping of a file at an offset, and a grown break, to find in the list. */
    char tmpl[] = "/tmp/proc_self.XXXXXX";
    int fd = mkstemp(tmpl);
    static char page[3 * 4096];
    memset(page, 'x', sizeof page);
    write(fd, page, sizeof page);
    char *shared = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 4096);
    unsigned long brk0 = (unsigned long) syscall(SYS_brk, 0);
    syscall(SYS_brk, brk0 + 3 * 4096);
    int local = 0;

    long n = slurp("/proc/self/maps", text, sizeof text, 333);
    int lines = 0, parsed = 0, ascending = 1, column = 1, exe_rx = 0, main_in_exe = 0;
    int stack_rw = 0, local_in_stack = 0, heap = 0, file_shared = 0;
    unsigned long last_end = 0;
    for (char *line = text; line < text + n && *line; ) {
        char *end = strchr(line, '\n');
        if (end) {
            *end = '\0';
        }
        struct area a = {0};
        int name_at = 0;
        unsigned dev_major, dev_minor;
        lines++;
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %n", &a.start, &a.end, a.perms, &a.offset,
                   &dev_major, &dev_minor, &a.inode, &name_at) >= 7) {
            parsed++;
            a.name = line + name_at;
            if (a.start < last_end || a.end <= a.start) {
                ascending = 0;
            }
            last_end = a.end;
            if (*a.name && name_at != 73) {
                column = 0;
            }
            if (strcmp(a.name, exe) == 0 && strcmp(a.perms, "r-xp") == 0) {
                exe_rx = 1;
                if ((unsigned long) &check_maps >= a.start && (unsigned long) &check_maps < a.end) {
                    main_in_exe = 1;
                }
            }
            if (strcmp(a.name, "[stack]") == 0) {
                stack_rw = strcmp(a.perms, "rw-p") == 0;
                local_in_stack = (unsigned long) &local >= a.start
                                 && (unsigned long) &local < a.end;
            }
            if (strcmp(a.name, "[heap]") == 0 && brk0 >= a.start && brk0 < a.end) {
                heap = 1;
            }
            if (strcmp(a.name, tmpl) == 0 && (unsigned long) shared == a.start
                    && a.end - a.start == 8192 && strcmp(a.perms, "r--s") == 0
                    && a.offset == 4096) {
                file_shared = 1;
            }
        }
        line = end ? end + 1 : line + strlen(line);
    }
    printf("maps: lines parse %d, ascending %d, names at column 74 %d\n",
           lines > 0 && lines == parsed, ascending, column);
    printf("maps: exe r-xp %d, code inside it %d\n", exe_rx, main_in_exe);
    printf("maps: [stack] rw-p %d, a local inside it %d, [heap] holds the break %d\n",
           stack_rw, local_in_stack, heap);
    printf("maps: shared file mapping at offset 0x1000 r--s %d\n", file_shared);
    munmap(shared, 8192);
    close(fd);
    unlink(tmpl);
}

static int compare_names(const void *a, const void *b) {
    const char *x = *(const char *const *) a, *y = *(const char *const *) b;
    int nx = x[0] >= '0' && x[0] <= '9', ny = y[0] >= '0' && y[0] <= '9';
    if (nx && ny) {
        return atoi(x) - atoi(y);
    }
    return nx != ny ? nx - ny : strcmp(x, y);
}

static void check_fd_dir(void) {
    int fd = open("/proc/self/status", O_RDONLY);
    DIR *d = opendir("/proc/self/fd");
    if (!d) {
        printf("fd/: opendir failed: %s\n", strerror(errno));
        return;
    }
    char *names[64];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && count < 64) {
        names[count++] = strdup(e->d_name);
    }
    qsort(names, (size_t) count, sizeof names[0], compare_names);
    printf("fd/:");
    for (int i = 0; i < count; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");

    char link[256], want[64];
    ssize_t n = readlink("/proc/self/fd/3", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "/proc/%d/status", (int) getpid());
    printf("fd/: 3 links to /proc/PID/status %d (fd %d)\n", strcmp(link, want) == 0, fd);
    n = readlink("/proc/self/fd/4", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "/proc/%d/fd", (int) getpid());
    printf("fd/: 4 links to /proc/PID/fd %d (dirfd %d)\n", strcmp(link, want) == 0, dirfd(d));
    n = readlinkat(dirfd(d), "1", link, sizeof link - 1);
    printf("fd/: readlinkat(dirfd, \"1\") works %d\n", n > 0);
    errno = 0;
    n = readlink("/proc/self/fd/9", link, sizeof link);
    printf("fd/: a closed descriptor: %s\n", n < 0 ? strerror(errno) : "exists");
    closedir(d);
    close(fd);
}

static void check_self_dir(void) {
    static const char *wanted[] = {"cmdline", "comm", "cwd", "environ", "exe", "fd", "maps",
        "root", "stat", "statm", "status", NULL};
    DIR *d = opendir("/proc/self");
    int found[16] = {0};
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        for (int i = 0; wanted[i]; i++) {
            if (strcmp(e->d_name, wanted[i]) == 0) {
                found[i] = 1;
            }
        }
    }
    printf("/proc/self lists:");
    for (int i = 0; wanted[i]; i++) {
        printf(" %s=%d", wanted[i], found[i]);
    }
    printf("\n");
    int status_fd = d ? openat(dirfd(d), "status", O_RDONLY) : -1;
    printf("/proc/self: openat(dirfd, \"status\") %d\n", status_fd >= 0);
    if (status_fd >= 0) {
        close(status_fd);
    }
    if (d) {
        closedir(d);
    }

    struct stat st;
    char link[64], want[32];
    ssize_t n = readlink("/proc/self", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "%d", (int) getpid());
    printf("/proc/self: lstat is a link %d, stat is a directory %d, readlink is the pid %d\n",
           lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode),
           stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode), strcmp(link, want) == 0);
    errno = 0;
    int bad = open("/proc/self/no-such-entry", O_RDONLY);
    printf("/proc/self/no-such-entry: %s\n", bad < 0 ? strerror(errno) : "opened");
    errno = 0;
    bad = open("/proc/self/status", O_WRONLY);
    printf("/proc/self/status for writing: %s\n", bad < 0 ? strerror(errno) : "opened");
}

/* Ways into /proc other than an absolute path: a stored symbolic link (/dev/stdin), a path
 * relative to "/", and a working directory inside /proc. */
static void check_other_paths(const char *comm) {
    struct stat st;
    int fd = open("/dev/stdin", O_RDONLY);
    printf("other paths: open /dev/stdin %d, stat /dev/stdout %d\n", fd >= 0,
           stat("/dev/stdout", &st) == 0);
    if (fd >= 0) {
        close(fd);
    }
    char buf[64], cwd[256];
    int saved = open(".", O_RDONLY | O_DIRECTORY);
    chdir("/");
    long n = slurp("proc/self/comm", buf, sizeof buf, sizeof buf);
    printf("other paths: proc/self/comm from / %d\n", n > 0 && strncmp(buf, comm, strlen(comm)) == 0);
    int in = chdir("/proc/self") == 0;
    n = slurp("comm", buf, sizeof buf, sizeof buf);
    char want[64];
    snprintf(want, sizeof want, "/proc/%d", (int) getpid());
    printf("other paths: chdir /proc/self %d, comm relative %d, getcwd is /proc/PID %d\n", in,
           n > 0 && strncmp(buf, comm, strlen(comm)) == 0,
           getcwd(cwd, sizeof cwd) && strcmp(cwd, want) == 0);
    fchdir(saved);
    close(saved);
}

static void check_exe(const char *argv0) {
    char link[4096];
    ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    printf("exe: absolute %d, base name %s, same as argv[0]'s %d\n", link[0] == '/',
           base_name(link), strcmp(base_name(link), base_name(argv0)) == 0);
}

static void check_open_file(void) {
    char a[256], b[256];
    int fd = open("/proc/self/status", O_RDONLY);
    struct stat st;
    fstat(fd, &st);
    printf("open file: regular %d, size %ld, mode %o\n", S_ISREG(st.st_mode), (long) st.st_size,
           (unsigned) (st.st_mode & 0777));
    ssize_t n1 = read(fd, a, 10);
    int copy = dup(fd);
    ssize_t n2 = read(copy, b, 10);
    printf("open file: dup shares the offset %d\n",
           n1 == 10 && n2 == 10 && strncmp(a, "Name:\t", 6) == 0 && strncmp(b, "Name:\t", 6) != 0);
    off_t at = lseek(fd, 0, SEEK_CUR);
    errno = 0;
    off_t end = lseek(fd, 0, SEEK_END);
    int end_errno = errno;
    printf("open file: SEEK_CUR %ld, SEEK_END %s\n", (long) at,
           end < 0 ? strerror(end_errno) : "works");
    lseek(fd, 0, SEEK_SET);
    n1 = read(fd, a, 6);
    printf("open file: read again from 0 %d\n", n1 == 6 && strncmp(a, "Name:\t", 6) == 0);
    ssize_t p = pread(fd, b, 6, 0);
    printf("open file: pread at 0 %d\n", p == 6 && strncmp(b, "Name:\t", 6) == 0);

    /* After fork, the inherited descriptor still shows the parent (bound at open), while the
     * child's own /proc/self is the child. */
    lseek(fd, 0, SEEK_SET);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        slurp_fd(fd, text, sizeof text, sizeof text);
        int inherited = status_number(text, "Pid") == parent;
        slurp("/proc/self/status", text, sizeof text, sizeof text);
        int own = status_number(text, "Pid") == getpid() && status_number(text, "PPid") == parent;
        printf("fork: inherited fd shows the parent %d, child's own status %d\n", inherited, own);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    close(copy);
    close(fd);
}

int main(int argc, char **argv, char **envp) {
    for (int fd = 3; fd < 1024; fd++) {
        close(fd);
    }
    char comm[64];
    check_cmdline(argc, argv);
    check_environ(envp);
    check_comm(argv[0], comm, sizeof comm);
    check_status(comm);
    check_stat(comm);

    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    check_maps(exe);
    check_fd_dir();
    check_self_dir();
    check_other_paths(comm);
    check_exe(argv[0]);
    check_open_file();
    return 0;
}

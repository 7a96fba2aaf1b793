package dev.splitvisor.kernel;

/**
 * Linux x86-64 system-call numbers (the kernel's syscall_64 table) and their names for traces
 * and log lines. The constants are the calls this kernel answers by number.
 */
final class SyscallNumbers {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int OPEN = 2;
    static final int CLOSE = 3;
    static final int STAT = 4;
    static final int FSTAT = 5;
    static final int LSTAT = 6;
    static final int POLL = 7;
    static final int LSEEK = 8;
    static final int MMAP = 9;
    static final int MPROTECT = 10;
    static final int MUNMAP = 11;
    static final int BRK = 12;
    static final int RT_SIGACTION = 13;
    static final int RT_SIGPROCMASK = 14;
    static final int RT_SIGRETURN = 15;
    static final int IOCTL = 16;
    static final int PREAD64 = 17;
    static final int PWRITE64 = 18;
    static final int READV = 19;
    static final int WRITEV = 20;
    static final int ACCESS = 21;
    static final int PIPE = 22;
    static final int SELECT = 23;
    static final int SCHED_YIELD = 24;
    static final int MREMAP = 25;
    static final int MSYNC = 26;
    static final int MADVISE = 28;
    static final int DUP = 32;
    static final int DUP2 = 33;
    static final int PAUSE = 34;
    static final int NANOSLEEP = 35;
    static final int GETITIMER = 36;
    static final int ALARM = 37;
    static final int SETITIMER = 38;
    static final int GETPID = 39;
    static final int SENDFILE = 40;
    static final int CLONE = 56;
    static final int FORK = 57;
    static final int VFORK = 58;
    static final int EXECVE = 59;
    static final int EXIT = 60;
    static final int WAIT4 = 61;
    static final int KILL = 62;
    static final int UNAME = 63;
    static final int FCNTL = 72;
    static final int FLOCK = 73;
    static final int FSYNC = 74;
    static final int FDATASYNC = 75;
    static final int TRUNCATE = 76;
    static final int FTRUNCATE = 77;
    static final int GETDENTS = 78;
    static final int GETCWD = 79;
    static final int CHDIR = 80;
    static final int FCHDIR = 81;
    static final int RENAME = 82;
    static final int MKDIR = 83;
    static final int RMDIR = 84;
    static final int CREAT = 85;
    static final int LINK = 86;
    static final int UNLINK = 87;
    static final int SYMLINK = 88;
    static final int READLINK = 89;
    static final int CHMOD = 90;
    static final int FCHMOD = 91;
    static final int CHOWN = 92;
    static final int FCHOWN = 93;
    static final int LCHOWN = 94;
    static final int UMASK = 95;
    static final int GETTIMEOFDAY = 96;
    static final int GETRLIMIT = 97;
    static final int GETRUSAGE = 98;
    static final int SYSINFO = 99;
    static final int TIMES = 100;
    static final int GETUID = 102;
    static final int GETGID = 104;
    static final int SETUID = 105;
    static final int SETGID = 106;
    static final int GETEUID = 107;
    static final int GETEGID = 108;
    static final int SETPGID = 109;
    static final int GETPPID = 110;
    static final int GETPGRP = 111;
    static final int SETSID = 112;
    static final int SETREUID = 113;
    static final int SETREGID = 114;
    static final int GETGROUPS = 115;
    static final int SETGROUPS = 116;
    static final int SETRESUID = 117;
    static final int GETRESUID = 118;
    static final int SETRESGID = 119;
    static final int GETRESGID = 120;
    static final int GETPGID = 121;
    static final int GETSID = 124;
    static final int RT_SIGPENDING = 127;
    static final int RT_SIGTIMEDWAIT = 128;
    static final int RT_SIGQUEUEINFO = 129;
    static final int RT_SIGSUSPEND = 130;
    static final int SIGALTSTACK = 131;
    static final int STATFS = 137;
    static final int FSTATFS = 138;
    static final int GETPRIORITY = 140;
    static final int SETPRIORITY = 141;
    static final int SCHED_GETSCHEDULER = 145;
    static final int PRCTL = 157;
    static final int ARCH_PRCTL = 158;
    static final int SETRLIMIT = 160;
    static final int SYNC = 162;
    static final int GETTID = 186;
    static final int TKILL = 200;
    static final int TIME = 201;
    static final int FUTEX = 202;
    static final int SCHED_SETAFFINITY = 203;
    static final int SCHED_GETAFFINITY = 204;
    static final int GETDENTS64 = 217;
    static final int SET_TID_ADDRESS = 218;
    static final int FADVISE64 = 221;
    static final int CLOCK_GETRES = 229;
    static final int CLOCK_GETTIME = 228;
    static final int CLOCK_NANOSLEEP = 230;
    static final int EXIT_GROUP = 231;
    static final int TGKILL = 234;
    static final int UTIMES = 235;
    static final int WAITID = 247;
    static final int OPENAT = 257;
    static final int MKDIRAT = 258;
    static final int FCHOWNAT = 260;
    static final int NEWFSTATAT = 262;
    static final int UNLINKAT = 263;
    static final int RENAMEAT = 264;
    static final int LINKAT = 265;
    static final int SYMLINKAT = 266;
    static final int READLINKAT = 267;
    static final int FCHMODAT = 268;
    static final int FACCESSAT = 269;
    static final int PSELECT6 = 270;
    static final int PPOLL = 271;
    static final int SET_ROBUST_LIST = 273;
    static final int GET_ROBUST_LIST = 274;
    static final int UTIMENSAT = 280;
    static final int EVENTFD = 284;
    static final int FALLOCATE = 285;
    static final int EVENTFD2 = 290;
    static final int DUP3 = 292;
    static final int PIPE2 = 293;
    static final int PRLIMIT64 = 302;
    static final int RENAMEAT2 = 316;
    static final int GETRANDOM = 318;
    static final int STATX = 332;
    static final int RSEQ = 334;
    static final int MEMBARRIER = 324;
    static final int MINCORE = 27;
    static final int GETCPU = 309;
    static final int SOCKET = 41;
    static final int SOCKETPAIR = 53;
    static final int CONNECT = 42;
    static final int ACCEPT = 43;
    static final int SENDTO = 44;
    static final int RECVFROM = 45;
    static final int SENDMSG = 46;
    static final int RECVMSG = 47;
    static final int SHUTDOWN = 48;
    static final int BIND = 49;
    static final int LISTEN = 50;
    static final int GETSOCKNAME = 51;
    static final int GETPEERNAME = 52;
    static final int SETSOCKOPT = 54;
    static final int GETSOCKOPT = 55;
    static final int EPOLL_CREATE = 213;
    static final int EPOLL_WAIT = 232;
    static final int EPOLL_CTL = 233;
    static final int EPOLL_PWAIT = 281;
    static final int ACCEPT4 = 288;
    static final int EPOLL_CREATE1 = 291;
    static final int SCHED_GET_PRIORITY_MAX = 146;
    static final int SCHED_GET_PRIORITY_MIN = 147;
    static final int SCHED_GETPARAM = 143;
    static final int SCHED_SETSCHEDULER = 144;
    static final int SCHED_SETPARAM = 142;
    static final int MLOCK = 149;
    static final int MUNLOCK = 150;
    static final int CLONE3 = 435;
    static final int CLOSE_RANGE = 436;
    static final int FACCESSAT2 = 439;
    static final int OPENAT2 = 437;

    /** Names by number, 0 to 334. */
    private static final String[] NAMES = (
            "read write open close stat fstat lstat poll lseek mmap mprotect munmap brk " +
            "rt_sigaction rt_sigprocmask rt_sigreturn ioctl pread64 pwrite64 readv writev access " +
            "pipe select sched_yield mremap msync mincore madvise shmget shmat shmctl dup dup2 " +
            "pause nanosleep getitimer alarm setitimer getpid sendfile socket connect accept " +
            "sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname getpeername " +
            "socketpair setsockopt getsockopt clone fork vfork execve exit wait4 kill uname " +
            "semget semop semctl shmdt msgget msgsnd msgrcv msgctl fcntl flock fsync fdatasync " +
            "truncate ftruncate getdents getcwd chdir fchdir rename mkdir rmdir creat link " +
            "unlink symlink readlink chmod fchmod chown fchown lchown umask gettimeofday " +
            "getrlimit getrusage sysinfo times ptrace getuid syslog getgid setuid setgid geteuid " +
            "getegid setpgid getppid getpgrp setsid setreuid setregid getgroups setgroups " +
            "setresuid getresuid setresgid getresgid getpgid setfsuid setfsgid getsid capget " +
            "capset rt_sigpending rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend sigaltstack " +
            "utime mknod uselib personality ustat statfs fstatfs sysfs getpriority setpriority " +
            "sched_setparam sched_getparam sched_setscheduler sched_getscheduler " +
            "sched_get_priority_max sched_get_priority_min sched_rr_get_interval mlock munlock " +
            "mlockall munlockall vhangup modify_ldt pivot_root _sysctl prctl arch_prctl adjtimex " +
            "setrlimit chroot sync acct settimeofday mount umount2 swapon swapoff reboot " +
            "sethostname setdomainname iopl ioperm create_module init_module delete_module " +
            "get_kernel_syms query_module quotactl nfsservctl getpmsg putpmsg afs_syscall " +
            "tuxcall security gettid readahead setxattr lsetxattr fsetxattr getxattr lgetxattr " +
            "fgetxattr listxattr llistxattr flistxattr removexattr lremovexattr fremovexattr " +
            "tkill time futex sched_setaffinity sched_getaffinity set_thread_area io_setup " +
            "io_destroy io_getevents io_submit io_cancel get_thread_area lookup_dcookie " +
            "epoll_create epoll_ctl_old epoll_wait_old remap_file_pages getdents64 " +
            "set_tid_address restart_syscall semtimedop fadvise64 timer_create timer_settime " +
            "timer_gettime timer_getoverrun timer_delete clock_settime clock_gettime " +
            "clock_getres clock_nanosleep exit_group epoll_wait epoll_ctl tgkill utimes vserver " +
            "mbind set_mempolicy get_mempolicy mq_open mq_unlink mq_timedsend mq_timedreceive " +
            "mq_notify mq_getsetattr kexec_load waitid add_key request_key keyctl ioprio_set " +
            "ioprio_get inotify_init inotify_add_watch inotify_rm_watch migrate_pages openat " +
            "mkdirat mknodat fchownat futimesat newfstatat unlinkat renameat linkat symlinkat " +
            "readlinkat fchmodat faccessat pselect6 ppoll unshare set_robust_list " +
            "get_robust_list splice tee sync_file_range vmsplice move_pages utimensat " +
            "epoll_pwait signalfd timerfd_create eventfd fallocate timerfd_settime " +
            "timerfd_gettime accept4 signalfd4 eventfd2 epoll_create1 dup3 pipe2 inotify_init1 " +
            "preadv pwritev rt_tgsigqueueinfo perf_event_open recvmmsg fanotify_init " +
            "fanotify_mark prlimit64 name_to_handle_at open_by_handle_at clock_adjtime syncfs " +
            "sendmmsg setns getcpu process_vm_readv process_vm_writev kcmp finit_module " +
            "sched_setattr sched_getattr renameat2 seccomp getrandom memfd_create " +
            "kexec_file_load bpf execveat userfaultfd membarrier mlock2 copy_file_range preadv2 " +
            "pwritev2 pkey_mprotect pkey_alloc pkey_free statx io_pgetevents rseq ").split(" ");

    private SyscallNumbers() {
    }

    /** The call's Linux name, for example "openat", or "syscall_N" when unknown. */
    static String name(int nr) {
        if (nr >= 0 && nr < NAMES.length) {
            return NAMES[nr];
        }
        switch (nr) {
            case 424: return "pidfd_send_signal";
            case 434: return "pidfd_open";
            case 435: return "clone3";
            case 436: return "close_range";
            case 437: return "openat2";
            case 439: return "faccessat2";
            case 441: return "epoll_pwait2";
            default: return "syscall_" + nr;
        }
    }
}

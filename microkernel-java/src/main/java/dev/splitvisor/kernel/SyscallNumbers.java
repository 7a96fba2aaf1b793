package dev.splitvisor.kernel;

/** Linux x86-64 system-call numbers (arch/x86/entry/syscalls/syscall_64.tbl) used here. */
final class SyscallNumbers {
    static final int READ = 0, WRITE = 1, OPEN = 2, CLOSE = 3, FSTAT = 5, MMAP = 9,
            MPROTECT = 10, MUNMAP = 11, BRK = 12, RT_SIGACTION = 13, RT_SIGPROCMASK = 14,
            IOCTL = 16, READV = 19, WRITEV = 20, MREMAP = 25, MADVISE = 28, GETPID = 39,
            EXIT = 60, UNAME = 63, GETUID = 102, GETGID = 104, GETEUID = 107, GETEGID = 108,
            GETPPID = 110, ARCH_PRCTL = 158, GETTID = 186, SET_TID_ADDRESS = 218,
            CLOCK_GETTIME = 228, EXIT_GROUP = 231;

    private SyscallNumbers() {
    }

    /** Names for log lines and traces. */
    static String name(int nr) {
        switch (nr) {
            case READ: return "read";
            case WRITE: return "write";
            case OPEN: return "open";
            case CLOSE: return "close";
            case FSTAT: return "fstat";
            case MMAP: return "mmap";
            case MPROTECT: return "mprotect";
            case MUNMAP: return "munmap";
            case BRK: return "brk";
            case RT_SIGACTION: return "rt_sigaction";
            case RT_SIGPROCMASK: return "rt_sigprocmask";
            case IOCTL: return "ioctl";
            case READV: return "readv";
            case WRITEV: return "writev";
            case MREMAP: return "mremap";
            case MADVISE: return "madvise";
            case GETPID: return "getpid";
            case EXIT: return "exit";
            case UNAME: return "uname";
            case ARCH_PRCTL: return "arch_prctl";
            case GETTID: return "gettid";
            case SET_TID_ADDRESS: return "set_tid_address";
            case CLOCK_GETTIME: return "clock_gettime";
            case EXIT_GROUP: return "exit_group";
            case 4: return "stat";
            case 17: return "pread64";
            case 21: return "access";
            case 89: return "readlink";
            case 99: return "sysinfo";
            case 257: return "openat";
            case 262: return "newfstatat";
            case 273: return "set_robust_list";
            case 302: return "prlimit64";
            case 318: return "getrandom";
            case 334: return "rseq";
            default: return "syscall_" + nr;
        }
    }
}

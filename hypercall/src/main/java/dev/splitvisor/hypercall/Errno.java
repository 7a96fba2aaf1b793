package dev.splitvisor.hypercall;

/** Linux error numbers (x86-64), as hypercalls and system calls return them, negated. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6,
            E2BIG = 7, ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12,
            EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19,
            ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
            ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31,
            EPIPE = 32, EDOM = 33, ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOLCK = 37,
            ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61, EOVERFLOW = 75,
            ENOTSOCK = 88, EOPNOTSUPP = 95, EAFNOSUPPORT = 97, ETIMEDOUT = 110, EDQUOT = 122,
            ECANCELED = 125;

    /**
     * Not a Linux errno and never seen by a guest: the request would wait. The caller parks the
     * guest thread and repeats the request after the port's event count moves (Linux's own
     * kernel-internal restart codes start at 512 too).
     */
    public static final int WOULD_BLOCK = 512;

    private Errno() {
    }
}

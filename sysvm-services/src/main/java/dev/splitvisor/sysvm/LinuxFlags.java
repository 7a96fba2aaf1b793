package dev.splitvisor.sysvm;

/** Linux x86-64 flag values that requests carry: open flags, *at flags, file types, poll bits. */
final class LinuxFlags {
    static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    static final int O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200, O_APPEND = 0x400,
            O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000,
            O_CLOEXEC = 0x80000, O_PATH = 0x200000, O_TMPFILE_BIT = 0x400000;

    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_SYMLINK_FOLLOW = 0x400,
            AT_EMPTY_PATH = 0x1000;
    static final int RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

    static final int S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000,
            S_IFBLK = 0x6000, S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

    static final short POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10,
            POLLNVAL = 0x20;

    static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    /** Longest path and path component Linux accepts (PATH_MAX less its NUL, NAME_MAX). */
    static final int PATH_MAX = 4095, NAME_MAX = 255;

    private LinuxFlags() {
    }

    /** The {@code d_type} of a {@code linux_dirent64} for an {@code S_IFMT} file type. */
    static int direntType(int type) {
        return (type & S_IFMT) >>> 12;
    }
}

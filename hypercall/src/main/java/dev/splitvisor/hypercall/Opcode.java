package dev.splitvisor.hypercall;

/**
 * Hypercall opcodes and their argument conventions. Values are ABI: they never change meaning
 * once published.
 *
 * <p>Conventions, for every opcode below: {@code handle} is a system-VM handle of the calling
 * session (never a guest file descriptor: the microkernel maps those); {@code dir} means
 * {@code handle} names a directory against which a relative {@code path} resolves (an absolute
 * path ignores it); paths are guest paths as the program wrote them. Flags and modes are
 * Linux's x86-64 values ({@code O_*}, {@code AT_*}, {@code S_*}). The result is a non-negative
 * value or a negated {@link Errno}; {@link Errno#WOULD_BLOCK} means "nothing yet, the handle is
 * in blocking mode": the caller parks and asks again after the port's event count moves.
 *
 * <p>Errors common to many opcodes: a request that makes a handle answers EMFILE when the
 * VM's handles (or sockets) are used up and ENFILE when its tenant's are; one that grows a
 * tmpfs file, directory or link answers ENOSPC past the VM's or the tenant's tmpfs limit, and
 * one that grows a file of a counted volume answers EDQUOT (a write first writes what fits);
 * a fault of the system VM itself answers EIO; any request of a detached VM answers ECANCELED.
 */
public final class Opcode {
    /** Does nothing; completes with 0. Used to measure the round trip. */
    public static final int NOP = 0;
    /** Writes the grant to a console stream (handle 1 stdout, 2 stderr). Kept for tools. */
    public static final int CONSOLE_WRITE = 1;
    /** Reads up to the grant's length from the console input (handle 0). Kept for tools. */
    public static final int CONSOLE_READ = 2;

    /** dir, path, arg0 = O_* flags, arg1 = mode: opens or creates; returns a new handle. */
    public static final int OPEN = 3;
    /** handle: releases the handle; the open file ends with its last handle. */
    public static final int CLOSE = 4;
    /** handle, writable grant, arg0 = file offset or -1 for the handle's offset: bytes read. */
    public static final int READ = 5;
    /** handle, readable grant, arg0 = file offset or -1 for the handle's offset: bytes written. */
    public static final int WRITE = 6;
    /** handle, arg0 = offset, arg1 = whence (SEEK_SET/CUR/END): the new offset. */
    public static final int SEEK = 7;
    /** handle, writable grant of 144 bytes: fills a Linux x86-64 {@code struct stat}. */
    public static final int FSTAT = 8;
    /**
     * dir, path, arg0 = AT_SYMLINK_NOFOLLOW (0x100) | AT_EMPTY_PATH (0x1000), writable grant
     * of 144 bytes: {@code struct stat} of the path (of {@code handle} itself when the path is
     * empty and AT_EMPTY_PATH is set).
     */
    public static final int STAT = 9;
    /** handle of a directory, writable grant: {@code linux_dirent64} records, bytes filled. */
    public static final int GETDENTS = 10;
    /** dir, path, arg0 = mode. */
    public static final int MKDIR = 11;
    /** dir, path, arg0 = 0 or AT_REMOVEDIR (0x200). */
    public static final int UNLINK = 12;
    /** dir, path, handle2 = second dir, path2, arg0 = RENAME_NOREPLACE (1) or 0. */
    public static final int RENAME = 13;
    /** dir, path (existing), handle2, path2 (new name), arg0 = AT_SYMLINK_FOLLOW (0x400). */
    public static final int LINK = 14;
    /** path = the link's target text, handle2 = dir, path2 = the new link's name. */
    public static final int SYMLINK = 15;
    /** dir, path, writable grant: the link's target (not NUL-terminated), bytes filled. */
    public static final int READLINK = 16;
    /** dir, path, arg0 = F_OK/R_OK/W_OK/X_OK, arg1 = AT_* flags: 0 or an errno. */
    public static final int ACCESS = 17;
    /** dir, path, arg0 = mode; with an empty path and arg1 = AT_EMPTY_PATH, the handle. */
    public static final int CHMOD = 18;
    /** handle, arg0 = new length. */
    public static final int TRUNCATE = 19;
    /** handle: data (and for arg0 != 1, metadata) is on the disk when this returns. */
    public static final int FSYNC = 20;
    /**
     * dir, path, readable grant of two {@code struct timespec} or null (now), arg0 = AT_*
     * flags; an empty path with AT_EMPTY_PATH means the handle itself.
     */
    public static final int UTIMENS = 21;
    /** arg0 = O_NONBLOCK or 0: a pipe; returns read handle | (long) write handle << 32. */
    public static final int PIPE = 22;
    /** handle: the open file's status flags (O_ACCMODE, O_APPEND, O_NONBLOCK...). */
    public static final int GETFL = 23;
    /** handle, arg0: sets O_APPEND and O_NONBLOCK of the open file; others are ignored. */
    public static final int SETFL = 24;
    /** handle, arg0 = request (TCGETS, TCSETS*, TIOCGWINSZ, TIOCGPGRP, FIONREAD...), grant. */
    public static final int IOCTL = 25;
    /**
     * Writable grant of arg0 entries {@code {int handle; short events; short revents}}: fills
     * revents from the handles' readiness now (never waits); returns how many are non-zero.
     */
    public static final int POLL = 26;
    /** handle, writable grant: the handle's guest path, NUL-terminated; bytes filled. */
    public static final int GETPATH = 27;
    /**
     * handle (or dir, path when path is not null), writable grant of 120: a
     * {@code struct statfs}.
     */
    public static final int STATFS = 28;
    /** handle, arg0 = LOCK_SH/LOCK_EX/LOCK_UN | LOCK_NB: flock advisory lock. */
    public static final int FLOCK = 29;

    /**
     * arg0 = initial count, arg1 = EFD_SEMAPHORE (1) | O_NONBLOCK: an eventfd counter, read
     * and written 8 bytes at a time with READ and WRITE; returns its handle.
     */
    public static final int EVENTFD = 30;

    // Sockets and epoll. A socket address travels as the guest's own struct sockaddr
    // (sockaddr_in, sockaddr_in6 or sockaddr_un, Linux layouts). Where a result carries an
    // address back (ACCEPT, RECVFROM), grant2 is a writable buffer of 128 bytes: the address
    // from offset 0 and its length as a little-endian u32 in the last 4 bytes (offset 124).

    /**
     * arg0 = domain (AF_UNIX 1, AF_INET 2, AF_INET6 10), arg1 = type (SOCK_STREAM 1,
     * SOCK_DGRAM 2) | SOCK_NONBLOCK (0x800) (SOCK_CLOEXEC is the caller's), handle2 =
     * protocol: a new socket's handle.
     */
    public static final int SOCKET = 31;
    /** arg0 = domain (AF_UNIX), arg1 = type | SOCK_NONBLOCK: h1 | (long) h2 << 32. */
    public static final int SOCKETPAIR = 32;
    /** handle, readable grant = struct sockaddr: names the socket. */
    public static final int BIND = 33;
    /**
     * handle, readable grant = struct sockaddr: connects (a stream) or sets the default peer
     * (a datagram socket). A blocking connect still under way answers WOULD_BLOCK and, asked
     * again, 0 or the error once it ends; a non-blocking one answers EINPROGRESS.
     */
    public static final int CONNECT = 34;
    /** handle, arg0 = backlog: the stream socket accepts connections. */
    public static final int LISTEN = 35;
    /**
     * handle of a listener, writable grant2 of 128 bytes for the peer address (or null),
     * arg0 = SOCK_NONBLOCK for the new handle: the accepted connection's new handle.
     */
    public static final int ACCEPT = 36;
    /**
     * handle, readable grant = data, readable grant2 = destination struct sockaddr or null,
     * arg0 = MSG_* flags (MSG_DONTWAIT, MSG_NOSIGNAL...): bytes sent.
     */
    public static final int SENDTO = 37;
    /**
     * handle, writable grant, writable grant2 of 128 bytes for the source address or null,
     * arg0 = MSG_* flags (MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL): bytes received.
     */
    public static final int RECVFROM = 38;
    /** handle, arg0 = SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2). */
    public static final int SHUTDOWN = 39;
    /**
     * handle, arg0 = level, arg1 = option name, writable grant of the caller's optlen: the
     * value's length in bytes.
     */
    public static final int GETSOCKOPT = 40;
    /** handle, arg0 = level, arg1 = option name, readable grant = the value. */
    public static final int SETSOCKOPT = 41;
    /** handle, writable grant of 128 bytes: the socket's own address; its length. */
    public static final int GETSOCKNAME = 42;
    /** handle, writable grant of 128 bytes: the connected peer's address; its length. */
    public static final int GETPEERNAME = 43;
    /** A new, empty epoll instance's handle. */
    public static final int EPOLL_CREATE = 44;
    /**
     * handle = the epoll handle, handle2 = the watched handle, arg0 = EPOLL_CTL_ADD (1),
     * EPOLL_CTL_DEL (2) or EPOLL_CTL_MOD (3), readable grant = the 12-byte packed
     * {@code struct epoll_event {u32 events; u64 data}} (null for DEL).
     */
    public static final int EPOLL_CTL = 45;
    /**
     * handle = the epoll handle, writable grant of arg0 12-byte epoll_events: fills those
     * ready now (never waits) and returns how many.
     */
    public static final int EPOLL_WAIT = 46;

    /** One past the highest opcode. */
    public static final int COUNT = 47;

    private static final String[] NAMES = {"NOP", "CONSOLE_WRITE", "CONSOLE_READ", "OPEN",
        "CLOSE", "READ", "WRITE", "SEEK", "FSTAT", "STAT", "GETDENTS", "MKDIR", "UNLINK",
        "RENAME", "LINK", "SYMLINK", "READLINK", "ACCESS", "CHMOD", "TRUNCATE", "FSYNC",
        "UTIMENS", "PIPE", "GETFL", "SETFL", "IOCTL", "POLL", "GETPATH", "STATFS", "FLOCK",
        "EVENTFD", "SOCKET", "SOCKETPAIR", "BIND", "CONNECT", "LISTEN", "ACCEPT", "SENDTO",
        "RECVFROM", "SHUTDOWN", "GETSOCKOPT", "SETSOCKOPT", "GETSOCKNAME", "GETPEERNAME",
        "EPOLL_CREATE", "EPOLL_CTL", "EPOLL_WAIT"};

    private Opcode() {
    }

    /** The opcode's name for traces, or its number. */
    public static String name(int opcode) {
        return opcode >= 0 && opcode < NAMES.length ? NAMES[opcode] : "opcode " + opcode;
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A socket behind a handle: the operations every kind shares (names, options, the socket
 * quota) and the defaults for what a kind does not do (EOPNOTSUPP). READ and WRITE on a
 * socket are recv and send without flags. The kinds are {@link StreamSocket} and
 * {@link DatagramSocket}.
 */
abstract class SocketFile extends OpenFile {
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = LinuxFlags.O_NONBLOCK;
    static final int MSG_PEEK = 0x2, MSG_DONTWAIT = 0x40, MSG_WAITALL = 0x100,
            MSG_NOSIGNAL = 0x4000;
    static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;
    /** Poll bit: the other end shut down writing. */
    static final int POLLRDHUP = 0x2000;
    /** Largest datagram (UDP's limit over IPv4). */
    static final int MAX_DATAGRAM = 65507;

    /** The st_dev of every socket (Linux's sockfs is one anonymous device too). */
    private static final long SOCKFS_DEV = 0x8;
    private static final AtomicLong INODES = new AtomicLong(1);

    final Network net;
    final int domain;
    final int type;
    final int protocol;
    final long ino = INODES.getAndIncrement();
    /** Options set with SETSOCKOPT, by level << 32 | name, as the guest's bytes. */
    private final Map<Long, byte[]> options = new HashMap<>();
    /** The session charged for this socket, released on close. */
    private final Session owner;
    /** The name BIND gave (or connect chose); null while unnamed. */
    volatile SockAddr local;

    SocketFile(Network net, Session owner, int domain, int type, int protocol, int flags) {
        super(null, LinuxFlags.O_RDWR | (flags & LinuxFlags.O_NONBLOCK));
        this.net = net;
        this.owner = owner;
        this.domain = domain;
        this.type = type;
        this.protocol = protocol;
    }

    /** Whether a call with {@code msgFlags} must not wait. */
    final boolean dontWait(int msgFlags) {
        return nonBlocking() || (msgFlags & MSG_DONTWAIT) != 0;
    }

    /** WOULD_BLOCK for a blocking call, EAGAIN for a non-blocking one. */
    final long waitOrAgain(int msgFlags) {
        return dontWait(msgFlags) ? -Errno.EAGAIN : -Errno.WOULD_BLOCK;
    }

    abstract long bind(SockAddr a);

    abstract long connect(SockAddr a);

    long listen(int backlog) {
        return -Errno.EOPNOTSUPP;
    }

    /** The accepted connection's new socket, or throws the errno (WOULD_BLOCK included). */
    SocketFile accept(Session s, int flags) {
        throw new VfsError(Errno.EOPNOTSUPP);
    }

    /** recvfrom: into {@code g}, the source address into {@code from} (may be null). */
    abstract long receive(Grant g, Grant from, int msgFlags, byte[] staging);

    /** sendto: {@code to} may be null for a connected socket. */
    abstract long send(Grant g, SockAddr to, int msgFlags, byte[] staging);

    abstract long shutdown(int how);

    /** The connected peer's address, or null when not connected. */
    abstract SockAddr peer();

    /** Reads and clears the pending error (SO_ERROR). */
    abstract int takeError();

    /** SO_ACCEPTCONN. */
    boolean listening() {
        return false;
    }

    /** Bumped whenever data or a connection arrives (edge-triggered epoll). */
    abstract long arrivals();

    /** The name getsockname reports: the bound one, or the family's unnamed address. */
    SockAddr localName() {
        SockAddr a = local;
        if (a != null) {
            return a;
        }
        return domain == SockAddr.AF_UNIX ? SockAddr.unix("") : SockAddr.any(domain, 0);
    }

    synchronized byte[] option(int level, int name) {
        return options.get((long) level << 32 | (name & 0xFFFFFFFFL));
    }

    synchronized void setOption(int level, int name, byte[] value) {
        options.put((long) level << 32 | (name & 0xFFFFFFFFL), value);
    }

    /** An int option as set (0 when never set). */
    int intOption(int level, int name) {
        byte[] v = option(level, name);
        if (v == null || v.length < 4) {
            return 0;
        }
        return (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | v[3] << 24;
    }

    @Override
    final long read(Grant g, long offset, byte[] staging) {
        return offset >= 0 ? -Errno.ESPIPE : receive(g, null, 0, staging);
    }

    @Override
    final long write(Grant g, long offset, byte[] staging) {
        return offset >= 0 ? -Errno.ESPIPE : send(g, null, 0, staging);
    }

    @Override
    Stat stat() {
        Stat s = new Stat();
        s.dev = SOCKFS_DEV;
        s.ino = ino;
        s.mode = LinuxFlags.S_IFSOCK | 0777;
        s.atimeNanos = s.mtimeNanos = s.ctimeNanos = Tmpfs.now();
        return s;
    }

    @Override
    String describe() {
        return "socket:[" + ino + "]";
    }

    @Override
    void close() {
        net.released(owner);
    }
}

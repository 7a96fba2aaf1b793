package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;

/**
 * A stream socket: TCP over IPv4 or IPv6, or an AF_UNIX stream. It is fresh, listening
 * (with a {@link Listener}), connecting (an egress connection Netty is still opening) or
 * connected (with a {@link Connection}: in memory to another socket of the tenant, or a host
 * channel). A connect to a port or name some socket of the tenant listens on completes at
 * once in memory; a connect elsewhere goes to the host when the operator allowed it.
 */
final class StreamSocket extends SocketFile {
    private static final int FRESH = 0, LISTENING = 1, CONNECTING = 2, CONNECTED = 3,
            CLOSED = 4;

    private int state = FRESH;
    /**
     * The accept queue while listening. Volatile so the tenant's port table can find it
     * without this socket's lock (the table's lock is taken while holding that one).
     */
    private volatile Listener listener;
    private Connection conn;
    /** The egress connection being opened while CONNECTING. */
    private HostConnection opening;
    /** A connect failure not yet reported (SO_ERROR, or the retried blocking connect). */
    private int error;
    /** The name was chosen by connect, not by BIND. */
    private boolean autobound;
    /** A blocking connect parked: the next CONNECT reports its outcome instead of EISCONN. */
    private boolean outcomeOwed;

    StreamSocket(Network net, Session owner, int domain, int protocol, int flags) {
        super(net, owner, domain, SOCK_STREAM, protocol, flags);
    }

    /** The server end of an accepted connection. */
    StreamSocket(Network net, Session owner, StreamSocket parent, Connection c, int flags) {
        super(net, owner, parent.domain, SOCK_STREAM, parent.protocol, flags);
        this.conn = c;
        this.state = CONNECTED;
        this.local = c.local;
    }

    /** One end of a socketpair. */
    static StreamSocket connectedEnd(Network net, Session owner, Connection c, int flags) {
        StreamSocket s = new StreamSocket(net, owner, SockAddr.AF_UNIX, 0, flags);
        s.conn = c;
        s.state = CONNECTED;
        return s;
    }

    /** The accept queue, or null when not listening. */
    Listener listener() {
        return listener;
    }

    @Override
    boolean listening() {
        return listener != null;
    }

    @Override
    long bind(SockAddr a) {
        synchronized (this) {
            if (local != null || state != FRESH) {
                return -Errno.EINVAL;
            }
            checkFamily(a);
            local = net.bind(this, a);
        }
        return 0;
    }

    /** Throws unless {@code a} is an address of this socket's family, as Linux answers. */
    private void checkFamily(SockAddr a) {
        switch (domain) {
            case SockAddr.AF_UNIX:
                if (!a.isUnix()) {
                    throw new VfsError(Errno.EINVAL);
                }
                break;
            case SockAddr.AF_INET:
                if (a.family != SockAddr.AF_INET) {
                    throw new VfsError(Errno.EAFNOSUPPORT);
                }
                break;
            default:
                if (a.family == SockAddr.AF_INET) {
                    throw new VfsError(Errno.EINVAL); // a sockaddr_in is too short for IPv6
                }
                if (a.family != SockAddr.AF_INET6) {
                    throw new VfsError(Errno.EAFNOSUPPORT);
                }
        }
    }

    @Override
    long listen(int backlog) {
        synchronized (this) {
            if (state == LISTENING) {
                listener.setBacklog(backlog);
                return 0;
            }
            if (state != FRESH) {
                return -Errno.EINVAL;
            }
            if (local == null) {
                if (domain == SockAddr.AF_UNIX) {
                    return -Errno.EINVAL;
                }
                local = net.bind(this, SockAddr.any(domain, 0));
            }
            listener = new Listener(net.events, backlog);
            state = LISTENING;
        }
        net.events.signal();
        return 0;
    }

    @Override
    SocketFile accept(Session s, int flags) {
        synchronized (this) {
            if (state != LISTENING) {
                throw new VfsError(Errno.EINVAL);
            }
        }
        net.charge(s);
        Connection c = listener.poll();
        if (c == null) {
            net.released(s);
            throw new VfsError(nonBlocking() ? Errno.EAGAIN : Errno.WOULD_BLOCK);
        }
        net.events.signal();
        return new StreamSocket(net, s, this, c, flags);
    }

    @Override
    long connect(SockAddr a) {
        synchronized (this) {
            switch (state) {
                case LISTENING: return -Errno.EINVAL;
                case CONNECTED:
                    if (outcomeOwed) {
                        outcomeOwed = false;
                        return 0;
                    }
                    return -NetErrno.EISCONN;
                case CONNECTING:
                    return outcomeOwed ? -Errno.WOULD_BLOCK : -NetErrno.EALREADY;
                case CLOSED: return -Errno.EBADF;
                default:
                    break;
            }
            if (error != 0) {
                int e = error;
                error = 0;
                outcomeOwed = false;
                return -e;
            }
            checkFamily(a);
            return a.isUnix() ? connectUnix(a) : connectInet(a);
        }
    }

    private long connectUnix(SockAddr a) {
        StreamSocket server = net.unixListener(a.unixName);
        Listener l = server == null ? null : server.listener();
        if (l == null) {
            return server == null && !a.unixName.startsWith("\0") && !a.unixName.isEmpty()
                    ? -Errno.ENOENT : -NetErrno.ECONNREFUSED;
        }
        return joinListener(l, localName(), a);
    }

    private long connectInet(SockAddr a) {
        if (local == null) {
            local = net.bind(this, SockAddr.any(domain, 0));
            autobound = true;
        }
        SockAddr me = local.isAny() ? SockAddr.loopback(domain, local.port) : local;
        if (a.isLoopback() || a.isAny()) {
            StreamSocket server = net.tcpListener(a.port);
            Listener l = server == null ? null : server.listener();
            if (l != null) {
                SockAddr them = a.isAny() ? SockAddr.loopback(domain, a.port) : a;
                return joinListener(l, me, them, server.domain);
            }
        }
        if (!net.policy.allows(a.toInet())) {
            dropAutobind();
            return -NetErrno.ECONNREFUSED;
        }
        opening = net.connectHost(me, a, this::opened);
        state = CONNECTING;
        outcomeOwed = !nonBlocking();
        return nonBlocking() ? -NetErrno.EINPROGRESS : -Errno.WOULD_BLOCK;
    }

    /** A failed connect gives back the port it chose, as Linux does. Holds the lock. */
    private void dropAutobind() {
        if (autobound) {
            net.unbind(this);
            local = null;
            autobound = false;
        }
    }

    private long joinListener(Listener l, SockAddr me, SockAddr them) {
        return joinListener(l, me, them, domain);
    }

    /** Queues the server end of a new in-memory pair on {@code l}; this socket is connected. */
    private long joinListener(Listener l, SockAddr me, SockAddr them, int serverFamily) {
        LoopbackConnection[] pair = LoopbackConnection.pair(net.events, me, them,
                them.inFamily(serverFamily), me.inFamily(serverFamily));
        if (!l.offer(pair[1])) {
            if (domain != SockAddr.AF_UNIX) {
                dropAutobind();
            }
            return backlogFull();
        }
        conn = pair[0];
        state = CONNECTED;
        return 0;
    }

    /** A full accept queue: TCP would drop the SYN and retry; here the connect is refused. */
    private long backlogFull() {
        return domain == SockAddr.AF_UNIX ? (nonBlocking() ? -Errno.EAGAIN : -Errno.WOULD_BLOCK)
                : -NetErrno.ECONNREFUSED;
    }

    /** Netty finished opening the egress connection (on its event loop). */
    private void opened(HostConnection hc, int errno) {
        boolean drop;
        synchronized (this) {
            drop = state != CONNECTING || opening != hc;
            if (!drop) {
                opening = null;
                if (errno == 0) {
                    conn = hc;
                    state = CONNECTED;
                } else {
                    error = errno;
                    state = FRESH;
                    dropAutobind();
                }
            }
        }
        if (drop) {
            hc.close();
        }
        net.events.signal();
    }

    private synchronized Connection connection() {
        return conn;
    }

    @Override
    long receive(Grant g, Grant from, int msgFlags, byte[] staging) {
        Connection c;
        synchronized (this) {
            c = conn;
            if (c == null) {
                return state == CONNECTING ? waitOrAgain(msgFlags) : -NetErrno.ENOTCONN;
            }
        }
        if (g.length() == 0) {
            return 0;
        }
        int want = Math.min(staging.length, g.length());
        if ((msgFlags & MSG_WAITALL) != 0 && !dontWait(msgFlags) && c.shortOfWaitAll(want)) {
            return -Errno.WOULD_BLOCK;
        }
        int got = c.receive(staging, want, (msgFlags & MSG_PEEK) != 0);
        if (got == Connection.WAIT) {
            return waitOrAgain(msgFlags);
        }
        if (got <= 0) {
            return got;
        }
        int put = g.copyIn(0, staging, 0, got);
        if (put < 0) {
            return put;
        }
        // A stream has no per-message source: the address length reads 0.
        if (from != null && from.length() >= SockAddr.BUFFER) {
            from.copyIn(SockAddr.BUFFER - 4, new byte[4], 0, 4);
        }
        return got;
    }

    @Override
    long send(Grant g, SockAddr to, int msgFlags, byte[] staging) {
        Connection c;
        synchronized (this) {
            c = conn;
            if (c == null) {
                return state == CONNECTING ? waitOrAgain(msgFlags) : -NetErrno.ENOTCONN;
            }
        }
        int total = g.length();
        long done = 0;
        while (done < total) {
            int n = (int) Math.min(staging.length, total - done);
            int got = g.copyOut((int) done, staging, 0, n);
            if (got < 0) {
                return done > 0 ? done : got;
            }
            int put = c.send(staging, n);
            if (put < 0) {
                if (done > 0) {
                    return done;
                }
                return put == Connection.WAIT ? waitOrAgain(msgFlags) : put;
            }
            done += put;
            if (put < n) {
                break;
            }
        }
        return done;
    }

    @Override
    long shutdown(int how) {
        if (how < SHUT_RD || how > SHUT_RDWR) {
            return -Errno.EINVAL;
        }
        Connection c = connection();
        if (c == null) {
            return -NetErrno.ENOTCONN;
        }
        if (how != SHUT_WR) {
            c.shutdownInput();
        }
        if (how != SHUT_RD) {
            c.shutdownOutput();
        }
        return 0;
    }

    @Override
    SockAddr peer() {
        Connection c = connection();
        return c == null ? null : c.remote;
    }

    @Override
    SockAddr localName() {
        Connection c = connection();
        if (c != null && c.local != null && (local == null || local.isAny())) {
            return c.local;
        }
        return super.localName();
    }

    @Override
    int takeError() {
        synchronized (this) {
            if (error != 0) {
                int e = error;
                error = 0;
                return e;
            }
        }
        Connection c = connection();
        return c == null ? 0 : c.takeError();
    }

    @Override
    int poll() {
        Connection c;
        Listener l;
        synchronized (this) {
            switch (state) {
                case CONNECTING: return 0;
                case FRESH:
                    return LinuxFlags.POLLOUT | LinuxFlags.POLLHUP
                            | (error != 0 ? LinuxFlags.POLLERR : 0);
                case CLOSED: return LinuxFlags.POLLHUP;
                default:
                    break;
            }
            c = conn;
            l = listener;
        }
        if (l != null) {
            return l.pending() ? LinuxFlags.POLLIN : 0;
        }
        return c.pollBits();
    }

    @Override
    long available() {
        Connection c = connection();
        return c == null ? 0 : c.available();
    }

    @Override
    long arrivals() {
        Connection c;
        Listener l;
        synchronized (this) {
            c = conn;
            l = listener;
        }
        return l != null ? l.arrivals() : c != null ? c.arrivalCount() : 0;
    }

    @Override
    void close() {
        Connection c;
        Listener l;
        HostConnection o;
        synchronized (this) {
            c = conn;
            l = listener;
            o = opening;
            state = CLOSED;
            conn = null;
            listener = null;
            opening = null;
        }
        net.unbind(this);
        if (l != null) {
            l.close();
        }
        if (c != null) {
            c.close();
        }
        if (o != null) {
            o.close();
        }
        super.close();
    }
}

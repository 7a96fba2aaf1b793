package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;

/**
 * An end of an in-memory stream between two sockets of one tenant (a loopback TCP connection,
 * an AF_UNIX stream or a socketpair). A send copies straight into the peer's receive buffer;
 * both ends share one lock, so the pair changes state atomically.
 */
final class LoopbackConnection extends Connection {
    private LoopbackConnection peer;
    private boolean closed;

    private LoopbackConnection(Events events, Object lock, SockAddr local, SockAddr remote) {
        super(events, lock, local, remote);
    }

    /** A connected pair whose ends name themselves and each other the same way. */
    static LoopbackConnection[] pair(Events events, SockAddr a, SockAddr b) {
        return pair(events, a, b, b, a);
    }

    /**
     * A connected pair: [0] at {@code a} talking to {@code b}, and [1], which calls itself
     * {@code c} and its peer {@code d} (the same addresses in the server's family).
     */
    static LoopbackConnection[] pair(Events events, SockAddr a, SockAddr b, SockAddr c,
            SockAddr d) {
        Object lock = new Object();
        LoopbackConnection x = new LoopbackConnection(events, lock, a, b);
        LoopbackConnection y = new LoopbackConnection(events, lock, c, d);
        x.peer = y;
        y.peer = x;
        return new LoopbackConnection[] {x, y};
    }

    @Override
    int send(byte[] b, int n) {
        int k;
        synchronized (lock) {
            if (txShut || peer.closed || peer.rxShut) {
                return -Errno.EPIPE;
            }
            k = peer.rx.put(b, 0, n);
            if (k == 0 && n > 0) {
                return WAIT;
            }
            peer.arrivals++;
        }
        events.signal();
        return k;
    }

    @Override
    boolean sendReady() {
        synchronized (lock) {
            return txShut || peer.closed || peer.rxShut || peer.rx.space() > 0;
        }
    }

    @Override
    void shutdownOutput() {
        synchronized (lock) {
            txShut = true;
            peer.rxEnded = true;
            peer.arrivals++;
        }
        events.signal();
    }

    @Override
    void reset() {
        synchronized (lock) {
            peer.error = NetErrno.ECONNRESET;
        }
        close();
    }

    @Override
    void close() {
        synchronized (lock) {
            closed = true;
            txShut = true;
            peer.rxEnded = true;
            if (rx.size() > 0 && !peer.txShut) {
                // Closing with unread data resets the connection, as TCP does.
                peer.error = NetErrno.ECONNRESET;
            }
            peer.arrivals++;
        }
        events.signal();
    }
}

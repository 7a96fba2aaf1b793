package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;

/**
 * One end of an established byte stream, as a connected stream socket sees it: a bounded
 * receive buffer that the other end (a peer socket of the tenant, or a host channel) fills,
 * and a way to send. Both kinds guard their state with {@link #lock}, which a loopback pair
 * shares; every change a parked caller may wait for signals the tenant's {@link Events}.
 */
abstract class Connection {
    /** What send and receive return when they would wait. */
    static final int WAIT = -Errno.WOULD_BLOCK;
    /** Bytes a receive buffer holds. */
    static final int RCVBUF = 256 * 1024;

    final Events events;
    final Object lock;
    final ByteRing rx = new ByteRing(RCVBUF);
    /** Addresses of this end and of the other end. */
    final SockAddr local;
    final SockAddr remote;

    /** The other end will send nothing more: reads past the data give 0. */
    boolean rxEnded;
    /** This end shut down reading: reads give 0 at once. */
    boolean rxShut;
    /** This end shut down writing or closed. */
    boolean txShut;
    /** A positive errno the next call reports (ECONNRESET), or 0. */
    int error;
    /** Bumped on every arrival, so edge-triggered epoll can see new data. */
    long arrivals;

    Connection(Events events, Object lock, SockAddr local, SockAddr remote) {
        this.events = events;
        this.lock = lock;
        this.local = local;
        this.remote = remote;
    }

    /**
     * Takes up to {@code n} bytes into {@code b}: the count, 0 at the end of the stream,
     * {@link #WAIT}, or a negated pending error.
     */
    int receive(byte[] b, int n, boolean peek) {
        int k;
        synchronized (lock) {
            if (rxShut) {
                return 0;
            }
            if (rx.size() == 0) {
                if (error != 0) {
                    int e = error;
                    error = 0;
                    return -e;
                }
                return rxEnded ? 0 : WAIT;
            }
            k = rx.take(b, n, peek);
        }
        if (!peek) {
            drained();
            events.signal();
        }
        return k;
    }

    /** Room opened in the receive buffer; a host connection may read again. */
    void drained() {
    }

    /** Bytes waiting to be received. */
    int available() {
        synchronized (lock) {
            return rx.size();
        }
    }

    /** Sends up to {@code n} bytes of {@code b}: the count, {@link #WAIT} or -EPIPE. */
    abstract int send(byte[] b, int n);

    /** Whether a send would not wait now (it may still fail). */
    abstract boolean sendReady();

    /** Sends a FIN: the other end reads to the end of the stream. */
    abstract void shutdownOutput();

    /** Stops reading: later receives give 0 (the other end's data is dropped). */
    void shutdownInput() {
        synchronized (lock) {
            rxShut = true;
        }
        events.signal();
    }

    /** The socket closed: release the other end. */
    abstract void close();

    /** The connection is dropped before anyone used it (its listener closed): a reset. */
    void reset() {
        close();
    }

    /**
     * Whether a MSG_WAITALL receive of {@code want} bytes should wait for more: fewer are
     * here, more can come, and they fit in the buffer.
     */
    boolean shortOfWaitAll(int want) {
        synchronized (lock) {
            return rx.size() < want && want <= RCVBUF && !rxEnded && !rxShut && error == 0;
        }
    }

    /** Arrivals so far, read under the lock. */
    long arrivalCount() {
        synchronized (lock) {
            return arrivals;
        }
    }

    /** The poll bits of this end now. */
    int pollBits() {
        synchronized (lock) {
            int bits = 0;
            if (rx.size() > 0 || rxEnded || rxShut || error != 0) {
                bits |= LinuxFlags.POLLIN;
            }
            if (rxEnded || rxShut) {
                bits |= SocketFile.POLLRDHUP;
            }
            if (sendReady()) {
                bits |= LinuxFlags.POLLOUT;
            }
            if (error != 0) {
                bits |= LinuxFlags.POLLERR;
            }
            if ((rxEnded || rxShut) && txShut) {
                bits |= LinuxFlags.POLLHUP;
            }
            return bits;
        }
    }

    /** Reads and clears the pending error (SO_ERROR). */
    int takeError() {
        synchronized (lock) {
            int e = error;
            error = 0;
            return e;
        }
    }
}

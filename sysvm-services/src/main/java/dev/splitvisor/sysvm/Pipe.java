package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pipe: a 64 KiB ring between its read handles and its write handles. Writes of at most
 * {@value #PIPE_BUF} bytes go in whole or not at all; larger ones take what fits. Every change
 * a parked reader or writer may wait for signals the system VM's {@link Events}.
 */
final class Pipe {
    /** Bytes the ring holds. */
    static final int CAPACITY = 64 * 1024;
    /** Largest write that is atomic, as POSIX PIPE_BUF on Linux. */
    static final int PIPE_BUF = 4096;
    /** What read and write return when they would wait. */
    static final int WAIT = -Errno.WOULD_BLOCK;

    private static final AtomicLong INODES = new AtomicLong(1);

    /** The st_ino of both ends. */
    final long ino = INODES.getAndIncrement();

    /** Bytes a new pipe's ring starts with; it doubles up to {@link #CAPACITY} as needed. */
    private static final int INITIAL_RING = 4096;

    private final Events events;
    private byte[] ring = new byte[INITIAL_RING];
    private int head;
    private int count;
    private int readers;
    private int writers;

    Pipe(Events events) {
        this.events = events;
    }

    /** One more handle of the read ({@code read}) or write end. */
    synchronized void opened(boolean read) {
        if (read) {
            readers++;
        } else {
            writers++;
        }
    }

    /** A handle of one end closed. */
    void closed(boolean read) {
        synchronized (this) {
            if (read) {
                readers--;
            } else {
                writers--;
            }
        }
        events.signal();
    }

    /** Takes up to {@code n} bytes: the count, 0 when empty and writer-less, or {@link #WAIT}. */
    int read(byte[] b, int n) {
        int k;
        synchronized (this) {
            if (count == 0) {
                return writers == 0 ? 0 : WAIT;
            }
            k = Math.min(n, count);
            int first = Math.min(k, ring.length - head);
            System.arraycopy(ring, head, b, 0, first);
            System.arraycopy(ring, 0, b, first, k - first);
            head = (head + k) % ring.length;
            count -= k;
        }
        events.signal();
        return k;
    }

    /**
     * Puts bytes in: all {@code n} of an atomic write or nothing, else what fits; -EPIPE
     * without readers, {@link #WAIT} when nothing can go in.
     */
    int write(byte[] b, int n, boolean atomic) {
        int k;
        synchronized (this) {
            if (readers == 0) {
                return -Errno.EPIPE;
            }
            int space = CAPACITY - count;
            if (space == 0 || atomic && space < n) {
                return WAIT;
            }
            k = Math.min(n, space);
            growFor(count + k);
            int tail = (head + count) % ring.length;
            int first = Math.min(k, ring.length - tail);
            System.arraycopy(b, 0, ring, tail, first);
            System.arraycopy(b, first, ring, 0, k - first);
            count += k;
        }
        events.signal();
        return k;
    }

    /**
     * Makes the ring hold {@code needed} bytes. Idle pipes stay small, so a guest's many pipes
     * cost host memory only for the bytes it actually leaves in them.
     */
    private void growFor(int needed) {
        if (needed <= ring.length) {
            return;
        }
        int size = ring.length;
        while (size < needed) {
            size *= 2;
        }
        byte[] bigger = new byte[Math.min(size, CAPACITY)];
        int first = Math.min(count, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, count - first);
        ring = bigger;
        head = 0;
    }

    /** Bytes waiting to be read. */
    synchronized int available() {
        return count;
    }

    /** Poll bits of the read end: POLLIN with data, POLLHUP without writers. */
    synchronized int readEvents() {
        return (count > 0 ? LinuxFlags.POLLIN : 0) | (writers == 0 ? LinuxFlags.POLLHUP : 0);
    }

    /** Poll bits of the write end: POLLOUT with room, and POLLERR without readers. */
    synchronized int writeEvents() {
        return (count < CAPACITY ? LinuxFlags.POLLOUT : 0)
                | (readers == 0 ? LinuxFlags.POLLERR : 0);
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;

/**
 * An eventfd: a 64-bit counter that writes add to and reads take (all of it, or one in
 * semaphore mode). A read of zero and a write that would pass 2^64-2 wait like a pipe does.
 */
final class EventCounter extends OpenFile {
    static final int EFD_SEMAPHORE = 1;
    private static final long MAX = 0xFFFFFFFFFFFFFFFEL;
    private static final long ANON_DEV = 0xd;

    private final Events events;
    private final boolean semaphore;
    private long count;

    EventCounter(Events events, long initial, int flags) {
        super(null, LinuxFlags.O_RDWR | (flags & LinuxFlags.O_NONBLOCK));
        this.events = events;
        this.semaphore = (flags & EFD_SEMAPHORE) != 0;
        this.count = initial;
    }

    @Override
    long read(Grant g, long offset, byte[] staging) {
        if (g.length() < 8) {
            return -Errno.EINVAL;
        }
        long value;
        synchronized (this) {
            if (count == 0) {
                return nonBlocking() ? -Errno.EAGAIN : -Errno.WOULD_BLOCK;
            }
            value = semaphore ? 1 : count;
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (value >>> (8 * i));
            }
            int put = g.copyIn(0, b, 0, 8);
            if (put < 0) {
                return put;
            }
            count -= value;
        }
        events.signal();
        return 8;
    }

    @Override
    long write(Grant g, long offset, byte[] staging) {
        if (g.length() < 8) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[8];
        int got = g.copyOut(0, b, 0, 8);
        if (got < 0) {
            return got;
        }
        long add = 0;
        for (int i = 7; i >= 0; i--) {
            add = (add << 8) | (b[i] & 0xFF);
        }
        if (add == -1L) {
            return -Errno.EINVAL;
        }
        synchronized (this) {
            if (Long.compareUnsigned(add, MAX - count) > 0) {
                return nonBlocking() ? -Errno.EAGAIN : -Errno.WOULD_BLOCK;
            }
            count += add;
        }
        events.signal();
        return 8;
    }

    @Override
    synchronized int poll() {
        return (count > 0 ? LinuxFlags.POLLIN : 0) | (count != MAX ? LinuxFlags.POLLOUT : 0);
    }

    @Override
    Stat stat() {
        Stat s = new Stat();
        s.dev = ANON_DEV;
        s.mode = 0600;
        return s;
    }

    @Override
    String describe() {
        return "anon_inode:[eventfd]";
    }
}

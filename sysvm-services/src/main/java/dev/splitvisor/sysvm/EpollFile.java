package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An epoll instance: an interest list keyed by the session's handles. EPOLL_WAIT asks each
 * watched file for its poll bits now and never waits (the microkernel parks on the tenant's
 * event count, as for poll). Level-triggered by default; EPOLLONESHOT disarms an entry once it
 * is reported; EPOLLET reports an entry when a bit turned on or, for sockets, when data or a
 * connection arrived since the last report. Entries whose handle was closed (or now names
 * another file) drop out, as Linux drops them with the file. Reported entries move to the end
 * of the list, so a small maxevents still reaches every ready file in turn.
 */
final class EpollFile extends OpenFile {
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x1, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10,
            EPOLLRDNORM = 0x40, EPOLLWRNORM = 0x100, EPOLLEXCLUSIVE = 1 << 28,
            EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    /** Bytes of a packed struct epoll_event {u32 events; u64 data}. */
    static final int EVENT_BYTES = 12;
    private static final long ANON_DEV = 0xd;
    /** How deep epoll instances may watch each other, as Linux's EP_MAX_NESTS. */
    private static final int MAX_NESTING = 4;

    private final Session owner;
    private final Map<Integer, Interest> interests = new LinkedHashMap<>();

    /** One watched handle. */
    private static final class Interest {
        final OpenFile file;
        int events;
        long data;
        boolean armed = true;
        int lastBits;
        long lastArrivals;

        Interest(OpenFile file, int events, long data) {
            this.file = file;
            this.events = events;
            this.data = data;
        }
    }

    EpollFile(Session owner, int flags) {
        super(null, LinuxFlags.O_RDWR | (flags & LinuxFlags.O_NONBLOCK));
        this.owner = owner;
    }

    /** EPOLL_CTL on {@code handle} of the owner's session, which is {@code target}. */
    long ctl(int op, int handle, OpenFile target, Grant event) {
        if (target == this) {
            return -Errno.EINVAL;
        }
        if (target instanceof RegularFile || target instanceof DirectoryFile) {
            return -Errno.EPERM; // always ready, so Linux refuses to watch them
        }
        if (target instanceof EpollFile && ((EpollFile) target).watches(this, MAX_NESTING)) {
            return -Errno.ELOOP;
        }
        int events = 0;
        long data = 0;
        if (op != EPOLL_CTL_DEL) {
            byte[] b = new byte[EVENT_BYTES];
            if (event == null || event.copyOut(0, b, 0, EVENT_BYTES) < 0) {
                return -Errno.EFAULT;
            }
            events = (int) getLe(b, 0, 4);
            data = getLe(b, 4, 8);
        }
        synchronized (this) {
            dropStale();
            Interest i = interests.get(handle);
            switch (op) {
                case EPOLL_CTL_ADD:
                    if (i != null) {
                        return -Errno.EEXIST;
                    }
                    interests.put(handle, new Interest(target, events, data));
                    return 0;
                case EPOLL_CTL_MOD:
                    if (i == null) {
                        return -Errno.ENOENT;
                    }
                    if ((events & EPOLLEXCLUSIVE) != 0) {
                        return -Errno.EINVAL;
                    }
                    i.events = events;
                    i.data = data;
                    i.armed = true;
                    i.lastBits = 0;
                    return 0;
                case EPOLL_CTL_DEL:
                    return interests.remove(handle) == null ? -Errno.ENOENT : 0;
                default:
                    return -Errno.EINVAL;
            }
        }
    }

    /** Whether this instance watches {@code other}, directly or within {@code depth} hops. */
    private synchronized boolean watches(EpollFile other, int depth) {
        if (depth == 0) {
            return true; // too deep counts as a loop, as Linux refuses it too
        }
        for (Interest i : interests.values()) {
            if (i.file == other || i.file instanceof EpollFile
                    && ((EpollFile) i.file).watches(other, depth - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets entries whose handle closed or was reused for another file. */
    private void dropStale() {
        interests.entrySet().removeIf(e -> owner.fileOrNull(e.getKey()) != e.getValue().file);
    }

    /** EPOLL_WAIT: fills up to {@code max} events into {@code out}; how many. */
    long waitReady(Grant out, int max) {
        if (max <= 0) {
            return -Errno.EINVAL;
        }
        if (out == null || out.length() < EVENT_BYTES) {
            return -Errno.EFAULT;
        }
        int room = Math.min(max, out.length() / EVENT_BYTES);
        byte[] b = new byte[room * EVENT_BYTES];
        int n = 0;
        synchronized (this) {
            dropStale();
            List<Integer> reported = new ArrayList<>();
            for (Iterator<Map.Entry<Integer, Interest>> it = interests.entrySet().iterator();
                    it.hasNext() && n < room;) {
                Map.Entry<Integer, Interest> e = it.next();
                int bits = report(e.getValue());
                if (bits != 0) {
                    putLe(b, n * EVENT_BYTES, 4, bits);
                    putLe(b, n * EVENT_BYTES + 4, 8, e.getValue().data);
                    n++;
                    reported.add(e.getKey());
                }
            }
            for (Integer h : reported) {
                interests.put(h, interests.remove(h));
            }
        }
        if (n == 0) {
            return 0;
        }
        int put = out.copyIn(0, b, 0, n * EVENT_BYTES);
        return put < 0 ? put : n;
    }

    /** The bits to report for {@code i} now, updating its edge and one-shot state; 0: none. */
    private static int report(Interest i) {
        if (!i.armed) {
            return 0;
        }
        int bits = readiness(i.file) & (i.events | EPOLLERR | EPOLLHUP) & 0xFFFF;
        if ((i.events & EPOLLET) != 0) {
            long arrivals = i.file instanceof SocketFile ? ((SocketFile) i.file).arrivals() : 0;
            boolean fresh = (bits & ~i.lastBits) != 0 || bits != 0 && arrivals != i.lastArrivals;
            i.lastBits = bits;
            i.lastArrivals = arrivals;
            if (!fresh) {
                return 0;
            }
        }
        if (bits != 0 && (i.events & EPOLLONESHOT) != 0) {
            i.armed = false;
        }
        return bits;
    }

    /** A file's poll bits with the RDNORM and WRNORM bits Linux adds. */
    private static int readiness(OpenFile f) {
        int now = f.poll();
        if ((now & EPOLLIN) != 0) {
            now |= EPOLLRDNORM;
        }
        if ((now & EPOLLOUT) != 0) {
            now |= EPOLLWRNORM;
        }
        return now;
    }

    /** An epoll instance is readable when any watched entry would be reported. */
    @Override
    synchronized int poll() {
        dropStale();
        for (Interest i : interests.values()) {
            if (i.armed && (readiness(i.file) & (i.events | EPOLLERR | EPOLLHUP) & 0xFFFF) != 0) {
                return LinuxFlags.POLLIN;
            }
        }
        return 0;
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
        return "anon_inode:[eventpoll]";
    }

    @Override
    synchronized void close() {
        interests.clear();
    }

    private static long getLe(byte[] b, int at, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = v << 8 | (b[at + k] & 0xFF);
        }
        return v;
    }

    private static void putLe(byte[] b, int at, int n, long v) {
        for (int k = 0; k < n; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }
}

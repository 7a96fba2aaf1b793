package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.LinuxFlags.*;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.Lock;

/**
 * The requests on a handle: data, offsets, directory listing, status flags, ioctl, poll,
 * locks, pipes. They check the handle's kind and access mode the way Linux checks a file
 * descriptor, then ask the {@link OpenFile}. O_PATH handles answer EBADF to all but FSTAT,
 * GETPATH, GETFL and CLOSE.
 */
final class HandleServices {
    /** ioctl FIONBIO: sets or clears O_NONBLOCK from an int. */
    private static final int FIONBIO = 0x5421;
    /** poll bits Linux adds for ready data: POLLRDNORM, POLLWRNORM. */
    private static final short POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    /** Bytes of one poll entry {int handle; short events; short revents}. */
    private static final int POLL_ENTRY = 8;

    private HandleServices() {
    }

    /** The open file of {@code handle}, refusing an O_PATH handle with EBADF. */
    private static OpenFile usable(Session s, int handle) {
        OpenFile f = s.file(handle);
        if (f.pathOnly()) {
            throw new VfsError(Errno.EBADF);
        }
        return f;
    }

    static long read(Session s, HypercallRequest r) {
        OpenFile f = usable(s, r.handle);
        if (!f.readable()) {
            return -Errno.EBADF;
        }
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        if (r.arg0 < -1) {
            return -Errno.EINVAL;
        }
        return f.read(r.grant, r.arg0, s.staging);
    }

    static long write(Session s, HypercallRequest r) {
        OpenFile f = usable(s, r.handle);
        if (!f.writable()) {
            return -Errno.EBADF;
        }
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        if (r.arg0 < -1) {
            return -Errno.EINVAL;
        }
        return f.write(r.grant, r.arg0, s.staging);
    }

    /** CONSOLE_READ and CONSOLE_WRITE: the console itself, whatever became of handles 0-2. */
    static long console(Session s, HypercallRequest r, boolean write) {
        int h = r.handle;
        if (write ? h != 1 && h != 2 : h != 0) {
            return -Errno.EBADF;
        }
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        OpenFile f = s.consoleFiles[h];
        return write ? f.write(r.grant, -1, s.staging) : f.read(r.grant, -1, s.staging);
    }

    static long seek(Session s, HypercallRequest r) {
        return usable(s, r.handle).seek(r.arg0, (int) r.arg1);
    }

    static long getdents(Session s, HypercallRequest r) {
        OpenFile f = usable(s, r.handle);
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        Lock lock = Namespace.LOCK.readLock();
        lock.lock();
        try {
            return f.getdents(r.grant);
        } finally {
            lock.unlock();
        }
    }

    static long truncate(Session s, HypercallRequest r) {
        OpenFile f = usable(s, r.handle);
        if (!f.writable()) {
            return -Errno.EINVAL;
        }
        return f.truncate(r.arg0);
    }

    static long fsync(Session s, HypercallRequest r) {
        return usable(s, r.handle).fsync(r.arg0 == 1);
    }

    /** PIPE: read handle | write handle << 32. */
    static long pipe(Session s, HypercallRequest r) {
        int flags = (int) r.arg0 & O_NONBLOCK;
        s.reserve(2);
        Pipe pipe = new Pipe(s.vm.events);
        long read = s.install(new PipeEnd(pipe, true, flags));
        long write = s.install(new PipeEnd(pipe, false, flags));
        return read | write << 32;
    }

    /** EVENTFD: a new eventfd counter's handle. */
    static long eventfd(Session s, HypercallRequest r) {
        int flags = (int) r.arg1 & (EventCounter.EFD_SEMAPHORE | O_NONBLOCK);
        s.reserve(1);
        return s.install(new EventCounter(s.vm.events, r.arg0 & 0xFFFFFFFFL, flags));
    }

    static long getfl(Session s, HypercallRequest r) {
        return s.file(r.handle).flags();
    }

    static long setfl(Session s, HypercallRequest r) {
        usable(s, r.handle).setFlags((int) r.arg0);
        return 0;
    }

    static long ioctl(Session s, HypercallRequest r) {
        OpenFile f = usable(s, r.handle);
        int request = (int) r.arg0;
        if (request == FIONBIO) {
            byte[] b = new byte[4];
            if (r.grant == null || r.grant.copyOut(0, b, 0, 4) < 0) {
                return -Errno.EFAULT;
            }
            boolean on = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() != 0;
            f.setFlags(on ? f.flags() | O_NONBLOCK : f.flags() & ~O_NONBLOCK);
            return 0;
        }
        return s.terminal.ioctl(f, request, r.grant);
    }

    /** POLL: fills each entry's revents now; the number of entries with any. */
    static long poll(Session s, HypercallRequest r) {
        Grant g = r.grant;
        long count = r.arg0;
        if (count < 0 || count > s.maxHandles() * 4L) {
            return -Errno.EINVAL;
        }
        if (g == null || count * POLL_ENTRY > g.length()) {
            return count == 0 ? 0 : -Errno.EFAULT;
        }
        byte[] table = new byte[(int) count * POLL_ENTRY];
        int got = g.copyOut(0, table, 0, table.length);
        if (got < 0) {
            return got;
        }
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        int ready = 0;
        for (int k = 0; k < count; k++) {
            int at = k * POLL_ENTRY;
            short revents = revents(s, b.getInt(at), b.getShort(at + 4));
            b.putShort(at + 6, revents);
            ready += revents != 0 ? 1 : 0;
        }
        int put = g.copyIn(0, table, 0, table.length);
        return put < 0 ? put : ready;
    }

    private static short revents(Session s, int handle, short events) {
        if (handle < 0) {
            return 0;
        }
        OpenFile f = s.fileOrNull(handle);
        if (f == null || f.pathOnly()) {
            return POLLNVAL;
        }
        int now = f.poll();
        if ((now & POLLIN) != 0) {
            now |= POLLRDNORM;
        }
        if ((now & POLLOUT) != 0) {
            now |= POLLWRNORM;
        }
        return (short) (now & (events | POLLERR | POLLHUP));
    }

    /** GETPATH: the handle's guest path, NUL-terminated; ERANGE when the grant is short. */
    static long getpath(Session s, HypercallRequest r) {
        Grant g = r.grant;
        if (g == null) {
            return -Errno.EFAULT;
        }
        byte[] text = s.file(r.handle).describe().getBytes(StandardCharsets.UTF_8);
        if (text.length > PATH_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        if (text.length + 1 > g.length()) {
            return -Errno.ERANGE;
        }
        byte[] b = new byte[text.length + 1];
        System.arraycopy(text, 0, b, 0, text.length);
        int put = g.copyIn(0, b, 0, b.length);
        return put < 0 ? put : b.length;
    }

    static long flock(Session s, HypercallRequest r) {
        OpenFile f = usable(s, r.handle);
        Lock lock = Namespace.LOCK.readLock();
        lock.lock();
        try {
            return s.vm.flocks.flock(f, (int) r.arg0);
        } finally {
            lock.unlock();
        }
    }
}

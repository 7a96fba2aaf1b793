package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;

/**
 * poll, ppoll, select and pselect6: readiness comes from the system VM (which never waits);
 * when nothing is ready the task parks until the next event or its timeout.
 */
final class PollCalls {
    private static final short POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8,
            POLLHUP = 0x10, POLLNVAL = 0x20;

    private PollCalls() {
    }

    /** Deadline for a wait of {@code timeoutNanos} (negative: forever), kept across retries. */
    static long deadline(Microkernel k, Task t, long timeoutNanos) {
        if (t.retrying) {
            return t.retryDeadline;
        }
        long d = timeoutNanos < 0 ? Long.MAX_VALUE : k.now() + timeoutNanos;
        t.retryDeadline = d;
        return d;
    }

    static long poll(Microkernel k, Task t, long fds, long nfds, long timeoutNanos) {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) {
            return -Errno.EINVAL;
        }
        long deadline = deadline(k, t, timeoutNanos);
        AddressSpace mem = Microkernel.space(t);
        int n = (int) nfds;
        byte[] user = GuestMemory.read(mem, fds, 8 * n);
        byte[] req = new byte[8 * n];
        for (int i = 0; i < n; i++) {
            int fd = (int) SignalDelivery.getLong(user, 8 * i) ;
            int h = fd < 0 ? -1 : t.process.files.handle(fd);
            SignalDelivery.putInt(req, 8 * i, fd < 0 ? Integer.MIN_VALUE : h < 0 ? -2 : h);
            req[8 * i + 4] = user[8 * i + 4];
            req[8 * i + 5] = user[8 * i + 5];
        }
        long ready = k.port.call(k.request.set(Opcode.POLL, 0, Grant.ofBuffer(req, 0, req.length,
                true)).args(n, 0));
        if (ready < 0) {
            return ready;
        }
        ready = 0;
        for (int i = 0; i < n; i++) {
            int fd = (int) SignalDelivery.getLong(user, 8 * i);
            short rev = fd < 0 ? 0 : (short) ((req[8 * i + 6] & 0xFF) | (req[8 * i + 7] << 8));
            if (fd >= 0 && t.process.files.handle(fd) < 0) {
                rev = POLLNVAL;
            }
            user[8 * i + 6] = (byte) rev;
            user[8 * i + 7] = (byte) (rev >> 8);
            if (rev != 0) {
                ready++;
            }
        }
        if (ready == 0 && k.now() < deadline) {
            t.restartable = false;
            return k.park(t, Task.RETRY, deadline, 0);
        }
        GuestMemory.write(mem, fds, user, user.length);
        t.retrying = false;
        return ready;
    }

    /** select and pselect6, as a poll over the descriptors of the three sets. */
    static long select(Microkernel k, Task t, int nfds, long rd, long wr, long ex,
            long timeoutNanos) {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) {
            return -Errno.EINVAL;
        }
        long deadline = deadline(k, t, timeoutNanos);
        AddressSpace mem = Microkernel.space(t);
        int bytes = ((nfds + 63) / 64) * 8;
        byte[][] sets = {read(mem, rd, bytes), read(mem, wr, bytes), read(mem, ex, bytes)};
        short[] want = {POLLIN, POLLOUT, POLLPRI};
        byte[] req = new byte[8 * nfds];
        for (int fd = 0; fd < nfds; fd++) {
            int ev = 0;
            for (int s = 0; s < 3; s++) {
                if (sets[s] != null && (sets[s][fd >> 3] & (1 << (fd & 7))) != 0) {
                    ev |= want[s];
                }
            }
            int h = ev == 0 ? Integer.MIN_VALUE : t.process.files.handle(fd);
            if (ev != 0 && h < 0) {
                return -Errno.EBADF;
            }
            SignalDelivery.putInt(req, 8 * fd, h);
            req[8 * fd + 4] = (byte) ev;
        }
        long r = k.port.call(k.request.set(Opcode.POLL, 0, Grant.ofBuffer(req, 0, req.length,
                true)).args(nfds, 0));
        if (r < 0) {
            return r;
        }
        byte[][] out = {new byte[bytes], new byte[bytes], new byte[bytes]};
        int count = 0;
        for (int fd = 0; fd < nfds; fd++) {
            int ev = req[8 * fd + 4];
            int rev = (req[8 * fd + 6] & 0xFF) | (req[8 * fd + 7] << 8);
            boolean[] hit = {(rev & (POLLIN | POLLHUP | POLLERR)) != 0 && (ev & POLLIN) != 0,
                (rev & (POLLOUT | POLLERR)) != 0 && (ev & POLLOUT) != 0,
                (rev & POLLPRI) != 0 && (ev & POLLPRI) != 0};
            for (int s = 0; s < 3; s++) {
                if (hit[s]) {
                    out[s][fd >> 3] |= (byte) (1 << (fd & 7));
                    count++;
                }
            }
        }
        if (count == 0 && k.now() < deadline) {
            t.restartable = false;
            return k.park(t, Task.RETRY, deadline, 0);
        }
        long[] addrs = {rd, wr, ex};
        for (int s = 0; s < 3; s++) {
            if (addrs[s] != 0) {
                GuestMemory.write(mem, addrs[s], out[s], bytes);
            }
        }
        t.retrying = false;
        return count;
    }

    private static byte[] read(AddressSpace mem, long addr, int bytes) {
        return addr == 0 ? null : GuestMemory.read(mem, addr, bytes);
    }

    /** A struct timespec as nanoseconds; -1 for a null pointer (wait forever). */
    static long timespec(AddressSpace mem, long addr) {
        if (addr == 0) {
            return -1;
        }
        long sec = GuestMemory.read64(mem, addr);
        long nsec = GuestMemory.read64(mem, addr + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            throw new SyscallError(Errno.EINVAL);
        }
        return sec > Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2
                : sec * 1_000_000_000L + nsec;
    }

    /** A struct timeval as nanoseconds; -1 for a null pointer. */
    static long timeval(AddressSpace mem, long addr) {
        if (addr == 0) {
            return -1;
        }
        long sec = GuestMemory.read64(mem, addr);
        long usec = GuestMemory.read64(mem, addr + 8);
        if (sec < 0 || usec < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return sec > Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2
                : sec * 1_000_000_000L + usec * 1000;
    }
}

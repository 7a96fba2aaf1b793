package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;

/**
 * The socket system calls. Sockets live in the tenant's system VM; these calls map
 * descriptors to handles, carry socket addresses between guest memory and 128-byte kernel
 * buffers (the system VM puts an address's length in the buffer's last 4 bytes), and park
 * the task when the system VM answers WOULD_BLOCK, as {@link FileCalls} does for pipes.
 * sendmsg and recvmsg gather and scatter the iovecs through one kernel buffer and carry no
 * ancillary data.
 */
final class SocketCalls {
    static final int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    static final int MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    /** Linux's errno for too many iovecs in one message (not in the hypercall Errno list). */
    private static final int EMSGSIZE = 90;
    /** Bytes of the address buffers, as Linux's struct sockaddr_storage. */
    private static final int ADDR_BUFFER = 128;
    /** Bytes one sendmsg or recvmsg moves through the kernel buffer at most. */
    private static final int MAX_MSG = 256 * 1024;
    private static final int MAX_IO = 0x7FFFF000;
    private static final int MAX_IOV = 1024;
    private static final int MAX_OPTION = 256;
    /** Offsets in struct msghdr. */
    private static final int MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24,
            MSG_CONTROL = 32, MSG_CONTROLLEN = 40, MSG_FLAGS = 48, MSGHDR_BYTES = 56;

    private SocketCalls() {
    }

    // ---------------------------------------------------------------- creation

    static long socket(Microkernel k, Task t, int domain, int type, int protocol) {
        HypercallRequest r = k.request.set(Opcode.SOCKET, 0, null).args(domain, type);
        r.handle2 = protocol;
        long h = k.port.call(r);
        if (h < 0) {
            return h;
        }
        return FileCalls.newFd(k, t, (int) h, (type & SOCK_CLOEXEC) != 0, 0);
    }

    static long socketpair(Microkernel k, Task t, int domain, int type, int protocol, long sv) {
        HypercallRequest req = k.request.set(Opcode.SOCKETPAIR, 0, null).args(domain, type);
        req.handle2 = protocol;
        return FileCalls.newFdPair(k, t, req, sv, (type & SOCK_CLOEXEC) != 0);
    }

    // ---------------------------------------------------------------- names and connections

    /** The guest's struct sockaddr of {@code len} bytes as a grant; EINVAL past 128. */
    private static Grant address(Task t, long addr, long len) {
        if (len < 0 || len > ADDR_BUFFER) {
            throw new SyscallError(Errno.EINVAL);
        }
        return new Grant(Microkernel.space(t), addr, (int) len, false);
    }

    static long bind(Microkernel k, Task t, int fd, long addr, long len) {
        int h = FileCalls.handle(t, fd);
        return k.port.call(k.request.set(Opcode.BIND, h, address(t, addr, len)));
    }

    /** connect: a blocking connect to the host parks until it is established or fails. */
    static long connect(Microkernel k, Task t, int fd, long addr, long len) {
        int h = FileCalls.handle(t, fd);
        long r = k.port.call(k.request.set(Opcode.CONNECT, h, address(t, addr, len)));
        return FileCalls.parkIfBlocked(k, t, r, false);
    }

    static long listen(Microkernel k, Task t, int fd, int backlog) {
        int h = FileCalls.handle(t, fd);
        return k.port.call(k.request.set(Opcode.LISTEN, h, null).args(backlog, 0));
    }

    static long accept4(Microkernel k, Task t, int fd, long addr, long lenp, int flags) {
        int h = FileCalls.handle(t, fd);
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        byte[] peer = addr != 0 ? new byte[ADDR_BUFFER] : null;
        Grant g2 = peer == null ? null : Grant.ofBuffer(peer, 0, ADDR_BUFFER, true);
        long r = k.port.call(k.request.set(Opcode.ACCEPT, h, null).grant2(g2)
                .args(flags & SOCK_NONBLOCK, 0));
        if (r < 0) {
            return FileCalls.parkIfBlocked(k, t, r, true);
        }
        if (peer != null) {
            try {
                putAddress(t, peer, addr, lenp);
            } catch (SyscallError e) {
                k.port.call(k.request.set(Opcode.CLOSE, (int) r, null));
                throw e;
            }
        }
        return FileCalls.newFd(k, t, (int) r, (flags & SOCK_CLOEXEC) != 0, 0);
    }

    /**
     * Copies an address the system VM left in a 128-byte buffer (length in the last 4 bytes)
     * to the guest: as many bytes as *lenp allows, and its full length into *lenp.
     */
    private static void putAddress(Task t, byte[] buf, long addr, long lenp) {
        AddressSpace mem = Microkernel.space(t);
        int alen = (buf[ADDR_BUFFER - 4] & 0xFF) | (buf[ADDR_BUFFER - 3] & 0xFF) << 8;
        putName(mem, buf, alen, addr, lenp);
    }

    private static void putName(AddressSpace mem, byte[] buf, int alen, long addr, long lenp) {
        if (lenp == 0) {
            return;
        }
        int ulen = GuestMemory.read32(mem, lenp);
        if (ulen < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        int n = Math.min(ulen, alen);
        if (n > 0) {
            GuestMemory.write(mem, addr, buf, n);
        }
        GuestMemory.write32(mem, lenp, alen);
    }

    /** getsockname and getpeername. */
    static long sockname(Microkernel k, Task t, int fd, long addr, long lenp, boolean peer) {
        int h = FileCalls.handle(t, fd);
        byte[] buf = new byte[ADDR_BUFFER];
        long r = k.port.call(k.request.set(peer ? Opcode.GETPEERNAME : Opcode.GETSOCKNAME, h,
                Grant.ofBuffer(buf, 0, ADDR_BUFFER, true)));
        if (r < 0) {
            return r;
        }
        putName(Microkernel.space(t), buf, (int) r, addr, lenp);
        return 0;
    }

    static long shutdown(Microkernel k, Task t, int fd, int how) {
        int h = FileCalls.handle(t, fd);
        return k.port.call(k.request.set(Opcode.SHUTDOWN, h, null).args(how, 0));
    }

    // ---------------------------------------------------------------- data

    /**
     * sendto (and send). A blocking stream send moves everything before it returns: when the
     * system VM takes part, the task parks and goes on from where it stopped.
     */
    static long sendto(Microkernel k, Task t, int fd, long buf, long len, int flags, long dest,
            long destLen) {
        int h = FileCalls.handle(t, fd);
        int total = (int) (Long.compareUnsigned(len, MAX_IO) > 0 ? MAX_IO : len);
        Grant to = dest == 0 ? null : address(t, dest, destLen);
        long done = t.retrying ? t.ioDone : 0;
        t.ioDone = 0;
        Grant g = new Grant(Microkernel.space(t), buf + done, (int) (total - done), false);
        long r = k.port.call(k.request.set(Opcode.SENDTO, h, g).grant2(to).args(flags, 0));
        return sent(k, t, h, r, done, total, flags);
    }

    /** Finishes a send: SIGPIPE on EPIPE, parking on WOULD_BLOCK or on a partial send. */
    private static long sent(Microkernel k, Task t, int h, long r, long done, long total,
            int flags) {
        if (r == -Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0) {
            SignalDelivery.sendToTask(k, t, new SigInfo(Signal.SIGPIPE, SigInfo.SI_USER));
        }
        if (r == -Errno.WOULD_BLOCK) {
            t.ioDone = done; // no room yet: wait, keeping what was already sent
            return FileCalls.parkIfBlocked(k, t, r, true);
        }
        if (r < 0) {
            return done > 0 ? done : r;
        }
        done += r;
        if (done < total && r > 0 && (flags & MSG_DONTWAIT) == 0 && !nonBlocking(k, h)) {
            t.ioDone = done;
            t.restartable = true;
            return k.park(t, Task.RETRY, Long.MAX_VALUE, 0);
        }
        return done;
    }

    private static boolean nonBlocking(Microkernel k, int handle) {
        long fl = k.port.call(k.request.set(Opcode.GETFL, handle, null));
        return fl >= 0 && (fl & FileCalls.O_NONBLOCK) != 0;
    }

    /** recvfrom (and recv). */
    static long recvfrom(Microkernel k, Task t, int fd, long buf, long len, int flags,
            long src, long srcLenp) {
        int h = FileCalls.handle(t, fd);
        int total = (int) (Long.compareUnsigned(len, MAX_IO) > 0 ? MAX_IO : len);
        Grant g = new Grant(Microkernel.space(t), buf, total, true);
        byte[] from = src != 0 ? new byte[ADDR_BUFFER] : null;
        Grant g2 = from == null ? null : Grant.ofBuffer(from, 0, ADDR_BUFFER, true);
        long r = k.port.call(k.request.set(Opcode.RECVFROM, h, g).grant2(g2).args(flags, 0));
        if (r < 0) {
            return FileCalls.parkIfBlocked(k, t, r, true);
        }
        if (from != null) {
            putAddress(t, from, src, srcLenp);
        }
        return r;
    }

    /** The iovecs of a msghdr: {base, length} pairs, their total capped at MAX_MSG. */
    private static long[][] iovecs(AddressSpace mem, long msg) {
        long iov = GuestMemory.read64(mem, msg + MSG_IOV);
        long count = GuestMemory.read64(mem, msg + MSG_IOVLEN);
        if (count < 0 || count > MAX_IOV) {
            throw new SyscallError(EMSGSIZE);
        }
        long[][] v = new long[(int) count][2];
        for (int i = 0; i < count; i++) {
            v[i][0] = GuestMemory.read64(mem, iov + 16L * i);
            v[i][1] = GuestMemory.read64(mem, iov + 16L * i + 8);
            if (v[i][1] < 0) {
                throw new SyscallError(Errno.EINVAL);
            }
        }
        return v;
    }

    private static int totalOf(long[][] iov) {
        long total = 0;
        for (long[] v : iov) {
            total += v[1];
        }
        return (int) Math.min(total, MAX_MSG);
    }

    static long sendmsg(Microkernel k, Task t, int fd, long msg, int flags) {
        int h = FileCalls.handle(t, fd);
        AddressSpace mem = Microkernel.space(t);
        byte[] hdr = GuestMemory.read(mem, msg, MSGHDR_BYTES);
        if (SignalDelivery.getLong(hdr, MSG_CONTROLLEN) != 0) {
            return -Errno.EOPNOTSUPP; // ancillary data (SCM_RIGHTS...) is not carried
        }
        long[][] iov = iovecs(mem, msg);
        byte[] data = new byte[totalOf(iov)];
        int at = 0;
        for (long[] v : iov) {
            int n = (int) Math.min(v[1], data.length - at);
            if (n > 0) {
                System.arraycopy(GuestMemory.read(mem, v[0], n), 0, data, at, n);
                at += n;
            }
        }
        long name = SignalDelivery.getLong(hdr, MSG_NAME);
        long nameLen = SignalDelivery.getLong(hdr, MSG_NAMELEN) & 0xFFFFFFFFL;
        Grant to = name == 0 ? null : address(t, name, nameLen);
        long done = t.retrying ? t.ioDone : 0;
        t.ioDone = 0;
        Grant g = Grant.ofBuffer(data, (int) done, data.length - (int) done, false);
        long r = k.port.call(k.request.set(Opcode.SENDTO, h, g).grant2(to).args(flags, 0));
        return sent(k, t, h, r, done, data.length, flags);
    }

    static long recvmsg(Microkernel k, Task t, int fd, long msg, int flags) {
        int h = FileCalls.handle(t, fd);
        AddressSpace mem = Microkernel.space(t);
        byte[] hdr = GuestMemory.read(mem, msg, MSGHDR_BYTES);
        long[][] iov = iovecs(mem, msg);
        byte[] data = new byte[totalOf(iov)];
        long name = SignalDelivery.getLong(hdr, MSG_NAME);
        byte[] from = name != 0 ? new byte[ADDR_BUFFER] : null;
        Grant g2 = from == null ? null : Grant.ofBuffer(from, 0, ADDR_BUFFER, true);
        long r = k.port.call(k.request.set(Opcode.RECVFROM, h, Grant.ofBuffer(data, 0,
                data.length, true)).grant2(g2).args(flags, 0));
        if (r < 0) {
            return FileCalls.parkIfBlocked(k, t, r, true);
        }
        int at = 0;
        for (long[] v : iov) {
            int n = (int) Math.min(v[1], r - at);
            if (n <= 0) {
                break;
            }
            byte[] part = new byte[n];
            System.arraycopy(data, at, part, 0, n);
            GuestMemory.write(mem, v[0], part, n);
            at += n;
        }
        if (from != null) {
            int alen = (from[ADDR_BUFFER - 4] & 0xFF) | (from[ADDR_BUFFER - 3] & 0xFF) << 8;
            int room = GuestMemory.read32(mem, msg + MSG_NAMELEN);
            GuestMemory.write(mem, name, from, Math.max(0, Math.min(room, alen)));
            GuestMemory.write32(mem, msg + MSG_NAMELEN, alen);
        } else {
            GuestMemory.write32(mem, msg + MSG_NAMELEN, 0);
        }
        GuestMemory.write64(mem, msg + MSG_CONTROLLEN, 0);
        GuestMemory.write32(mem, msg + MSG_FLAGS, 0);
        return r;
    }

    // ---------------------------------------------------------------- options

    static long getsockopt(Microkernel k, Task t, int fd, int level, int name, long val,
            long lenp) {
        int h = FileCalls.handle(t, fd);
        AddressSpace mem = Microkernel.space(t);
        int ulen = GuestMemory.read32(mem, lenp);
        if (ulen < 0) {
            return -Errno.EINVAL;
        }
        byte[] buf = new byte[Math.min(ulen, MAX_OPTION)];
        long r = k.port.call(k.request.set(Opcode.GETSOCKOPT, h, Grant.ofBuffer(buf, 0,
                buf.length, true)).args(level, name));
        if (r < 0) {
            return r;
        }
        GuestMemory.write(mem, val, buf, (int) r);
        GuestMemory.write32(mem, lenp, (int) r);
        return 0;
    }

    static long setsockopt(Microkernel k, Task t, int fd, int level, int name, long val,
            long len) {
        int h = FileCalls.handle(t, fd);
        if (len < 0 || len > Integer.MAX_VALUE) {
            return -Errno.EINVAL;
        }
        Grant g = new Grant(Microkernel.space(t), val, (int) Math.min(len, MAX_OPTION), false);
        return k.port.call(k.request.set(Opcode.SETSOCKOPT, h, g).args(level, name));
    }
}

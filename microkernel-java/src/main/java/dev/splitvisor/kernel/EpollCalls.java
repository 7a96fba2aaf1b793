package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;

/**
 * epoll_create, epoll_create1, epoll_ctl, epoll_wait and epoll_pwait. The interest list lives
 * in the system VM, keyed by handles; epoll_wait asks it what is ready now and, when nothing
 * is, parks like poll until the next event or the timeout. epoll_pwait's signal mask is not
 * applied during the wait (as ppoll's is not; see QUIRKS).
 */
final class EpollCalls {
    /** Bytes of a packed struct epoll_event {u32 events; u64 data}. */
    private static final int EVENT_BYTES = 12;
    private static final int EPOLL_CTL_DEL = 2;
    /** Events one epoll_wait returns at most, whatever maxevents says. */
    private static final int MAX_EVENTS = 1024;

    private EpollCalls() {
    }

    static long epollCreate(Microkernel k, Task t, int size) {
        return size <= 0 ? -Errno.EINVAL : epollCreate1(k, t, 0);
    }

    static long epollCreate1(Microkernel k, Task t, int flags) {
        if ((flags & ~FileCalls.O_CLOEXEC) != 0) {
            return -Errno.EINVAL;
        }
        long h = k.port.call(k.request.set(Opcode.EPOLL_CREATE, 0, null));
        if (h < 0) {
            return h;
        }
        return FileCalls.newFd(k, t, (int) h, (flags & FileCalls.O_CLOEXEC) != 0, 0);
    }

    static long epollCtl(Microkernel k, Task t, int epfd, int op, int fd, long event) {
        int ep = FileCalls.handle(t, epfd);
        int target = FileCalls.handle(t, fd);
        Grant g = op == EPOLL_CTL_DEL ? null
                : new Grant(Microkernel.space(t), event, EVENT_BYTES, false);
        HypercallRequest r = k.request.set(Opcode.EPOLL_CTL, ep, g).args(op, 0);
        r.handle2 = target;
        return k.port.call(r);
    }

    /** epoll_wait and epoll_pwait: {@code timeoutMillis} negative waits for ever. */
    static long epollWait(Microkernel k, Task t, int epfd, long events, int maxevents,
            int timeoutMillis) {
        int ep = FileCalls.handle(t, epfd);
        if (maxevents <= 0 || maxevents > Integer.MAX_VALUE / EVENT_BYTES) {
            return -Errno.EINVAL;
        }
        long deadline = PollCalls.deadline(k, t, timeoutMillis < 0 ? -1
                : timeoutMillis * 1_000_000L);
        int n = Math.min(maxevents, MAX_EVENTS);
        byte[] buf = new byte[n * EVENT_BYTES];
        long r = k.port.call(k.request.set(Opcode.EPOLL_WAIT, ep, Grant.ofBuffer(buf, 0,
                buf.length, true)).args(n, 0));
        if (r < 0) {
            return r;
        }
        if (r == 0 && k.now() < deadline) {
            t.restartable = false; // Linux never restarts epoll_wait after a handler: EINTR
            return k.park(t, Task.RETRY, deadline, 0);
        }
        GuestMemory.write(Microkernel.space(t), events, buf, (int) r * EVENT_BYTES);
        t.retrying = false;
        return r;
    }
}

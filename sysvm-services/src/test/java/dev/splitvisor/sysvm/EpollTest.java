package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.NetCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.hypercall.Errno;
import org.junit.jupiter.api.Test;

/** epoll over sockets and pipes: level and edge triggering, one-shot, stale handles. */
class EpollTest {
    private static final int ADD = 1, DEL = 2, MOD = 3;
    private static final int IN = 1, OUT = 4, ET = 1 << 31, ONESHOT = 1 << 30;

    @Test
    void reportsReadyListenersAndConnections() {
        NetCalls g = new NetCalls(new SystemVm("t").attach(new SessionSpec()));
        long ep = g.epollCreate();
        long l = g.socket(AF_INET, SOCK_STREAM);
        g.bind(l, in4("127.0.0.1", 6000));
        g.listen(l, 4);
        assertEquals(0, g.epollCtl(ep, ADD, l, IN, 42));
        assertEquals(-Errno.EEXIST, g.epollCtl(ep, ADD, l, IN, 42));
        assertEquals("", g.epollWait(ep, 8), "nothing pending yet");
        long c = g.socket(AF_INET, SOCK_STREAM);
        g.connect(c, in4("127.0.0.1", 6000));
        assertEquals("1:42", g.epollWait(ep, 8), "EPOLLIN on the listener");
        long s = g.accept(l, null, 0);
        assertEquals("", g.epollWait(ep, 8));
        assertEquals(0, g.epollCtl(ep, ADD, s, IN | OUT, 7));
        assertEquals("4:7", g.epollWait(ep, 8), "writable, nothing to read");
        g.send(c, "x");
        assertEquals("5:7", g.epollWait(ep, 8), "level-triggered: both bits");
        assertEquals("5:7", g.epollWait(ep, 8), "and again");
        assertEquals(0, g.epollCtl(ep, DEL, s, 0, 0));
        assertEquals(-Errno.ENOENT, g.epollCtl(ep, DEL, s, 0, 0));
        assertEquals("", g.epollWait(ep, 8));
        assertEquals("errno -" + Errno.EINVAL, g.epollWait(ep, 0));
    }

    @Test
    void edgeTriggeredReportsOnlyNewArrivals() {
        NetCalls g = new NetCalls(new SystemVm("t").attach(new SessionSpec()));
        long ep = g.epollCreate();
        long pair = g.port.call(new dev.splitvisor.hypercall.HypercallRequest()
                .set(dev.splitvisor.hypercall.Opcode.SOCKETPAIR, 0, null).args(AF_UNIX,
                        SOCK_STREAM));
        long a = (int) pair;
        long b = pair >>> 32;
        assertEquals(0, g.epollCtl(ep, ADD, b, IN | ET, 1));
        assertEquals("", g.epollWait(ep, 4));
        g.send(a, "one");
        assertEquals("1:1", g.epollWait(ep, 4));
        assertEquals("", g.epollWait(ep, 4), "no new edge while the data sits unread");
        g.send(a, "two");
        assertEquals("1:1", g.epollWait(ep, 4), "new data is a new edge");

        assertEquals(0, g.epollCtl(ep, MOD, b, IN | ONESHOT, 2));
        assertEquals("1:2", g.epollWait(ep, 4));
        assertEquals("", g.epollWait(ep, 4), "one-shot disarms after one report");
        assertEquals(0, g.epollCtl(ep, MOD, b, IN, 3));
        assertEquals("1:3", g.epollWait(ep, 4));
    }

    @Test
    void closedHandlesDropOutAndFilesAreRefused() {
        NetCalls g = new NetCalls(new SystemVm("t").attach(new SessionSpec()));
        GuestCalls files = new GuestCalls(g.port);
        long ep = g.epollCreate();
        int[] p = files.pipe(0);
        assertEquals(0, g.epollCtl(ep, ADD, p[0], IN, 9));
        files.write(p[1], "data");
        assertEquals("1:9", g.epollWait(ep, 4));
        assertEquals(IN, g.poll(ep, IN), "an epoll with a ready entry polls readable");
        g.close(p[0]);
        assertEquals("", g.epollWait(ep, 4), "the closed handle's entry is gone");
        long f = files.open("/tmp/f", GuestCalls.O_CREAT | GuestCalls.O_RDWR);
        assertEquals(-Errno.EPERM, g.epollCtl(ep, ADD, f, IN, 0));
        assertEquals(-Errno.EINVAL, g.epollCtl(ep, ADD, ep, IN, 0));
        assertEquals(-Errno.EINVAL, g.epollCtl(f, ADD, p[1], IN, 0), "not an epoll handle");
    }
}

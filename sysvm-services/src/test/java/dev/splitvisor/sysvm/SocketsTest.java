package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.NetCalls.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Loopback sockets of one tenant: TCP, AF_UNIX, UDP, their errors, names and quotas. */
class SocketsTest {
    private static final int WOULD_BLOCK = -Errno.WOULD_BLOCK;

    private static NetCalls session(SystemVm vm) {
        return new NetCalls(vm.attach(new SessionSpec()));
    }

    /** A listener on 127.0.0.1:port in a, a client in b connected to it, and the accepted h. */
    private static long[] connected(NetCalls a, NetCalls b, int port) {
        long l = a.socket(AF_INET, SOCK_STREAM);
        assertEquals(0, a.bind(l, in4("127.0.0.1", port)));
        assertEquals(0, a.listen(l, 8));
        long c = b.socket(AF_INET, SOCK_STREAM);
        assertEquals(0, b.connect(c, in4("127.0.0.1", port)));
        long s = a.accept(l, null, 0);
        assertTrue(s >= 3, "accept gave " + s);
        return new long[] {l, c, s};
    }

    @Test
    void echoBetweenTwoVmsOfOneTenant() {
        SystemVm vm = new SystemVm("t");
        NetCalls server = session(vm);
        NetCalls client = session(vm);
        long[] h = connected(server, client, 7000);
        assertEquals(5, client.send(h[1], "hello"));
        String got = server.recv(h[2], 100, 0);
        assertEquals("hello", got);
        assertEquals(5, server.send(h[2], got));
        assertEquals("hello", client.recv(h[1], 100, 0));
    }

    @Test
    void anotherTenantDoesNotSeeTheListener() {
        NetCalls a = session(new SystemVm("a"));
        NetCalls b = session(new SystemVm("b"));
        long l = a.socket(AF_INET, SOCK_STREAM);
        assertEquals(0, a.bind(l, in4("127.0.0.1", 7001)));
        assertEquals(0, a.listen(l, 8));
        long c = b.socket(AF_INET, SOCK_STREAM);
        assertEquals(-NetErrno.ECONNREFUSED, b.connect(c, in4("127.0.0.1", 7001)));
        // And the other tenant may use the same port for its own listener.
        long l2 = b.socket(AF_INET, SOCK_STREAM);
        assertEquals(0, b.bind(l2, in4("0.0.0.0", 7001)));
    }

    @Test
    void blockingCallsWaitAndNonBlockingOnesSayEagain() {
        SystemVm vm = new SystemVm("t");
        NetCalls a = session(vm);
        long l = a.socket(AF_INET, SOCK_STREAM);
        a.bind(l, in4("127.0.0.1", 7002));
        a.listen(l, 1);
        assertEquals(WOULD_BLOCK, a.accept(l, null, 0));
        long nl = a.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
        a.bind(nl, in4("127.0.0.1", 7003));
        a.listen(nl, 1);
        assertEquals(-Errno.EAGAIN, a.accept(nl, null, 0));

        long[] h = connected(a, a, 7004);
        assertEquals("errno " + WOULD_BLOCK, a.recv(h[1], 10, 0));
        assertEquals("errno " + -Errno.EAGAIN, a.recv(h[1], 10, MSG_DONTWAIT));
        byte[] big = new byte[64 * 1024];
        long sent = 0;
        long r;
        while ((r = a.send(h[1], big, null, 0)) > 0) {
            sent += r;
        }
        assertEquals(WOULD_BLOCK, r);
        assertEquals(Connection.RCVBUF, sent, "the peer's receive buffer bounds the stream");
        assertEquals(-Errno.EAGAIN, a.send(h[1], big, null, MSG_DONTWAIT));
        assertEquals(0, a.poll(h[1], 4) & 4, "no POLLOUT while full");
        assertEquals(1000, a.recv(h[2], 1000, 0).length());
        assertEquals(4, a.poll(h[1], 4) & 4, "POLLOUT once the peer read");
    }

    @Test
    void shutdownGivesEofAndClosedPeerGivesEpipe() {
        SystemVm vm = new SystemVm("t");
        NetCalls a = session(vm);
        long[] h = connected(a, a, 7005);
        a.send(h[1], "last words");
        assertEquals(0, a.shutdown(h[1], 1));
        assertEquals("last words", a.recv(h[2], 100, 0));
        assertEquals("", a.recv(h[2], 100, 0), "end of stream after SHUT_WR");
        assertEquals(0x2001, a.poll(h[2], 0x2001) & 0x2001, "POLLIN | POLLRDHUP at EOF");
        assertEquals(-Errno.EPIPE, a.send(h[1], "more"));
        assertEquals(5, a.send(h[2], "reply"), "the other direction still works");
        assertEquals("reply", a.recv(h[1], 100, 0));
        a.close(h[2]);
        assertEquals(-Errno.EPIPE, a.send(h[1], "x"));
        assertEquals(-NetErrno.ENOTCONN, a.shutdown(a.socket(AF_INET, SOCK_STREAM), 2));
    }

    @Test
    void unconnectedAndWrongHandlesGiveLinuxErrors() {
        NetCalls a = session(new SystemVm("t"));
        long s = a.socket(AF_INET, SOCK_STREAM);
        assertEquals("errno " + -NetErrno.ENOTCONN, a.recv(s, 10, 0));
        assertEquals(-NetErrno.ENOTCONN, a.send(s, "x"));
        assertEquals(-NetErrno.ENOTCONN, a.sockname(s, new byte[128], true));
        assertEquals(-Errno.ENOTSOCK, a.listen(0, 1), "the console is not a socket");
        assertEquals(-Errno.EBADF, a.listen(99, 1));
        assertEquals(-Errno.EAFNOSUPPORT, a.socket(99, SOCK_STREAM));
        assertEquals(-NetErrno.ESOCKTNOSUPPORT, a.socket(AF_INET, 3));
        assertEquals(-NetErrno.EADDRNOTAVAIL, a.bind(s, in4("10.1.2.3", 80)));
        assertEquals(-Errno.EAFNOSUPPORT, a.bind(s, in6(true, 80)));
        assertEquals(0, a.bind(s, in4("127.0.0.1", 7006)));
        long t = a.socket(AF_INET, SOCK_STREAM);
        assertEquals(-NetErrno.EADDRINUSE, a.bind(t, in4("127.0.0.1", 7006)));
        assertEquals(-NetErrno.ECONNREFUSED, a.connect(t, in4("127.0.0.1", 7007)));
        a.close(s);
        assertEquals(0, a.bind(t, in4("127.0.0.1", 7006)), "the port is free again");
    }

    @Test
    void namesUseLinuxLayouts() {
        NetCalls a = session(new SystemVm("t"));
        long[] h = connected(a, a, 7010);
        byte[] name = new byte[128];
        assertEquals(16, a.sockname(h[0], name, false));
        assertArrayEquals(in4("127.0.0.1", 7010), Arrays.copyOf(name, 16));
        assertEquals(16, a.sockname(h[1], name, true));
        assertArrayEquals(in4("127.0.0.1", 7010), Arrays.copyOf(name, 16));
        byte[] mine = new byte[128];
        assertEquals(16, a.sockname(h[1], mine, false));
        int ephemeral = portOf(mine);
        assertTrue(ephemeral >= 32768 && ephemeral <= 60999, "ephemeral port " + ephemeral);
        byte[] peer = new byte[128];
        long h2 = a.accept(h[0], peer, 0);
        assertEquals(WOULD_BLOCK, h2, "only one connection was made");
        long c2 = a.socket(AF_INET, SOCK_STREAM);
        a.connect(c2, in4("127.0.0.1", 7010));
        long s2 = a.accept(h[0], peer, 0);
        assertTrue(s2 > 0);
        assertEquals(16, peer[124], "the address length sits in the last 4 bytes");
        assertEquals(AF_INET, peer[0]);
        assertEquals(127, peer[4]);

        long v6 = a.socket(AF_INET6, SOCK_STREAM);
        assertEquals(0, a.bind(v6, in6(true, 7011)));
        assertEquals(28, a.sockname(v6, name, false));
        assertArrayEquals(in6(true, 7011), Arrays.copyOf(name, 28));

        long u = a.socket(AF_UNIX, SOCK_STREAM);
        assertEquals(0, a.bind(u, un("/tmp/sock")));
        assertEquals(2 + 9 + 1, a.sockname(u, name, false));
        assertEquals("/tmp/sock", new String(name, 2, 9));
    }

    @Test
    void unixStreamsByNameAndSocketpairs() {
        SystemVm vm = new SystemVm("t");
        NetCalls a = session(vm);
        NetCalls b = session(vm);
        long l = a.socket(AF_UNIX, SOCK_STREAM);
        assertEquals(0, a.bind(l, un("@bus")));
        assertEquals(0, a.listen(l, 4));
        long c = b.socket(AF_UNIX, SOCK_STREAM);
        assertEquals(-Errno.ENOENT, b.connect(c, un("/no/such")));
        assertEquals(0, b.connect(c, un("@bus")));
        long s = a.accept(l, null, 0);
        b.send(c, "over unix");
        assertEquals("over unix", a.recv(s, 100, 0));

        long pair = a.port.call(new dev.splitvisor.hypercall.HypercallRequest()
                .set(dev.splitvisor.hypercall.Opcode.SOCKETPAIR, 0, null).args(AF_UNIX,
                        SOCK_STREAM));
        long x = (int) pair;
        long y = pair >>> 32;
        assertEquals(3, a.send(x, "abc"));
        assertEquals("ab", a.recv(y, 2, MSG_PEEK));
        assertEquals("abc", a.recv(y, 10, 0));

        long dpair = a.port.call(new dev.splitvisor.hypercall.HypercallRequest()
                .set(dev.splitvisor.hypercall.Opcode.SOCKETPAIR, 0, null).args(AF_UNIX,
                        SOCK_DGRAM));
        long dx = (int) dpair;
        long dy = dpair >>> 32;
        a.send(dx, "one");
        a.send(dx, "two");
        assertEquals("one", a.recv(dy, 100, 0), "datagrams keep their boundaries");
        assertEquals("two", a.recv(dy, 100, 0));
    }

    @Test
    void udpDatagramsBetweenVms() {
        SystemVm vm = new SystemVm("t");
        NetCalls a = session(vm);
        NetCalls b = session(vm);
        long rx = a.socket(AF_INET, SOCK_DGRAM);
        assertEquals(0, a.bind(rx, in4("0.0.0.0", 5353)));
        long tx = b.socket(AF_INET, SOCK_DGRAM);
        assertEquals(4, b.send(tx, "ping".getBytes(), in4("127.0.0.1", 5353), 0));
        assertEquals(4, b.send(tx, "pong".getBytes(), in4("127.0.0.1", 5353), 0));
        byte[] from = new byte[128];
        assertEquals("pi", a.recv(rx, 2, 0, from), "a short buffer truncates the datagram");
        assertEquals(16, from[124]);
        byte[] txName = new byte[128];
        b.sockname(tx, txName, false);
        assertEquals(portOf(txName), portOf(from), "the source is the sender's port");
        long back = a.send(rx, "ack".getBytes(), Arrays.copyOf(from, 16), 0);
        assertEquals(3, back);
        assertEquals("pong", a.recv(rx, 100, 0));
        assertEquals("ack", b.recv(tx, 100, 0));
        assertEquals("errno " + WOULD_BLOCK, b.recv(tx, 100, 0));
        assertEquals(-NetErrno.EDESTADDRREQ, b.send(tx, "x"));
        assertEquals(-NetErrno.ECONNREFUSED, b.send(tx, "x".getBytes(), in4("10.0.0.1", 53), 0),
                "host destinations the operator did not allow are refused");
    }

    @Test
    void socketsPerSessionAreCapped() {
        NetCalls a = session(new SystemVm("t"));
        for (int i = 0; i < SessionSpec.DEFAULT_MAX_SOCKETS; i++) {
            assertTrue(a.socket(AF_INET, SOCK_DGRAM) >= 3);
        }
        assertEquals(-Errno.EMFILE, a.socket(AF_INET, SOCK_STREAM));
        a.close(3);
        assertTrue(a.socket(AF_INET, SOCK_STREAM) >= 3, "closing one frees one");
    }

    @Test
    void optionsAreRememberedAndReported() {
        NetCalls a = session(new SystemVm("t"));
        long s = a.socket(AF_INET, SOCK_STREAM);
        byte[] v = new byte[4];
        assertEquals(4, a.getsockopt(s, 1, 3, v));
        assertEquals(SOCK_STREAM, v[0]);
        assertEquals(0, a.setsockopt(s, 1, 2, 1));
        assertEquals(4, a.getsockopt(s, 1, 2, v));
        assertEquals(1, v[0]);
        assertEquals(0, a.setsockopt(s, 6, 1, 1));
        assertEquals(4, a.getsockopt(s, 6, 1, v));
        assertEquals(1, v[0]);
        assertEquals(-NetErrno.ENOPROTOOPT, a.getsockopt(s, 1, 77, v));
        assertEquals(-NetErrno.ENOPROTOOPT, a.getsockopt(s, 41, 26, v), "IPv6 option, v4 socket");
        long d = a.socket(AF_INET, SOCK_DGRAM);
        assertEquals(-Errno.EOPNOTSUPP, a.setsockopt(d, 6, 1, 1));
    }
}

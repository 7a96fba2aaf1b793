package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A test's view of one session's socket requests, as the microkernel sends them. */
final class NetCalls {
    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_NONBLOCK = 0x800;
    static final int MSG_PEEK = 2, MSG_DONTWAIT = 0x40;

    final HypercallPort port;
    private final HypercallRequest r = new HypercallRequest();

    NetCalls(HypercallPort port) {
        this.port = port;
    }

    /** A sockaddr_in for a dotted IPv4 address. */
    static byte[] in4(String ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) AF_INET).order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        for (String part : ip.split("\\.")) {
            b.put((byte) Integer.parseInt(part));
        }
        return b.array();
    }

    /** A sockaddr_in6 for ::1 or ::. */
    static byte[] in6(boolean loopback, int port) {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) AF_INET6).order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        if (loopback) {
            b.put(23, (byte) 1);
        }
        return b.array();
    }

    /** A sockaddr_un: a path, or an abstract name when it starts with '@'. */
    static byte[] un(String name) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        boolean path = !name.startsWith("@");
        byte[] b = new byte[2 + n.length + (path ? 1 : 0)];
        b[0] = AF_UNIX;
        System.arraycopy(n, 0, b, 2, n.length);
        if (!path) {
            b[2] = 0;
        }
        return b;
    }

    static Grant in(byte[] b) {
        return Grant.ofBuffer(b, 0, b.length, false);
    }

    static Grant out(byte[] b) {
        return Grant.ofBuffer(b, 0, b.length, true);
    }

    long socket(int domain, int type) {
        r.set(Opcode.SOCKET, 0, null).args(domain, type);
        r.handle2 = 0;
        return port.call(r);
    }

    long bind(long h, byte[] addr) {
        return port.call(r.set(Opcode.BIND, (int) h, in(addr)));
    }

    long listen(long h, int backlog) {
        return port.call(r.set(Opcode.LISTEN, (int) h, null).args(backlog, 0));
    }

    long connect(long h, byte[] addr) {
        return port.call(r.set(Opcode.CONNECT, (int) h, in(addr)));
    }

    long accept(long h, byte[] peer, int flags) {
        return port.call(r.set(Opcode.ACCEPT, (int) h, null).grant2(peer == null ? null
                : out(peer)).args(flags, 0));
    }

    long send(long h, String text) {
        return send(h, text.getBytes(StandardCharsets.UTF_8), null, 0);
    }

    long send(long h, byte[] data, byte[] to, int flags) {
        return port.call(r.set(Opcode.SENDTO, (int) h, in(data)).grant2(to == null ? null
                : in(to)).args(flags, 0));
    }

    /** Receives up to n bytes: the text, or "errno -N". */
    String recv(long h, int n, int flags) {
        return recv(h, n, flags, null);
    }

    String recv(long h, int n, int flags, byte[] from) {
        byte[] b = new byte[n];
        long got = port.call(r.set(Opcode.RECVFROM, (int) h, out(b)).grant2(from == null ? null
                : out(from)).args(flags, 0));
        return got < 0 ? "errno " + got : new String(b, 0, (int) got, StandardCharsets.UTF_8);
    }

    long shutdown(long h, int how) {
        return port.call(r.set(Opcode.SHUTDOWN, (int) h, null).args(how, 0));
    }

    long close(long h) {
        return port.call(r.set(Opcode.CLOSE, (int) h, null));
    }

    long sockname(long h, byte[] b, boolean peer) {
        return port.call(r.set(peer ? Opcode.GETPEERNAME : Opcode.GETSOCKNAME, (int) h, out(b)));
    }

    long getsockopt(long h, int level, int name, byte[] value) {
        return port.call(r.set(Opcode.GETSOCKOPT, (int) h, out(value)).args(level, name));
    }

    long setsockopt(long h, int level, int name, int value) {
        byte[] b = {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
        return port.call(r.set(Opcode.SETSOCKOPT, (int) h, in(b)).args(level, name));
    }

    /** The revents poll reports for {@code events} on h. */
    int poll(long h, int events) {
        byte[] b = new byte[8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt((int) h)
                .putShort((short) events);
        port.call(r.set(Opcode.POLL, 0, out(b)).args(1, 0));
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(6);
    }

    long epollCreate() {
        return port.call(r.set(Opcode.EPOLL_CREATE, 0, null));
    }

    long epollCtl(long ep, int op, long h, int events, long data) {
        byte[] b = new byte[12];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(events).putLong(data);
        r.set(Opcode.EPOLL_CTL, (int) ep, in(b)).args(op, 0);
        r.handle2 = (int) h;
        return port.call(r);
    }

    /** epoll_wait: "events:data" pairs of what is ready, or "errno -N". */
    String epollWait(long ep, int max) {
        byte[] b = new byte[12 * max];
        long n = port.call(r.set(Opcode.EPOLL_WAIT, (int) ep, out(b)).args(max, 0));
        if (n < 0) {
            return "errno " + n;
        }
        StringBuilder sb = new StringBuilder();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            sb.append(sb.length() > 0 ? " " : "").append(Integer.toHexString(bb.getInt(12 * i)))
                    .append(':').append(bb.getLong(12 * i + 4));
        }
        return sb.toString();
    }

    /** The port of a sockaddr_in/in6 in b. */
    static int portOf(byte[] b) {
        return (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}

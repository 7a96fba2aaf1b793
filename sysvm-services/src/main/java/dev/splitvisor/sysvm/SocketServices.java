package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;

/**
 * The socket and epoll requests: they check the handle is a socket (ENOTSOCK otherwise) or an
 * epoll instance, read the guest's socket address, and ask the {@link SocketFile}. Options
 * live here: the ones that change behaviour are read by the sockets, the rest are remembered
 * and read back as set.
 */
final class SocketServices {
    static final int SOL_SOCKET = 1, IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_UDP = 17,
            IPPROTO_IPV6 = 41;
    static final int SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_BROADCAST = 6,
            SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9, SO_LINGER = 13, SO_REUSEPORT = 15,
            SO_RCVTIMEO = 20, SO_SNDTIMEO = 21, SO_ACCEPTCONN = 30, SO_PROTOCOL = 38,
            SO_DOMAIN = 39;
    static final int TCP_NODELAY = 1, IPV6_V6ONLY = 26;
    private static final int SOCK_CLOEXEC = LinuxFlags.O_CLOEXEC;
    private static final int TYPE_MASK = 0xF;
    /** The largest buffer size SO_RCVBUF and SO_SNDBUF report (Linux doubles what is set). */
    private static final int MAX_BUFFER = 4 << 20;

    private SocketServices() {
    }

    /** The socket behind {@code handle}: EBADF when there is none, ENOTSOCK for another kind. */
    private static SocketFile socket(Session s, int handle) {
        OpenFile f = s.file(handle);
        if (!(f instanceof SocketFile)) {
            throw new VfsError(f.pathOnly() ? Errno.EBADF : Errno.ENOTSOCK);
        }
        return (SocketFile) f;
    }

    // ---------------------------------------------------------------- creation

    static long socket(Session s, HypercallRequest r) {
        int domain = (int) r.arg0;
        int type = (int) r.arg1 & TYPE_MASK;
        int flags = (int) r.arg1 & ~TYPE_MASK;
        if ((flags & ~(SocketFile.SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0 || r.arg1 != (int) r.arg1) {
            return -Errno.EINVAL;
        }
        if (domain != SockAddr.AF_UNIX && domain != SockAddr.AF_INET
                && domain != SockAddr.AF_INET6) {
            return -Errno.EAFNOSUPPORT;
        }
        if (type != SocketFile.SOCK_STREAM && type != SocketFile.SOCK_DGRAM) {
            return -NetErrno.ESOCKTNOSUPPORT;
        }
        int protocol = r.handle2;
        int proto = domain == SockAddr.AF_UNIX ? 0
                : type == SocketFile.SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
        if (protocol != 0 && protocol != proto) {
            return -NetErrno.EPROTONOSUPPORT;
        }
        Network net = Network.of(s.vm);
        net.charge(s);
        int nb = flags & SocketFile.SOCK_NONBLOCK;
        SocketFile f = type == SocketFile.SOCK_STREAM
                ? new StreamSocket(net, s, domain, proto, nb)
                : new DatagramSocket(net, s, domain, proto, nb);
        return s.install(f);
    }

    /** SOCKETPAIR: two connected AF_UNIX sockets, h1 | h2 << 32. */
    static long socketpair(Session s, HypercallRequest r) {
        int type = (int) r.arg1 & TYPE_MASK;
        int flags = (int) r.arg1 & ~TYPE_MASK;
        if ((flags & ~(SocketFile.SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if (r.arg0 != SockAddr.AF_UNIX) {
            return r.arg0 == SockAddr.AF_INET || r.arg0 == SockAddr.AF_INET6
                    ? -Errno.EOPNOTSUPP : -Errno.EAFNOSUPPORT;
        }
        if (type != SocketFile.SOCK_STREAM && type != SocketFile.SOCK_DGRAM) {
            return -NetErrno.ESOCKTNOSUPPORT;
        }
        if (r.handle2 != 0) {
            return -NetErrno.EPROTONOSUPPORT;
        }
        Network net = Network.of(s.vm);
        s.reserve(2);
        net.charge(s);
        try {
            net.charge(s);
        } catch (VfsError e) {
            net.released(s);
            throw e;
        }
        int nb = flags & SocketFile.SOCK_NONBLOCK;
        SocketFile a;
        SocketFile b;
        if (type == SocketFile.SOCK_STREAM) {
            SockAddr unnamed = SockAddr.unix("");
            LoopbackConnection[] pair = LoopbackConnection.pair(net.events, unnamed, unnamed);
            a = StreamSocket.connectedEnd(net, s, pair[0], nb);
            b = StreamSocket.connectedEnd(net, s, pair[1], nb);
        } else {
            DatagramSocket x = new DatagramSocket(net, s, SockAddr.AF_UNIX, 0, nb);
            DatagramSocket y = new DatagramSocket(net, s, SockAddr.AF_UNIX, 0, nb);
            DatagramSocket.pair(x, y);
            a = x;
            b = y;
        }
        long h1 = s.install(a);
        long h2 = s.install(b);
        return h1 | h2 << 32;
    }

    // ---------------------------------------------------------------- names and connections

    static long bind(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        return f.bind(SockAddr.read(r.grant));
    }

    static long connect(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        return f.connect(SockAddr.read(r.grant));
    }

    static long listen(Session s, HypercallRequest r) {
        return socket(s, r.handle).listen((int) r.arg0);
    }

    /** ACCEPT: the new handle; the peer's address and length go to grant2. */
    static long accept(Session s, HypercallRequest r) {
        SocketFile listener = socket(s, r.handle);
        if ((r.arg0 & ~(SocketFile.SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if (r.grant2 != null && r.grant2.length() < SockAddr.BUFFER) {
            return -Errno.EINVAL;
        }
        // Room first: a connection taken off the queue and then refused a handle would be lost,
        // where Linux leaves it queued and answers EMFILE.
        s.reserve(1);
        SocketFile conn = listener.accept(s, (int) r.arg0 & SocketFile.SOCK_NONBLOCK);
        int h = s.install(conn);
        SockAddr peer = conn.peer();
        if (r.grant2 != null && peer != null) {
            long w = peer.writeTo(r.grant2, true);
            if (w < 0) {
                s.close(h);
                return w;
            }
        }
        return h;
    }

    static long sendto(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        SockAddr to = r.grant2 == null ? null : SockAddr.read(r.grant2);
        return f.send(r.grant, to, (int) r.arg0, s.staging);
    }

    static long recvfrom(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        if (r.grant2 != null && r.grant2.length() < SockAddr.BUFFER) {
            return -Errno.EINVAL;
        }
        return f.receive(r.grant, r.grant2, (int) r.arg0, s.staging);
    }

    static long shutdown(Session s, HypercallRequest r) {
        return socket(s, r.handle).shutdown((int) r.arg0);
    }

    static long getsockname(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        return f.localName().writeTo(r.grant, false);
    }

    static long getpeername(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        if (r.grant == null) {
            return -Errno.EFAULT;
        }
        SockAddr peer = f.peer();
        return peer == null ? -NetErrno.ENOTCONN : peer.writeTo(r.grant, false);
    }

    // ---------------------------------------------------------------- options

    /** GETSOCKOPT: the value (truncated to the grant) and its length. */
    static long getsockopt(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        Grant g = r.grant;
        if (g == null) {
            return -Errno.EFAULT;
        }
        byte[] v = optionValue(f, (int) r.arg0, (int) r.arg1);
        int n = Math.min(v.length, g.length());
        int put = g.copyIn(0, v, 0, n);
        return put < 0 ? put : n;
    }

    private static byte[] optionValue(SocketFile f, int level, int name) {
        checkLevel(f, level, name);
        byte[] set = f.option(level, name);
        if (level != SOL_SOCKET) {
            if (set != null) {
                return set;
            }
            if (level == IPPROTO_TCP || level == IPPROTO_IPV6 && name == IPV6_V6ONLY) {
                return intBytes(0);
            }
            throw new VfsError(NetErrno.ENOPROTOOPT);
        }
        switch (name) {
            case SO_TYPE: return intBytes(f.type);
            case SO_ERROR: return intBytes(f.takeError());
            case SO_ACCEPTCONN: return intBytes(f.listening() ? 1 : 0);
            case SO_PROTOCOL: return intBytes(f.protocol);
            case SO_DOMAIN: return intBytes(f.domain);
            case SO_SNDBUF: case SO_RCVBUF:
                return set != null ? set : intBytes(Connection.RCVBUF);
            case SO_LINGER: return set != null ? set : new byte[8];
            case SO_RCVTIMEO: case SO_SNDTIMEO: return set != null ? set : new byte[16];
            case SO_REUSEADDR: case SO_REUSEPORT: case SO_KEEPALIVE: case SO_BROADCAST:
                return set != null ? set : intBytes(0);
            default:
                if (set != null) {
                    return set;
                }
                throw new VfsError(NetErrno.ENOPROTOOPT);
        }
    }

    /** Throws for an option level the socket's family or type does not have. */
    private static void checkLevel(SocketFile f, int level, int name) {
        boolean ip = f.domain != SockAddr.AF_UNIX;
        switch (level) {
            case SOL_SOCKET:
                return;
            case IPPROTO_TCP:
                if (!ip || f.type != SocketFile.SOCK_STREAM) {
                    throw new VfsError(Errno.EOPNOTSUPP);
                }
                return;
            case IPPROTO_UDP:
                if (!ip || f.type != SocketFile.SOCK_DGRAM) {
                    throw new VfsError(Errno.EOPNOTSUPP);
                }
                return;
            case IPPROTO_IPV6:
                if (f.domain != SockAddr.AF_INET6) {
                    throw new VfsError(NetErrno.ENOPROTOOPT);
                }
                return;
            case IPPROTO_IP:
                if (!ip) {
                    throw new VfsError(Errno.EOPNOTSUPP);
                }
                return;
            default:
                throw new VfsError(NetErrno.ENOPROTOOPT);
        }
    }

    static long setsockopt(Session s, HypercallRequest r) {
        SocketFile f = socket(s, r.handle);
        int level = (int) r.arg0;
        int name = (int) r.arg1;
        checkLevel(f, level, name);
        Grant g = r.grant;
        int len = g == null ? 0 : Math.min(g.length(), 256);
        byte[] v = new byte[len];
        if (len > 0 && g.copyOut(0, v, 0, len) < 0) {
            return -Errno.EFAULT;
        }
        if (level == SOL_SOCKET && isIntOption(name) || level == IPPROTO_TCP) {
            if (len < 4) {
                return -Errno.EINVAL;
            }
        }
        if (level == SOL_SOCKET && (name == SO_TYPE || name == SO_ERROR
                || name == SO_ACCEPTCONN || name == SO_PROTOCOL || name == SO_DOMAIN)) {
            return -NetErrno.ENOPROTOOPT;
        }
        if (level == SOL_SOCKET && (name == SO_SNDBUF || name == SO_RCVBUF)) {
            long asked = Integer.toUnsignedLong(intOf(v));
            v = intBytes((int) Math.min(Math.max(asked * 2, 4608), MAX_BUFFER));
        }
        f.setOption(level, name, v);
        return 0;
    }

    private static boolean isIntOption(int name) {
        return name != SO_LINGER && name != SO_RCVTIMEO && name != SO_SNDTIMEO;
    }

    private static int intOf(byte[] v) {
        return (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | v[3] << 24;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    // ---------------------------------------------------------------- epoll

    static long epollCreate(Session s, HypercallRequest r) {
        return s.install(new EpollFile(s, 0));
    }

    static long epollCtl(Session s, HypercallRequest r) {
        OpenFile ep = s.file(r.handle);
        if (!(ep instanceof EpollFile)) {
            return -Errno.EINVAL;
        }
        OpenFile target = s.file(r.handle2);
        if (target.pathOnly()) {
            return -Errno.EBADF;
        }
        return ((EpollFile) ep).ctl((int) r.arg0, r.handle2, target, r.grant);
    }

    static long epollWait(Session s, HypercallRequest r) {
        OpenFile ep = s.file(r.handle);
        if (!(ep instanceof EpollFile)) {
            return -Errno.EINVAL;
        }
        if (r.arg0 <= 0 || r.arg0 > Integer.MAX_VALUE / EpollFile.EVENT_BYTES) {
            return -Errno.EINVAL;
        }
        return ((EpollFile) ep).waitReady(r.grant, (int) r.arg0);
    }
}

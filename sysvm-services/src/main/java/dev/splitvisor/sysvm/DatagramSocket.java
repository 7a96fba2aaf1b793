package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.ArrayDeque;

/**
 * A datagram socket: UDP over IPv4 or IPv6, or an AF_UNIX datagram socket. Datagrams between
 * the tenant's sockets go straight into the receiver's queue (UDP drops one that does not fit,
 * as a full socket buffer does; AF_UNIX makes the sender wait). Datagrams to an allowed host
 * address leave through a Netty datagram channel the socket opens on first use; replies reach
 * the socket only from allowed addresses.
 */
final class DatagramSocket extends SocketFile {
    /** Bytes of datagrams a socket queues. */
    static final int RCVBUF = 256 * 1024;

    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private int queuedBytes;
    private long arrivals;
    private boolean rxShut;
    private boolean txShut;
    private boolean closed;
    /** The default destination set by CONNECT, or null. */
    private SockAddr peer;
    /** The other end of a socketpair, or null. */
    private DatagramSocket pairPeer;
    /** The host channel, bound on first egress. */
    private Channel host;
    private ChannelFuture hostBound;

    /** One queued datagram and where it came from. */
    private static final class Datagram {
        final byte[] data;
        final SockAddr from;

        Datagram(byte[] data, SockAddr from) {
            this.data = data;
            this.from = from;
        }
    }

    DatagramSocket(Network net, Session owner, int domain, int protocol, int flags) {
        super(net, owner, domain, SOCK_DGRAM, protocol, flags);
    }

    /** Joins two fresh AF_UNIX datagram sockets as a socketpair. */
    static void pair(DatagramSocket a, DatagramSocket b) {
        a.pairPeer = b;
        b.pairPeer = a;
    }

    /**
     * Queues a datagram from {@code from}: false when it does not fit (or the socket is
     * gone), true when queued or filtered out by the connected peer.
     */
    boolean deliver(byte[] data, SockAddr from) {
        synchronized (this) {
            if (closed || rxShut) {
                return !closed;
            }
            if (peer != null && !peer.isUnix() && !peer.equals(from.inFamily(peer.family))) {
                return true; // a connected UDP socket hears only its peer
            }
            if (queuedBytes + data.length > RCVBUF) {
                return false;
            }
            queue.add(new Datagram(data, from));
            queuedBytes += data.length;
            arrivals++;
        }
        net.events.signal();
        return true;
    }

    private synchronized boolean gone() {
        return closed;
    }

    @Override
    long bind(SockAddr a) {
        synchronized (this) {
            if (local != null) {
                return -Errno.EINVAL;
            }
            checkFamily(a);
            local = net.bind(this, a);
        }
        return 0;
    }

    private void checkFamily(SockAddr a) {
        boolean ok = domain == SockAddr.AF_UNIX ? a.isUnix() : a.family == domain;
        if (!ok) {
            throw new VfsError(domain == SockAddr.AF_UNIX ? Errno.EINVAL : Errno.EAFNOSUPPORT);
        }
    }

    /** Names an unbound IP socket with an ephemeral port, as the first send does. */
    private void autobind() {
        synchronized (this) {
            if (local == null && domain != SockAddr.AF_UNIX) {
                local = net.bind(this, SockAddr.any(domain, 0));
            }
        }
    }

    @Override
    long connect(SockAddr a) {
        if (a.family == SockAddr.AF_UNSPEC) {
            synchronized (this) {
                peer = null;
            }
            return 0;
        }
        checkFamily(a);
        if (a.isUnix() && net.unixDatagram(a.unixName) == null) {
            return a.unixName.startsWith("\0") ? -NetErrno.ECONNREFUSED : -Errno.ENOENT;
        }
        autobind();
        synchronized (this) {
            peer = a;
        }
        return 0;
    }

    @Override
    long send(Grant g, SockAddr to, int msgFlags, byte[] staging) {
        int len = g.length();
        if (len > MAX_DATAGRAM) {
            return -NetErrno.EMSGSIZE;
        }
        SockAddr dst;
        DatagramSocket pairTarget;
        synchronized (this) {
            if (txShut) {
                return -Errno.EPIPE;
            }
            dst = to != null ? to : peer;
            pairTarget = to == null ? pairPeer : null;
        }
        if (dst == null && pairTarget == null) {
            return domain == SockAddr.AF_UNIX ? -NetErrno.ENOTCONN : -NetErrno.EDESTADDRREQ;
        }
        if (dst != null) {
            checkFamily(dst);
        }
        byte[] data = new byte[len];
        int got = g.copyOut(0, data, 0, len);
        if (got < 0) {
            return got;
        }
        if (pairTarget != null || dst.isUnix()) {
            return sendUnix(data, dst, pairTarget, msgFlags);
        }
        autobind();
        return sendInet(data, dst);
    }

    private long sendUnix(byte[] data, SockAddr dst, DatagramSocket target, int msgFlags) {
        if (target == null) {
            target = net.unixDatagram(dst.unixName);
            if (target == null) {
                return dst.unixName.startsWith("\0") ? -NetErrno.ECONNREFUSED : -Errno.ENOENT;
            }
        }
        if (target.gone()) {
            return -NetErrno.ECONNREFUSED;
        }
        if (!target.deliver(data, localName())) {
            return waitOrAgain(msgFlags);
        }
        return data.length;
    }

    private long sendInet(byte[] data, SockAddr dst) {
        if (dst.isLoopback() || dst.isAny()) {
            DatagramSocket target = net.udpSocket(dst.port);
            if (target != null) {
                SockAddr me = local.isAny() ? SockAddr.loopback(domain, local.port) : local;
                target.deliver(data, me.inFamily(target.domain)); // lost when full, as UDP is
                return data.length;
            }
        }
        if (!net.policy.allows(dst.toInet())) {
            // Nobody of the tenant has the port: a loopback datagram is lost, as one to a
            // closed port is; a host destination the operator did not allow is refused.
            return dst.isLoopback() || dst.isAny() ? data.length : -NetErrno.ECONNREFUSED;
        }
        ChannelFuture bound = hostChannel();
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(data), dst.toInet());
        bound.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                f.channel().writeAndFlush(packet);
            } else {
                packet.release();
            }
        });
        return data.length;
    }

    /** The host datagram channel, bound to an ephemeral host port on first use. */
    private synchronized ChannelFuture hostChannel() {
        if (hostBound == null) {
            hostBound = new Bootstrap().group(NettyLoop.group()).channel(NioDatagramChannel.class)
                    .handler(new Receiver()).bind(0);
            host = hostBound.channel();
            net.track(host);
        }
        return hostBound;
    }

    /** Takes datagrams from the host, only from allowed senders (on Netty's event loop). */
    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (!net.policy.allows(p.sender())) {
                return;
            }
            byte[] data = new byte[p.content().readableBytes()];
            p.content().readBytes(data);
            deliver(data, SockAddr.fromInet(p.sender(), domain));
        }
    }

    @Override
    long receive(Grant g, Grant from, int msgFlags, byte[] staging) {
        Datagram d;
        synchronized (this) {
            if (queue.isEmpty()) {
                if (rxShut) {
                    return 0;
                }
                return waitOrAgain(msgFlags);
            }
            boolean peek = (msgFlags & MSG_PEEK) != 0;
            d = peek ? queue.peek() : queue.poll();
            if (!peek) {
                queuedBytes -= d.data.length;
            }
        }
        net.events.signal();
        int n = Math.min(d.data.length, g.length());
        int put = g.copyIn(0, d.data, 0, n);
        if (put < 0) {
            return put;
        }
        if (from != null) {
            long w = d.from.writeTo(from, true);
            if (w < 0) {
                return w;
            }
        }
        return n;
    }

    @Override
    long shutdown(int how) {
        if (how < SHUT_RD || how > SHUT_RDWR) {
            return -Errno.EINVAL;
        }
        synchronized (this) {
            if (peer == null && pairPeer == null) {
                return -NetErrno.ENOTCONN;
            }
            rxShut |= how != SHUT_WR;
            txShut |= how != SHUT_RD;
        }
        net.events.signal();
        return 0;
    }

    @Override
    synchronized SockAddr peer() {
        if (peer != null) {
            return peer;
        }
        return pairPeer != null ? pairPeer.localName() : null;
    }

    @Override
    int takeError() {
        return 0;
    }

    @Override
    synchronized int poll() {
        int bits = LinuxFlags.POLLOUT;
        if (!queue.isEmpty() || rxShut) {
            bits |= LinuxFlags.POLLIN;
        }
        if (rxShut) {
            bits |= POLLRDHUP;
        }
        if (rxShut && txShut) {
            bits |= LinuxFlags.POLLHUP;
        }
        return bits;
    }

    @Override
    synchronized long available() {
        return queue.isEmpty() ? 0 : queue.peek().data.length;
    }

    @Override
    synchronized long arrivals() {
        return arrivals;
    }

    @Override
    void close() {
        Channel ch;
        synchronized (this) {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            ch = host;
        }
        net.unbind(this);
        if (ch != null) {
            ch.close();
        }
        net.events.signal();
        super.close();
    }
}

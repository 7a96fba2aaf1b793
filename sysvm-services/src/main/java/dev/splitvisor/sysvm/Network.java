package dev.splitvisor.sysvm;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.NoRouteToHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One tenant's network namespace, shared by all the tenant's user VMs: its TCP and UDP port
 * tables, its AF_UNIX names, and its doors to the host (egress
 * connections and published ports, on Netty). Two tenants have two of these and never see
 * each other's ports. The tables are guarded by this object's lock, which is never held while
 * a socket's own lock is taken (sockets publish what the tables read in volatile fields).
 */
final class Network {
    /** Linux's default ephemeral port range. */
    private static final int EPHEMERAL_LOW = 32768, EPHEMERAL_HIGH = 60999;
    private static final int CONNECT_TIMEOUT_MILLIS = 20_000;
    private static final Map<SystemVm, Network> BY_VM = new WeakHashMap<>();

    final Events events;
    final NetworkPolicy policy;
    private final Map<Integer, List<SocketFile>> tcp = new HashMap<>();
    private final Map<Integer, List<SocketFile>> udp = new HashMap<>();
    private final Map<String, SocketFile> unix = new HashMap<>();
    /** Host channels open for this tenant, closed with it. */
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private int nextEphemeral = EPHEMERAL_LOW;
    private int unnamed;

    private Network(Events events) {
        this.events = events;
        this.policy = new NetworkPolicy(this);
    }

    /** The network namespace of {@code vm}'s tenant, made on first use. */
    static Network of(SystemVm vm) {
        synchronized (BY_VM) {
            return BY_VM.computeIfAbsent(vm, v -> new Network(v.events));
        }
    }

    // ---------------------------------------------------------------- quotas

    /**
     * Counts one more socket for {@code s}: EMFILE past the session's share, ENFILE past the
     * tenant's.
     */
    void charge(Session s) {
        s.sockets.take(1);
    }

    /** A socket of {@code s} closed. */
    void released(Session s) {
        s.sockets.give(1);
    }

    // ---------------------------------------------------------------- names

    /**
     * Gives {@code s} the name {@code a} (port 0: an ephemeral port; an empty AF_UNIX name:
     * an abstract one): the name it got. Throws EADDRINUSE or EADDRNOTAVAIL.
     */
    synchronized SockAddr bind(SocketFile s, SockAddr a) {
        if (a.isUnix()) {
            String name = a.unixName.isEmpty() ? autobindName() : a.unixName;
            if (unix.containsKey(name)) {
                throw new VfsError(NetErrno.EADDRINUSE);
            }
            unix.put(name, s);
            return SockAddr.unix(name);
        }
        if (!a.isAny() && !a.isLoopback()) {
            throw new VfsError(NetErrno.EADDRNOTAVAIL);
        }
        Map<Integer, List<SocketFile>> table = s.type == SocketFile.SOCK_STREAM ? tcp : udp;
        int port = a.port != 0 ? a.port : ephemeral(table);
        List<SocketFile> holders = table.computeIfAbsent(port, p -> new ArrayList<>());
        boolean shared = reusePort(s) && holders.stream().allMatch(Network::reusePort);
        if (!holders.isEmpty() && !shared) {
            throw new VfsError(NetErrno.EADDRINUSE);
        }
        holders.add(s);
        return a.withPort(port);
    }

    private static boolean reusePort(SocketFile s) {
        return s.intOption(SocketServices.SOL_SOCKET, SocketServices.SO_REUSEPORT) != 0;
    }

    private int ephemeral(Map<Integer, List<SocketFile>> table) {
        int span = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
        for (int tries = 0; tries < span; tries++) {
            int p = nextEphemeral;
            nextEphemeral = p == EPHEMERAL_HIGH ? EPHEMERAL_LOW : p + 1;
            List<SocketFile> holders = table.get(p);
            if (holders == null || holders.isEmpty()) {
                return p;
            }
        }
        throw new VfsError(NetErrno.EADDRINUSE);
    }

    /** Linux's autobind: an abstract name of five hex digits. */
    private String autobindName() {
        String name;
        do {
            name = String.format("\0%05x", unnamed++ & 0xFFFFF);
        } while (unix.containsKey(name));
        return name;
    }

    /** Frees the name of a closing socket. */
    synchronized void unbind(SocketFile s) {
        SockAddr a = s.local;
        if (a == null) {
            return;
        }
        if (a.isUnix()) {
            unix.remove(a.unixName, s);
            return;
        }
        Map<Integer, List<SocketFile>> table = s.type == SocketFile.SOCK_STREAM ? tcp : udp;
        List<SocketFile> holders = table.get(a.port);
        if (holders != null) {
            holders.remove(s);
            if (holders.isEmpty()) {
                table.remove(a.port);
            }
        }
    }

    /** The tenant's socket listening on TCP {@code port}, or null. */
    synchronized StreamSocket tcpListener(int port) {
        for (SocketFile s : tcp.getOrDefault(port, List.of())) {
            if (s.listening()) {
                return (StreamSocket) s;
            }
        }
        return null;
    }

    /** The tenant's datagram socket bound to UDP {@code port}, or null. */
    synchronized DatagramSocket udpSocket(int port) {
        List<SocketFile> holders = udp.get(port);
        return holders == null || holders.isEmpty() ? null : (DatagramSocket) holders.get(0);
    }

    /** The stream socket bound to an AF_UNIX name, or null. */
    synchronized StreamSocket unixListener(String name) {
        SocketFile s = unix.get(name);
        return s instanceof StreamSocket ? (StreamSocket) s : null;
    }

    /** The datagram socket bound to an AF_UNIX name, or null. */
    synchronized DatagramSocket unixDatagram(String name) {
        SocketFile s = unix.get(name);
        return s instanceof DatagramSocket ? (DatagramSocket) s : null;
    }

    /** Whether anything holds the AF_UNIX name. */
    synchronized boolean unixNameTaken(String name) {
        return unix.containsKey(name);
    }

    // ---------------------------------------------------------------- host doors

    /**
     * Opens an egress TCP connection to {@code remote}; {@code done} gets the connection and
     * 0 or an errno, always later on a Netty thread, never inside this call.
     */
    HostConnection connectHost(SockAddr local, SockAddr remote,
            BiConsumer<HostConnection, Integer> done) {
        HostConnection hc = new HostConnection(events, local, remote);
        ChannelFuture f = new Bootstrap().group(NettyLoop.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(hc.handler())
                .connect(remote.toInet());
        hc.attach(f.channel());
        track(f.channel());
        f.addListener((ChannelFutureListener) x -> {
            int errno = x.isSuccess() ? 0 : connectErrno(x.cause());
            NettyLoop.group().next().execute(() -> done.accept(hc, errno));
        });
        return hc;
    }

    private static int connectErrno(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return NetErrno.ETIMEDOUT;
        }
        if (cause instanceof NoRouteToHostException) {
            return NetErrno.ENETUNREACH;
        }
        // ConnectException and anything else the host says: the peer is not there.
        return NetErrno.ECONNREFUSED;
    }

    /** Keeps {@code ch} until it closes, so closing the tenant closes it. */
    void track(Channel ch) {
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
    }

    /**
     * A host client connected to a published port: queue it on the guest listener of
     * {@code guestPort}, or close it when nobody listens or the queue is full.
     */
    void inbound(int guestPort, SocketChannel ch) {
        StreamSocket server = tcpListener(guestPort);
        Listener l = server == null ? null : server.listener();
        if (l == null) {
            ch.close();
            return;
        }
        int family = server.domain;
        SockAddr local = SockAddr.loopback(family, guestPort);
        SockAddr remote = SockAddr.fromInet(ch.remoteAddress(), family);
        HostConnection hc = new HostConnection(events, local, remote);
        hc.attach(ch);
        ch.pipeline().addLast(hc.handler());
        track(ch);
        if (!l.offer(hc)) {
            ch.close();
        }
    }

    /** Closes every host channel of the tenant (egress, accepted and published ports). */
    void close() {
        for (Channel ch : List.copyOf(channels)) {
            ch.close();
        }
        synchronized (BY_VM) {
            BY_VM.values().remove(this);
        }
    }

    /** Releases the network of {@code vm}, if it has one. */
    static void closeOf(SystemVm vm) {
        Network n;
        synchronized (BY_VM) {
            n = BY_VM.get(vm);
        }
        if (n != null) {
            n.policy.close();
        }
    }
}

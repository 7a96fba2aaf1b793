package dev.splitvisor.sysvm;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one tenant's user VMs may reach outside their system VM, set by the operator. By
 * default nothing: the tenant's VMs reach only each other (loopback and AF_UNIX in memory).
 * {@link #allow} opens egress to one host address and port; {@link #publish} lets host clients
 * reach a guest listener through a host port. A denied TCP connect fails with ECONNREFUSED.
 */
public final class NetworkPolicy implements AutoCloseable {
    private final Network net;
    /** Allowed destinations as "address/port"; port 0 allows every port of the address. */
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final List<Channel> servers = new CopyOnWriteArrayList<>();

    NetworkPolicy(Network net) {
        this.net = net;
    }

    /**
     * Lets the tenant's VMs connect (TCP) and send datagrams (UDP) to {@code port} of
     * {@code host} (port 0: any port). A name is resolved now, and every address it has is
     * allowed; guests give numeric addresses, since they have no name service of their own.
     *
     * @throws IllegalArgumentException when the host name does not resolve or the port is
     *         outside 0-65535
     */
    public void allow(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port outside 0-65535: " + port);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                allowed.add(key(a, port));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot allow " + host + ":" + port
                    + ": the host name does not resolve (give an address)", e);
        }
    }

    /** Whether a guest may reach {@code a} on the host. */
    boolean allows(InetSocketAddress a) {
        InetAddress addr = a.getAddress();
        return allowed.contains(key(addr, a.getPort())) || allowed.contains(key(addr, 0));
    }

    private static String key(InetAddress a, int port) {
        return a.getHostAddress() + "/" + port;
    }

    /**
     * Publishes the guest TCP port {@code guestPort} on 127.0.0.1:{@code hostPort}: each host
     * connection is queued on the tenant's listener of that port, or closed when none listens.
     *
     * @return the host port bound (a free one when {@code hostPort} is 0)
     * @throws UncheckedIOException when the host port cannot be bound
     */
    public int publish(int hostPort, int guestPort) {
        return publish("127.0.0.1", hostPort, guestPort);
    }

    /**
     * Publishes the guest TCP port {@code guestPort} on {@code bindHost}:{@code hostPort}.
     *
     * @return the host port bound
     * @throws UncheckedIOException when the host port cannot be bound
     */
    public int publish(String bindHost, int hostPort, int guestPort) {
        if (guestPort <= 0 || guestPort > 65535 || hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException("ports outside 0-65535: host " + hostPort
                    + ", guest " + guestPort);
        }
        ChannelFuture f = new ServerBootstrap().group(NettyLoop.group())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        net.inbound(guestPort, ch);
                    }
                })
                .bind(bindHost, hostPort).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new UncheckedIOException("cannot publish guest port " + guestPort + " on "
                    + bindHost + ":" + hostPort + ": " + describe(f.cause())
                    + " (choose another host port, or 0 for a free one)",
                    new java.io.IOException(f.cause()));
        }
        servers.add(f.channel());
        return ((InetSocketAddress) f.channel().localAddress()).getPort();
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Stops every published port and closes the tenant's host connections. */
    @Override
    public void close() {
        for (Channel ch : servers) {
            ch.close().awaitUninterruptibly();
        }
        servers.clear();
        net.close();
    }
}

package dev.splitvisor.sysvm;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one Netty event loop group of this JVM, shared by every tenant's network service:
 * two NIO threads, daemons, made on first use. Its handlers only move bytes between channels
 * and socket buffers, so two threads serve many connections.
 */
final class NettyLoop {
    private static final int THREADS = 2;
    private static volatile EventLoopGroup group;

    private NettyLoop() {
    }

    static EventLoopGroup group() {
        EventLoopGroup g = group;
        if (g == null) {
            synchronized (NettyLoop.class) {
                g = group;
                if (g == null) {
                    g = new MultiThreadIoEventLoopGroup(THREADS,
                            new DefaultThreadFactory("splitvisor-net", true),
                            NioIoHandler.newFactory());
                    group = g;
                }
            }
        }
        return g;
    }
}

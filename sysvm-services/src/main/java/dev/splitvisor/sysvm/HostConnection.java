package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayDeque;

/**
 * An end of a stream whose other end is a host socket, carried by a Netty channel (an egress
 * connection or a connection accepted on a published port). Netty's event loop fills the
 * receive buffer; what does not fit waits in a short list of the channel's own buffers and
 * the channel stops reading until the guest drains, so a slow guest holds the host sender
 * back instead of growing memory. Sends go to the channel while fewer than
 * {@link #SNDBUF} bytes are still unwritten; past that the guest waits.
 */
final class HostConnection extends Connection {
    /** Bytes a guest may have handed to the channel and not yet seen written. */
    static final int SNDBUF = 256 * 1024;

    private final ArrayDeque<ByteBuf> overflow = new ArrayDeque<>();
    private Channel channel;
    private int unwritten;
    private boolean closed;

    HostConnection(Events events, SockAddr local, SockAddr remote) {
        super(events, new Object(), local, remote);
    }

    /** The Netty handler that feeds this end; add it to the channel's pipeline. */
    ChannelInboundHandlerAdapter handler() {
        return new Feeder();
    }

    /** Binds this end to its channel, once Netty made it. */
    void attach(Channel ch) {
        synchronized (lock) {
            channel = ch;
        }
    }

    @Override
    int send(byte[] b, int n) {
        Channel ch;
        int k;
        synchronized (lock) {
            ch = channel;
            if (txShut || ch == null || !ch.isActive()) {
                return -Errno.EPIPE;
            }
            k = Math.min(n, SNDBUF - unwritten);
            if (k <= 0) {
                return n == 0 ? 0 : WAIT;
            }
            unwritten += k;
        }
        ByteBuf buf = Unpooled.copiedBuffer(b, 0, k);
        int sent = k;
        ch.writeAndFlush(buf).addListener((ChannelFutureListener) f -> written(sent));
        return k;
    }

    private void written(int n) {
        synchronized (lock) {
            unwritten -= n;
        }
        events.signal();
    }

    @Override
    boolean sendReady() {
        synchronized (lock) {
            return txShut || channel == null || !channel.isActive() || unwritten < SNDBUF;
        }
    }

    @Override
    void shutdownOutput() {
        Channel ch;
        synchronized (lock) {
            txShut = true;
            ch = channel;
        }
        if (ch instanceof SocketChannel && ch.isActive()) {
            ((SocketChannel) ch).shutdownOutput();
        }
        events.signal();
    }

    @Override
    void close() {
        Channel ch;
        synchronized (lock) {
            closed = true;
            txShut = true;
            ch = channel;
            releaseOverflow();
        }
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    void drained() {
        Channel ch;
        synchronized (lock) {
            refill();
            ch = overflow.isEmpty() && rx.space() > 0 ? channel : null;
        }
        if (ch != null && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    /** Moves waiting buffers into the receive buffer while they fit. Holds the lock. */
    private void refill() {
        while (!overflow.isEmpty() && rx.space() > 0) {
            ByteBuf head = overflow.peek();
            int k = Math.min(head.readableBytes(), rx.space());
            byte[] tmp = new byte[k];
            head.readBytes(tmp);
            rx.put(tmp, 0, k);
            if (!head.isReadable()) {
                overflow.poll().release();
            }
        }
    }

    private void releaseOverflow() {
        while (!overflow.isEmpty()) {
            overflow.poll().release();
        }
    }

    /** Runs on Netty's event loop: takes the host's bytes and the channel's end. */
    private final class Feeder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            boolean full;
            synchronized (lock) {
                if (closed || rxShut) {
                    buf.release();
                    return;
                }
                overflow.add(buf);
                refill();
                arrivals++;
                full = !overflow.isEmpty();
            }
            if (full) {
                ctx.channel().config().setAutoRead(false);
            }
            events.signal();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (lock) {
                rxEnded = true;
                arrivals++;
            }
            events.signal();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            // The host closed its sending side (half-close): the guest reads to the end.
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                channelInactive(ctx);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            synchronized (lock) {
                error = NetErrno.ECONNRESET;
                rxEnded = true;
                arrivals++;
            }
            ctx.close();
            events.signal();
        }
    }
}

package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.NetCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The tenant's doors to the host: egress to allowed addresses, and published ports. */
class HostNetworkTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Repeats a request that answers WOULD_BLOCK after each event, as a parked guest does. */
    private static long retry(NetCalls g, LongSupplier call) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            long seen = g.port.eventCount();
            long r = call.getAsLong();
            if (r != -Errno.WOULD_BLOCK || System.nanoTime() > deadline) {
                return r;
            }
            g.port.awaitEvent(seen, 100_000_000L);
        }
    }

    private static String recvAll(NetCalls g, long h) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String[] got = new String[1];
            long r = retry(g, () -> {
                got[0] = g.recv(h, 4096, 0);
                return got[0].startsWith("errno ") ? Long.parseLong(got[0].substring(6)) : 0;
            });
            if (r < 0) {
                throw new AssertionError("recv failed: " + r);
            }
            if (got[0].isEmpty()) {
                return sb.toString();
            }
            sb.append(got[0]);
        }
    }

    @Test
    void egressReachesOnlyAllowedHostPorts() throws Exception {
        try (ServerSocket host = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = host.getLocalPort();
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Socket s = host.accept()) {
                    byte[] b = new byte[5];
                    int n = s.getInputStream().readNBytes(b, 0, 5);
                    s.getOutputStream().write(("host saw " + new String(b, 0, n))
                            .getBytes(StandardCharsets.UTF_8));
                    return new String(b, 0, n, StandardCharsets.UTF_8);
                } catch (Exception e) {
                    return e.toString();
                }
            });
            SystemVm vm = new SystemVm("egress");
            try {
                NetCalls g = new NetCalls(vm.attach(new SessionSpec()));
                long denied = g.socket(AF_INET, SOCK_STREAM);
                assertEquals(-NetErrno.ECONNREFUSED, g.connect(denied, in4("127.0.0.1", port)),
                        "nothing is allowed by default");

                vm.network().allow("127.0.0.1", port);
                long s = g.socket(AF_INET, SOCK_STREAM);
                assertEquals(0, retry(g, () -> g.connect(s, in4("127.0.0.1", port))));
                assertEquals(-NetErrno.EISCONN, g.connect(s, in4("127.0.0.1", port)));
                assertEquals(5, g.send(s, "guest"));
                assertEquals("host saw guest", recvAll(g, s));
                assertEquals("guest", served.get(10, TimeUnit.SECONDS));
            } finally {
                vm.close();
            }
        }
    }

    @Test
    void nonBlockingEgressConnectIsInProgressThenWritable() throws Exception {
        try (ServerSocket host = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = host.getLocalPort();
            SystemVm vm = new SystemVm("egress-nb");
            try {
                vm.network().allow("127.0.0.1", 0);
                NetCalls g = new NetCalls(vm.attach(new SessionSpec()));
                long s = g.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
                assertEquals(-NetErrno.EINPROGRESS, g.connect(s, in4("127.0.0.1", port)));
                assertEquals(4, retry(g, () -> g.poll(s, 4) == 4 ? 4 : -Errno.WOULD_BLOCK));
                byte[] err = new byte[4];
                assertEquals(4, g.getsockopt(s, 1, 4, err));
                assertEquals(0, err[0], "SO_ERROR after a successful connect");

                // A port nobody listens on: refused, reported through SO_ERROR.
                int closed;
                try (ServerSocket tmp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    closed = tmp.getLocalPort();
                }
                long r = g.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
                assertEquals(-NetErrno.EINPROGRESS, g.connect(r, in4("127.0.0.1", closed)));
                assertEquals(8, retry(g, () -> (g.poll(r, 4) & 8) != 0 ? 8 : -Errno.WOULD_BLOCK));
                assertEquals(4, g.getsockopt(r, 1, 4, err));
                assertEquals(NetErrno.ECONNREFUSED, err[0]);
            } finally {
                vm.close();
            }
        }
    }

    @Test
    void publishedPortReachesTheGuestListener() throws Exception {
        SystemVm vm = new SystemVm("publish");
        try {
            NetCalls g = new NetCalls(vm.attach(new SessionSpec()));
            long l = g.socket(AF_INET, SOCK_STREAM);
            assertEquals(0, g.bind(l, in4("0.0.0.0", 8080)));
            assertEquals(0, g.listen(l, 4));
            int hostPort = vm.network().publish(0, 8080);
            assertTrue(hostPort > 0);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
                OutputStream out = client.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
                byte[] peer = new byte[128];
                long s = retry(g, () -> g.accept(l, peer, 0));
                assertTrue(s >= 3, "accept gave " + s);
                assertEquals(client.getLocalPort(), portOf(peer), "the peer is the host client");
                assertEquals("GET / HTTP/1.0\r\n\r\n", recvAll(g, s));
                assertEquals(8, g.send(s, "HTTP 200"));
                g.close(s);
                InputStream in = client.getInputStream();
                assertEquals("HTTP 200", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            vm.close();
        }
    }

    @Test
    void publishedPortWithoutListenerClosesTheHostConnection() throws Exception {
        SystemVm vm = new SystemVm("publish-none");
        try {
            int hostPort = vm.network().publish(0, 9090);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
                client.setSoTimeout(10_000);
                assertEquals(-1, client.getInputStream().read(), "closed: nobody listens");
            }
        } finally {
            vm.close();
        }
    }
}

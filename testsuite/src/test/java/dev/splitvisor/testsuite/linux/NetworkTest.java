package dev.splitvisor.testsuite.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.testsuite.linux.GuestRun.Outcome;
import dev.splitvisor.vmm.Main;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guest programs on the tenant's network: an echo server and its clients in separate user VMs
 * of one tenant (in memory), a host client through a published port, and egress to a host
 * HTTP server only when the operator allowed it.
 */
class NetworkTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static Future<Outcome> start(SystemVm sysvm, String binary, List<String> args) {
        return pool.submit(() -> GuestRun.run(sysvm, GuestRun.spec(binary, args)));
    }

    private static Outcome finish(Future<Outcome> run) throws Exception {
        return run.get(2, TimeUnit.MINUTES);
    }

    @Test
    void echoServerAndClientsInTwoVmsOfOneTenant() throws Exception {
        echoServerAndClients(new SystemVm("net-echo"), 7100);
    }

    /** The same exchange with every socket request travelling through the shared rings. */
    @Test
    void echoServerAndClientsOverRings() throws Exception {
        echoServerAndClients(new SystemVm("net-echo-rings", RingConfig.DEFAULT), 7104);
    }

    private static void echoServerAndClients(SystemVm sysvm, int port) throws Exception {
        String p = String.valueOf(port);
        try {
            Future<Outcome> server = start(sysvm, "tcp_echo.musl", List.of("server", p, "2"));
            Outcome c1 = finish(start(sysvm, "tcp_echo.glibc",
                    List.of("client", "127.0.0.1", p, "first")));
            Outcome c2 = finish(start(sysvm, "tcp_echo.musl",
                    List.of("client", "127.0.0.1", p, "second")));
            assertEquals("echo: first\n", c1.stdout(), String.valueOf(c1.reason()));
            assertEquals("echo: second\n", c2.stdout(), String.valueOf(c2.reason()));
            Outcome s = finish(server);
            assertEquals(0, s.status(), s.stdout() + s.reason());
            assertEquals("listening on " + port + "\n"
                    + "served client 1 from AF_INET: 5 bytes: first\n"
                    + "served client 2 from AF_INET: 6 bytes: second\n"
                    + "done\n", s.stdout());
        } finally {
            sysvm.close();
        }
    }

    @Test
    void anotherTenantCannotReachTheServer() throws Exception {
        SystemVm owner = new SystemVm("net-owner");
        SystemVm stranger = new SystemVm("net-stranger");
        try {
            Future<Outcome> server = start(owner, "tcp_echo.musl", List.of("server", "7101", "1"));
            // The stranger retries refused connects for about 4 s, then gives up.
            Outcome c = finish(start(stranger, "tcp_echo.musl",
                    List.of("client", "127.0.0.1", "7101", "knock")));
            assertEquals(1, c.status(), c.stdout());
            assertEquals("connect: Connection refused\n", c.stdout());
            Outcome friend = finish(start(owner, "tcp_echo.musl",
                    List.of("client", "127.0.0.1", "7101", "friend")));
            assertEquals("echo: friend\n", friend.stdout());
            assertEquals(0, finish(server).status());
        } finally {
            owner.close();
            stranger.close();
        }
    }

    @Test
    void hostClientReachesGuestServerThroughPublishedPort() throws Exception {
        SystemVm sysvm = new SystemVm("net-publish");
        try {
            int hostPort = sysvm.network().publish(0, 7102);
            Future<Outcome> server = start(sysvm, "tcp_echo.musl", List.of("server", "7102", "1"));
            String echo = null;
            for (int attempt = 0; attempt < 500 && echo == null; attempt++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
                    s.setSoTimeout(60_000);
                    OutputStream out = s.getOutputStream();
                    out.write("from the host".getBytes(StandardCharsets.UTF_8));
                    s.shutdownOutput();
                    InputStream in = s.getInputStream();
                    String got = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    // Before the guest listens, the connection is closed at once with nothing.
                    echo = got.isEmpty() ? null : got;
                }
                if (echo == null) {
                    Thread.sleep(20);
                }
            }
            assertEquals("from the host", echo);
            Outcome s = finish(server);
            assertEquals(0, s.status(), s.stdout());
            assertTrue(s.stdout().contains("served client 1 from AF_INET: 13 bytes: from the host"),
                    s.stdout());
        } finally {
            sysvm.close();
        }
    }

    @Test
    void httpGetReachesAHostServerOnlyWhenAllowed() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "hello from the host\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        http.createContext("/hello", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        int port = http.getAddress().getPort();
        SystemVm denied = new SystemVm("net-denied");
        SystemVm allowed = new SystemVm("net-allowed");
        try {
            Outcome no = finish(start(denied, "http_get.musl",
                    List.of("127.0.0.1", String.valueOf(port), "/hello")));
            assertEquals(1, no.status(), no.stdout());
            assertEquals("connect: Connection refused\n", no.stdout());

            allowed.network().allow("127.0.0.1", port);
            Outcome yes = finish(start(allowed, "http_get.glibc",
                    List.of("127.0.0.1", String.valueOf(port), "/hello")));
            assertEquals(0, yes.status(), yes.stdout() + yes.reason());
            assertEquals("HTTP/1.1 200 OK\nbody: " + body.length + " bytes\n", yes.stdout());
        } finally {
            http.stop(0);
            denied.close();
            allowed.close();
        }
    }

    /**
     * The same rules through the command line: {@code run} without {@code --allow-net} is
     * refused the host server and with it reaches it (http_get's status tells), and a host
     * client reaches a {@code run} guest's listener through {@code --publish}.
     */
    @Test
    void runCommandAppliesAllowNetAndPublish() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        http.start();
        String port = String.valueOf(http.getAddress().getPort());
        String get = GuestRun.BIN.resolve("http_get.musl").toString();
        try {
            assertEquals(1, Main.execute("run", get, "127.0.0.1", port, "/"));
            assertEquals(0, Main.execute("run", "--allow-net", "127.0.0.1:" + port, get,
                    "127.0.0.1", port, "/"));
            assertEquals(1, Main.execute("run", "--allow-net", "127.0.0.1:1", get,
                    "127.0.0.1", port, "/"));
        } finally {
            http.stop(0);
        }

        int hostPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            hostPort = probe.getLocalPort();
        }
        Future<Integer> server = pool.submit(() -> Main.execute("run", "--tenant", "cli-publish",
                "--publish", hostPort + ":7103", GuestRun.BIN.resolve("tcp_echo.glibc").toString(),
                "server", "7103", "1"));
        String echo = null;
        for (int attempt = 0; attempt < 500 && echo == null; attempt++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
                s.setSoTimeout(60_000);
                s.getOutputStream().write("via --publish".getBytes(StandardCharsets.UTF_8));
                s.shutdownOutput();
                String got = new String(s.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8);
                echo = got.isEmpty() ? null : got;
            } catch (java.net.ConnectException e) {
                // run has not published the port yet
            }
            if (echo == null) {
                Thread.sleep(20);
            }
        }
        assertEquals("via --publish", echo);
        assertEquals(0, server.get(2, TimeUnit.MINUTES));
    }
}

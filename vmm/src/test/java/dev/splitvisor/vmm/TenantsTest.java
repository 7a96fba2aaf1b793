package dev.splitvisor.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A tenant's system VM lives while its user VMs run and for the idle time after, no longer. */
class TenantsTest {
    private static final Path BIN = Path.of("..", "testsuite", "guest", "bin");

    private static UserVm start(Tenants tenants, String program, InputStream in)
            throws VmStartException {
        LaunchSpec spec = LaunchSpec.of(BIN.resolve(program), List.of());
        spec.console = new Console(in, new ByteArrayOutputStream(), new ByteArrayOutputStream());
        return UserVm.start(tenants, "t", spec);
    }

    private static UserVm hello(Tenants tenants) throws VmStartException {
        return start(tenants, "hello.musl", new ByteArrayInputStream(new byte[0]));
    }

    private static void awaitClosed(SystemVm vm, long withinMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
        while (!vm.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(vm.isClosed(), "system VM still open after " + withinMillis + " ms");
    }

    @Test
    void closedOnlyAfterTheIdleTimeOnceTheLastVmEnded() throws Exception {
        try (Tenants tenants = new Tenants(null, Duration.ofSeconds(1))) {
            PipedOutputStream stdin = new PipedOutputStream();
            UserVm reader = start(tenants, "echo_stdin.musl", new PipedInputStream(stdin));
            SystemVm sysvm = reader.systemVm();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(reader::run);

            Thread.sleep(2000); // twice the idle time while the VM waits for its input
            assertFalse(sysvm.isClosed(), "closed while a user VM runs");
            assertTrue(tenants.isRunning("t"));

            stdin.write("bye\n".getBytes(StandardCharsets.UTF_8));
            stdin.close();
            assertEquals(0, run.get(1, TimeUnit.MINUTES));
            long ended = System.nanoTime();
            assertFalse(sysvm.isClosed(), "closed before the idle time passed");
            awaitClosed(sysvm, 10_000);
            // Half the idle time: the lease went a moment before "ended" was taken.
            assertTrue(System.nanoTime() - ended >= TimeUnit.MILLISECONDS.toNanos(500),
                    "closed before the idle time");
            assertFalse(tenants.isRunning("t"));
        }
    }

    @Test
    void aVmDuringTheIdleTimeKeepsTheSystemVm() throws Exception {
        try (Tenants tenants = new Tenants(null, Duration.ofSeconds(30))) {
            UserVm first = hello(tenants);
            assertEquals(0, first.run());
            UserVm second = hello(tenants);
            assertSame(first.systemVm(), second.systemVm());
            assertEquals(0, second.run());
            assertFalse(second.systemVm().isClosed());
        }
    }

    @Test
    void aVmAfterTheCloseGetsAFreshSystemVm() throws Exception {
        try (Tenants tenants = new Tenants(null, Duration.ZERO)) {
            UserVm first = hello(tenants);
            assertEquals(0, first.run());
            assertTrue(first.systemVm().isClosed());
            assertFalse(tenants.isRunning("t"));

            UserVm second = hello(tenants);
            assertNotSame(first.systemVm(), second.systemVm());
            assertFalse(second.systemVm().isClosed());
            assertEquals(0, second.run());
            assertTrue(second.systemVm().isClosed());
        }
    }

    @Test
    void closingARingSystemVmStopsItsServerThreads() throws Exception {
        try (Tenants tenants = new Tenants(RingConfig.DEFAULT, Duration.ZERO)) {
            UserVm vm = hello(tenants);
            assertEquals(0, vm.run());
            assertTrue(vm.systemVm().isClosed());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ringThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, ringThreads());
        }
    }

    @Test
    void aFailedStartReleasesItsLease() throws Exception {
        try (Tenants tenants = new Tenants(null, Duration.ZERO)) {
            LaunchSpec spec = LaunchSpec.of(BIN.resolve("no-such-program"), List.of());
            assertThrows(VmStartException.class, () -> UserVm.start(tenants, "t", spec));
            assertFalse(tenants.isRunning("t"));
        }
    }

    private static long ringThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sysvm-ring-t-")).count();
    }
}

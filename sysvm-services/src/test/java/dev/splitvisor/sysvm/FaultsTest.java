package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into the system VM and its rings: a VM killed in the middle of requests, a
 * service that throws, full rings, a volume whose disk fails. Each time the faulty part gets an
 * errno, nothing leaks, and the rest of the tenant goes on.
 */
class FaultsTest {
    /** A thread per task: the callers below block, and the common pool may be one thread. */
    private static final Executor THREADS = r -> {
        Thread t = new Thread(r, "test-caller");
        t.setDaemon(true);
        t.start();
    };

    @TempDir
    Path dir;

    private final List<SystemVm> vms = new ArrayList<>();
    private final AtomicBoolean driving = new AtomicBoolean();
    /** Rounds of the driver's loop begun so far. */
    private final AtomicLong driverRounds = new AtomicLong();
    private Thread driver;

    @AfterEach
    void stop() throws InterruptedException {
        driving.set(false);
        if (driver != null) {
            driver.interrupt();
            driver.join(5000);
        }
        vms.forEach(SystemVm::close);
    }

    private SystemVm vm(RingConfig rings, Quotas quotas) {
        SystemVm vm = new SystemVm("t", rings, quotas);
        vms.add(vm);
        return vm;
    }

    /**
     * Serves turns of a manual ring server on a thread of its own while {@link #driving} is
     * set, so a test can stop service (entries then stay queued) and start it again.
     */
    private void drive(SystemVm vm) {
        driving.set(true);
        driver = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                driverRounds.incrementAndGet();
                if (!driving.get() || !vm.ringServer().serveOneTurn()) {
                    try {
                        Thread.sleep(0, 100_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "test-ring-driver");
        driver.setDaemon(true);
        driver.start();
    }

    /** Stops the driver and returns once no turn is in progress. */
    private void pause() throws InterruptedException {
        driving.set(false);
        long seen = driverRounds.get();
        while (driverRounds.get() < seen + 2) { // a whole round began after the flag was seen
            Thread.sleep(1);
        }
    }

    /** Repeats a call while it would block, parked on the event count, as the microkernel does. */
    private static long blocking(HypercallPort port, LongSupplier call) {
        while (true) {
            long seen = port.eventCount();
            long r = call.getAsLong();
            if (r != -Errno.WOULD_BLOCK) {
                return r;
            }
            try {
                port.awaitEvent(seen, TimeUnit.MILLISECONDS.toNanos(50));
            } catch (InterruptedException e) {
                return -Errno.EINTR;
            }
        }
    }

    private static String awaitResult(CompletableFuture<Long> f) throws Exception {
        return String.valueOf(f.get(10, TimeUnit.SECONDS));
    }

    // ---------------------------------------------------------------- 1: a VM killed

    @Test
    void aVmKilledMidRequestFailsItsCallsReleasesItsHandlesAndTheOthersGoOn() throws Exception {
        SystemVm vm = vm(RingConfig.DEFAULT.entries(8).serverThreads(0), Quotas.DEFAULT);
        RingPort portA = vm.attachRing(new SessionSpec());
        RingPort portB = vm.attachRing(new SessionSpec());
        drive(vm);
        GuestCalls a = new GuestCalls(portA);
        GuestCalls b = new GuestCalls(portB);
        NetCalls an = new NetCalls(portA);
        NetCalls bn = new NetCalls(portB);

        long listener = bn.socket(NetCalls.AF_UNIX, NetCalls.SOCK_STREAM);
        assertEquals(0, bn.bind(listener, NetCalls.un("@svc")));
        assertEquals(0, bn.listen(listener, 4));
        long client = an.socket(NetCalls.AF_UNIX, NetCalls.SOCK_STREAM);
        assertEquals(0, blocking(portA, () -> an.connect(client, NetCalls.un("@svc"))));
        long served = blocking(portB, () -> bn.accept(listener, null, 0));
        assertTrue(served >= 3, "accepted " + served);
        int[] pipe = a.pipe(0);
        long bHandles = 2;
        assertEquals(bHandles + 3, vm.handles.used(), "b: 2; a: socket and pipe");

        // Two of a's threads wait for I/O that will never come; one more request is queued.
        CompletableFuture<Long> pipeRead = CompletableFuture.supplyAsync(() -> blocking(portA,
                () -> new GuestCalls(portA).readResult(pipe[0], 16)), THREADS);
        CompletableFuture<Long> socketRead = CompletableFuture.supplyAsync(() -> blocking(portA,
                () -> new GuestCalls(portA).readResult(client, 16)), THREADS);
        Thread.sleep(50);
        assertFalse(pipeRead.isDone() || socketRead.isDone(), "both wait");
        pause();
        int queued = portA.submit(new HypercallRequest().set(Opcode.NOP, 0, null));
        portA.flush();

        portA.detach(); // the VM is killed

        assertEquals(-Errno.ECANCELED, portA.complete(queued), "the queued entry");
        assertEquals(String.valueOf(-Errno.ECANCELED), awaitResult(pipeRead),
                "the thread parked on the pipe");
        assertEquals(String.valueOf(-Errno.ECANCELED), awaitResult(socketRead),
                "the thread parked on the socket");
        assertEquals(-Errno.ECANCELED, a.call(Opcode.NOP, 0, null, 0, 0, null));
        assertEquals(bHandles, vm.handles.used(), "a's handles are released");
        assertEquals(2, vm.sockets.used());

        driving.set(true);
        assertEquals("", bn.recv(served, 16, 0), "b's end of the connection sees EOF");
        assertEquals(-Errno.EPIPE, bn.send(served, "x"));
        assertEquals(0, b.put("/tmp/after", "still here"));
        assertEquals("still here", b.slurp("/tmp/after"));
        assertEquals(0, vm.hostFaults());
    }

    // ---------------------------------------------------------------- 2: a service throws

    @Test
    void aServiceThatThrowsAnswersEioIsLoggedOnceAndServiceGoesOn() throws Exception {
        Files.writeString(dir.resolve("f"), "data");
        FaultyChannel.Switches faults = new FaultyChannel.Switches();
        SystemVm vm = vm(RingConfig.DEFAULT.serverThreads(1), Quotas.DEFAULT);
        vm.volumes.channelFilter = ch -> new FaultyChannel(ch, faults);
        SessionSpec spec = new SessionSpec().mount(new Mount(dir, "/vol", false));
        GuestCalls a = new GuestCalls(vm.attach(spec));
        GuestCalls b = new GuestCalls(vm.attach(spec));
        long h = a.open("/vol/f", O_RDONLY);
        faults.throwOnRead = true;
        for (int k = 0; k < 3; k++) {
            assertEquals("errno " + -Errno.EIO, a.read(h, 16, 0), "try " + k);
        }
        assertEquals(3, vm.hostFaults());
        assertEquals(1, vm.faultPlacesLogged(), "one place, logged once");

        assertEquals(0, b.put("/tmp/t", "b works"), "another session goes on");
        assertEquals("b works", b.slurp("/tmp/t"));
        assertEquals(0, a.put("/vol/g", "a writes"), "so does the faulty session");
        assertEquals(0, a.close(h));
        assertEquals(0, vm.handles.used(), "the failed reads leaked no handle");
        faults.throwOnRead = false;
        assertEquals("data", a.slurp("/vol/f"));
        assertEquals("a writes", Files.readString(dir.resolve("g")));
    }

    // ---------------------------------------------------------------- 3: full rings

    @Test
    void aFullRingMakesCallersWaitOrEagainAndLosesNothing() throws Exception {
        SystemVm vm = vm(RingConfig.DEFAULT.entries(4).completionEntries(2).batch(4)
                .serverThreads(0), Quotas.DEFAULT);
        RingPort port = vm.attachRing(new SessionSpec());
        drive(vm);
        GuestCalls g = new GuestCalls(port);
        long log = g.open(-1, "/tmp/log", O_CREAT | O_WRONLY | O_APPEND, 0644);
        pause();
        long servedBefore = vm.requestsServed();

        HypercallRequest r = new HypercallRequest();
        int[] tickets = new int[4];
        for (int i = 0; i < 4; i++) {
            tickets[i] = port.submit(write(r, log, "q" + i + ";"));
            assertTrue(tickets[i] >= 0);
        }
        port.flush();
        assertEquals(-Errno.EAGAIN, port.tryCall(write(r, log, "never;")), "every slot taken");
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String token = "w" + i + ";";
            waiting.add(CompletableFuture.supplyAsync(
                    () -> port.call(write(new HypercallRequest(), log, token)), THREADS));
        }
        Thread.sleep(50);
        for (CompletableFuture<Long> f : waiting) {
            assertFalse(f.isDone(), "no slot: the caller waits");
        }
        assertEquals(servedBefore, vm.requestsServed(), "nothing served while stopped");

        driving.set(true);
        for (int t : tickets) {
            assertEquals(3, port.complete(t));
        }
        for (CompletableFuture<Long> f : waiting) {
            assertEquals("3", awaitResult(f));
        }
        assertEquals(servedBefore + 8, vm.requestsServed(), "each served once");
        Map<String, Integer> seen = tokens(g.slurp("/tmp/log"));
        assertEquals(8, seen.size(), seen.toString());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), seen.toString());
        assertFalse(seen.containsKey("never"));
    }

    @Test
    void underContentionForATwoSlotRingEveryRequestLandsOnce() throws Exception {
        SystemVm vm = vm(RingConfig.DEFAULT.entries(2).serverThreads(1), Quotas.DEFAULT);
        RingPort port = vm.attachRing(new SessionSpec());
        GuestCalls g = new GuestCalls(port);
        long log = g.open(-1, "/tmp/log", O_CREAT | O_WRONLY | O_APPEND, 0644);
        List<CompletableFuture<Long>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int id = w;
            workers.add(CompletableFuture.supplyAsync(() -> {
                HypercallRequest r = new HypercallRequest();
                long eagain = 0;
                for (int i = 0; i < 200; i++) {
                    String token = "t" + id + "." + i + ";";
                    long n;
                    if (i % 2 == 0) {
                        // Half try first and yield on EAGAIN, as a non-blocking caller would.
                        while ((n = port.tryCall(write(r, log, token))) == -Errno.EAGAIN) {
                            eagain++;
                            Thread.yield();
                        }
                    } else {
                        n = port.call(write(r, log, token));
                    }
                    assertEquals(token.length(), n, token);
                }
                return eagain;
            }, THREADS));
        }
        RingPort other = vm.attachRing(new SessionSpec());
        HypercallRequest nop = new HypercallRequest();
        for (int i = 0; i < 100; i++) {
            assertEquals(0, other.tryCall(nop.set(Opcode.NOP, 0, null)),
                    "another VM's ring has its own slots");
        }
        for (CompletableFuture<Long> f : workers) {
            f.get(30, TimeUnit.SECONDS);
        }
        Map<String, Integer> seen = tokens(g.slurp("/tmp/log"));
        assertEquals(800, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "duplicates in " + seen);
    }

    private static HypercallRequest write(HypercallRequest r, long h, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return r.set(Opcode.WRITE, (int) h, Grant.ofBuffer(b, 0, b.length, false)).args(-1, 0);
    }

    private static Map<String, Integer> tokens(String log) {
        Map<String, Integer> seen = new HashMap<>();
        for (String t : log.split(";")) {
            if (!t.isEmpty()) {
                seen.merge(t, 1, Integer::sum);
            }
        }
        return seen;
    }

    // ---------------------------------------------------------------- 4: a failing disk

    @Test
    void aVolumeWhoseDiskFailsAnswersEnospcOrEioAndSyncedDataSurvives() throws Exception {
        FaultyChannel.Switches faults = new FaultyChannel.Switches();
        SystemVm vm = vm(null, Quotas.DEFAULT.volumeBytes(1 << 20));
        vm.volumes.channelFilter = ch -> new FaultyChannel(ch, faults);
        SessionSpec spec = new SessionSpec().mount(new Mount(dir, "/vol", false));
        GuestCalls a = new GuestCalls(vm.attach(spec));
        GuestCalls b = new GuestCalls(vm.attach(spec));
        long h = a.open(-1, "/vol/data", O_CREAT | O_WRONLY, 0644);
        assertEquals(9, a.write(h, "committed"));
        assertEquals(0, a.call(Opcode.FSYNC, (int) h, null, 0, 0, null));

        faults.failWrites = true;
        faults.failForce = true;
        assertEquals(-Errno.ENOSPC, a.write(h, "lost"));
        assertEquals(-Errno.EIO, a.call(Opcode.FSYNC, (int) h, null, 0, 0, null));
        assertEquals(-Errno.ENOSPC, a.call(Opcode.TRUNCATE, (int) h, null, 100, 0, null));
        assertEquals(-Errno.ENOSPC, a.open("/vol/data", O_WRONLY | O_TRUNC),
                "O_TRUNC cannot truncate");
        assertEquals(1, faults.open.get(), "the failed open closed its host file");
        assertEquals("committed", Files.readString(dir.resolve("data")),
                "what was synced before the fault is on disk");
        assertEquals(9, vm.volumes.bytes.used(), "the failed growth was not charged");
        assertEquals("committed", b.slurp("/vol/data"), "reads go on");
        assertEquals(0, b.put("/tmp/t", "tmpfs goes on"));
        assertEquals(0, vm.hostFaults(), "a disk error is the guest's errno, not a host fault");

        faults.failWrites = false;
        faults.failForce = false;
        assertEquals(4, a.write(h, "more"));
        assertEquals(0, a.call(Opcode.FSYNC, (int) h, null, 0, 0, null));
        assertEquals("committedmore", Files.readString(dir.resolve("data")));
        assertEquals(0, a.close(h));
        assertEquals(0, vm.handles.used());
        assertEquals(0, faults.open.get(), "no host file left open");
    }
}

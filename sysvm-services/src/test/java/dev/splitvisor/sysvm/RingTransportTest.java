package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingPort;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file services reached through rings and server threads instead of direct calls. */
class RingTransportTest {
    @TempDir
    Path shared;

    private final SystemVm vm = new SystemVm("t", RingConfig.DEFAULT);

    @AfterEach
    void stop() {
        vm.close();
    }

    @Test
    void ringModeAttachGivesARingPort() {
        assertInstanceOf(RingPort.class, vm.attach(new SessionSpec()));
        assertInstanceOf(Session.class, new SystemVm("direct").attach(new SessionSpec()));
    }

    @Test
    void closingTheSystemVmCancelsItsPortsInsteadOfLeavingThemWaiting() throws Exception {
        GuestCalls g = new GuestCalls(vm.attach(new SessionSpec()));
        assertEquals(0, g.mkdir("/tmp/d"));
        vm.close();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Long> late = caller.submit(() -> g.mkdir("/tmp/e"));
            assertEquals(-Errno.ECANCELED, late.get(10, TimeUnit.SECONDS));
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void filesWorkThroughTheRings() {
        GuestCalls g = new GuestCalls(vm.attach(new SessionSpec()));
        assertEquals(0, g.mkdir("/tmp/d"));
        assertEquals(0, g.put("/tmp/d/f", "hello, rings"));
        assertEquals("hello, rings", g.slurp("/tmp/d/f"));
        assertEquals(12, size(g.stat("/tmp/d/f", 0)));
        assertEquals(0, g.rename("/tmp/d/f", "/tmp/d/g", 0));
        assertEquals(List.of(".", "..", "g"), g.list("/tmp/d"));
        assertEquals(-Errno.ENOENT, g.open("/tmp/d/f", O_RDONLY));
        long served = vm.requestsServed();
        assertTrue(served > 10, "served by the system VM: " + served);
    }

    @Test
    void aKernelBufferLargerThanASlotReadsWhole() {
        GuestCalls g = new GuestCalls(vm.attach(new SessionSpec()));
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        long h = g.open(-1, "/tmp/big", O_CREAT | O_RDWR, 0644);
        assertEquals(data.length, g.write(h, data, 0));
        byte[] back = new byte[data.length];
        long n = g.port.call(new HypercallRequest().set(Opcode.READ, (int) h,
                Grant.ofBuffer(back, 0, back.length, true)).args(0, 0));
        assertEquals(data.length, n);
        assertArrayEquals(data, back);
    }

    @Test
    void guestGrantsAreServedInGuestMemoryAndFaultOutsideIt() {
        GuestCalls g = new GuestCalls(vm.attach(new SessionSpec()));
        g.put("/tmp/f", "guest bytes");
        AddressSpace space = new AddressSpace();
        space.map(0x400000, 0x1000, Prot.READ | Prot.WRITE);
        space.map(0x401000, 0x1000, Prot.READ);
        long h = g.open("/tmp/f", O_RDONLY);
        HypercallRequest r = new HypercallRequest();
        assertEquals(11, g.port.call(r.set(Opcode.READ, (int) h,
                new Grant(space, 0x400000, 64, true)).args(0, 0)));
        byte[] got = new byte[11];
        space.readBytes(0x400000, got, 0, 11);
        assertEquals("guest bytes", new String(got));
        assertEquals(-Errno.EFAULT, g.port.call(r.set(Opcode.READ, (int) h,
                new Grant(space, 0x900000, 64, true)).args(0, 0)), "unmapped");
        assertEquals(-Errno.EFAULT, g.port.call(r.set(Opcode.READ, (int) h,
                new Grant(space, 0x401000, 64, true)).args(0, 0)), "read-only page");
        assertEquals(-Errno.EFAULT, g.port.call(r.set(Opcode.READ, (int) h,
                new Grant(space, 1L << 47, 64, true)).args(0, 0)), "past user space");
    }

    @Test
    void eventCountMovesThroughARingPort() {
        GuestCalls g = new GuestCalls(vm.attach(new SessionSpec()));
        int[] p = g.pipe(0);
        long seen = g.port.eventCount();
        assertEquals(1, g.write(p[1], "x"));
        assertNotEquals(seen, g.port.eventCount());
        assertEquals("x", g.read(p[0], 8));
        assertEquals(-Errno.WOULD_BLOCK, g.readResult(p[0], 8), "empty pipe, blocking handle");
    }

    @Test
    void detachReleasesTheVmsHandles() {
        SessionSpec spec = new SessionSpec().mount(new Mount(shared, "/shared", false));
        GuestCalls a = new GuestCalls(vm.attach(spec));
        GuestCalls b = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        GuestCalls b2 = new GuestCalls(vm.attach(new SessionSpec()
                .mount(new Mount(shared, "/shared", false))));
        a.put("/shared/lock", "");
        long ha = a.open("/shared/lock", O_RDONLY);
        long hb = b2.open("/shared/lock", O_RDONLY);
        assertEquals(0, a.call(Opcode.FLOCK, (int) ha, null, 2, 0, null));
        assertEquals(-Errno.EAGAIN, b2.call(Opcode.FLOCK, (int) hb, null, 2 | 4, 0, null));
        a.port.detach();
        assertEquals(0, b2.call(Opcode.FLOCK, (int) hb, null, 2 | 4, 0, null),
                "the detached VM's lock went with its handles");
        assertEquals(-Errno.ECANCELED, a.call(Opcode.NOP, 0, null, 0, 0, null));
        assertEquals(0, b.call(Opcode.NOP, 0, null, 0, 0, null));
    }

    @Test
    void severalThreadsOnSeveralRingsGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<String>> results = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            RingPort port = vm.attachRing(new SessionSpec());
            for (int t = 0; t < 2; t++) {
                String name = "/tmp/v" + v + "t" + t;
                results.add(pool.submit(() -> work(new GuestCalls(port), name)));
            }
        }
        for (Future<String> f : results) {
            assertEquals("ok", f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
    }

    private static String work(GuestCalls g, String name) {
        for (int k = 0; k < 300; k++) {
            String text = name + " #" + k;
            if (g.put(name, text) != 0) {
                return "put " + k;
            }
            if (!g.slurp(name).equals(text)) {
                return "content " + k + ": " + g.slurp(name);
            }
            if (g.call(Opcode.NOP, 0, null, 0, 0, null) != 0) {
                return "nop " + k;
            }
        }
        return "ok";
    }
}

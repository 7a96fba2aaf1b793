package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Foreign handles (EBADF), grants that fault (EFAULT), and garbage requests. */
class HandleAndGrantChecksTest {
    private static final long PAGE = 0x10000;

    @Test
    void aHandleOfAnotherSessionIsEbadf() {
        SystemVm vm = new SystemVm("t");
        GuestCalls a = new GuestCalls(vm.attach(new SessionSpec()));
        GuestCalls b = new GuestCalls(vm.attach(new SessionSpec()));
        a.put("/tmp/secret", "a's data");
        a.open("/dev/null", O_RDONLY);
        a.open("/dev/null", O_RDONLY);
        long h = a.open("/tmp/secret", O_RDONLY);
        long other = b.open("/tmp", O_RDONLY | O_DIRECTORY);
        assertTrue(h > other, "b holds fewer handles than a, so h names nothing in b");
        assertEquals("errno -" + Errno.EBADF, b.read(h, 10));
        assertEquals(-Errno.EBADF, b.close(h));
        assertEquals(-Errno.ENOENT, b.open("/tmp/secret", O_RDONLY), "each has its own /tmp");
        assertEquals("a's data", a.read(h, 10));
        assertEquals(-Errno.EBADF, a.close(-5));
        assertEquals(-Errno.EBADF, a.close(1 << 20));
    }

    @Test
    void grantsOutsideMappedMemoryFault() {
        AddressSpace space = new AddressSpace();
        space.map(PAGE, 4096, Prot.READ | Prot.WRITE);
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        g.put("/tmp/f", "x".repeat(100));
        long h = g.open("/tmp/f", O_RDWR);
        Grant straddling = new Grant(space, PAGE + 4096 - 10, 100, true);
        assertEquals(10, g.call(Opcode.READ, (int) h, straddling, 0, 0, null),
                "a read into a buffer that runs into unmapped memory stops there, as on Linux");
        Grant beyond = new Grant(space, PAGE + 4096, 16, true);
        assertEquals(-Errno.EFAULT, g.call(Opcode.READ, (int) h, beyond, 0, 0, null));
        Grant unmapped = new Grant(space, 0x900000, 16, true);
        assertEquals(-Errno.EFAULT, g.call(Opcode.WRITE, (int) h, unmapped, -1, 0, null));
        assertEquals(-Errno.EFAULT, g.call(Opcode.FSTAT, (int) h, unmapped, 0, 0, null));
        Grant ok = new Grant(space, PAGE, 144, true);
        assertEquals(0, g.call(Opcode.FSTAT, (int) h, ok, 0, 0, null));
        assertEquals(100, space.read64(PAGE + 48), "st_size landed in guest memory");
        Grant readOnly = new Grant(space, PAGE, 144, false);
        assertEquals(-Errno.EFAULT, g.call(Opcode.FSTAT, (int) h, readOnly, 0, 0, null));
        assertEquals(-Errno.EFAULT, g.call(Opcode.READ, (int) h, null, -1, 0, null));
        assertEquals(-Errno.EFAULT, g.call(Opcode.STAT, -1, Grant.ofBuffer(new byte[100], 0,
                100, true), 0, 0, "/tmp/f"), "shorter than struct stat");
    }

    @Test
    void unknownOpcodesAndNullPathsNeverThrow() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        assertEquals(-Errno.ENOSYS, g.call(999, 0, null, 0, 0, null));
        assertEquals(-Errno.ENOSYS, g.call(-1, 0, null, 0, 0, null));
        assertEquals(-Errno.ENOENT, g.call(Opcode.OPEN, -1, null, 0, 0, null));
        assertEquals(-Errno.ENOENT, g.call(Opcode.MKDIR, -1, null, 0, 0, null));
        assertEquals(-Errno.EFAULT, g.port.call(new HypercallRequest().set(Opcode.SYMLINK, -1,
                null).second(-1, "/tmp/x")));
    }

    @Test
    void directoriesNestedDeeperThanAHostStackStillAnswer() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        long dir = g.open("/tmp", O_RDONLY | O_DIRECTORY);
        for (int k = 0; k < 50_000; k++) {
            assertEquals(0, g.call(Opcode.MKDIR, (int) dir, null, 0755, 0, "d"));
            long next = g.open(dir, "d", O_RDONLY | O_DIRECTORY, 0);
            g.close(dir);
            dir = next;
        }
        assertEquals("errno -" + Errno.ENAMETOOLONG, g.getpath(dir));
        assertTrue(g.open(dir, "../../..", O_RDONLY | O_DIRECTORY, 0) >= 3);
        assertEquals(-Errno.EINVAL, g.rename("/tmp", "/tmp/d/x", 0));
        assertEquals(-Errno.EINVAL, g.rename("/tmp/d", "/tmp/d/d/d/x", 0));
    }

    @Test
    void randomRequestsGetAnErrnoOrAValueNeverAnException() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        Random rnd = new Random(7);
        String[] paths = {"/", "/tmp", "/tmp/a", "/dev/null", "..", "a/../b", "", "/tmp/a/",
            "/dev/tty", "/proc", "x\0y", "/tmp/" + "z".repeat(300)};
        byte[] buf = new byte[256];
        for (int k = 0; k < 20_000; k++) {
            HypercallRequest r = new HypercallRequest().set(rnd.nextInt(Opcode.COUNT + 2),
                    rnd.nextInt(12) - 2, rnd.nextBoolean() ? null
                            : Grant.ofBuffer(buf, 0, rnd.nextInt(buf.length), rnd.nextBoolean()))
                    .args(rnd.nextInt(1 << 22) - 4, rnd.nextInt(8) - 1)
                    .path(paths[rnd.nextInt(paths.length)])
                    .second(rnd.nextInt(12) - 2, paths[rnd.nextInt(paths.length)]);
            long res = g.port.call(r);
            assertTrue(res >= -Errno.WOULD_BLOCK && res != -Errno.EIO,
                    Opcode.name(r.opcode) + " gave " + res);
        }
    }
}

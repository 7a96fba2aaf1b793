package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flock: shared by the sessions of one tenant, keyed by the file, released on close. */
class FlockTest {
    private static final int SH = 1, EX = 2, NB = 4, UN = 8;

    @TempDir
    Path shared;

    @Test
    void locksConflictAcrossSessionsOfATenant() {
        SystemVm vm = new SystemVm("t");
        GuestCalls a = new GuestCalls(vm.attach(new SessionSpec()
                .mount(new Mount(shared, "/shared", false))));
        GuestCalls b = new GuestCalls(vm.attach(new SessionSpec()
                .mount(new Mount(shared, "/other/name", false))));
        a.put("/shared/lock", "");
        long ha = a.open("/shared/lock", O_RDONLY);
        long hb = b.open("/other/name/lock", O_RDONLY);
        assertEquals(0, flock(a, ha, EX));
        assertEquals(-Errno.EAGAIN, flock(b, hb, SH | NB));
        assertEquals(-Errno.WOULD_BLOCK, flock(b, hb, EX));
        long seen = b.port.eventCount();
        a.close(ha);
        assertNotEquals(seen, b.port.eventCount(), "the release is an event");
        assertEquals(0, flock(b, hb, SH));
        long hb2 = b.open("/other/name/lock", O_RDONLY);
        assertEquals(0, flock(b, hb2, SH | NB), "shared locks coexist");
        assertEquals(-Errno.EAGAIN, flock(b, hb2, EX | NB));
        assertEquals(0, flock(b, hb, UN));
        assertEquals(0, flock(b, hb2, EX | NB), "upgrade once alone");
        assertEquals(-Errno.EINVAL, flock(b, hb2, 0));
    }

    private static long flock(GuestCalls g, long h, int op) {
        return g.call(Opcode.FLOCK, (int) h, null, op, 0, null);
    }
}

package dev.splitvisor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Descriptor tables: lowest free number, close-on-exec, the RLIMIT_NOFILE cut-off, copies. */
class FdTableTest {
    @Test
    void newDescriptorsTakeTheLowestFreeNumberBelowTheLimit() {
        FdTable t = new FdTable();
        for (int fd = 0; fd < 3; fd++) {
            t.install(fd, 100 + fd, false);
        }
        assertEquals(3, t.lowestFree(0));
        t.remove(1);
        assertEquals(1, t.lowestFree(0));
        assertEquals(3, t.lowestFree(2));
        t.limitFds = 3;
        assertEquals(1, t.lowestFree(0));
        assertEquals(-1, t.lowestFree(2));
    }

    @Test
    void aCopyKeepsHandlesAndCloseOnExecButIsIndependent() {
        FdTable t = new FdTable();
        t.install(40, 7, true);
        FdTable c = t.copy();
        assertEquals(7, c.handle(40));
        assertTrue(c.cloexec(40));
        c.remove(40);
        assertEquals(-1, c.handle(40));
        assertEquals(7, t.handle(40));
        assertFalse(t.cloexec(3));
        assertEquals(41, t.limit());
    }
}

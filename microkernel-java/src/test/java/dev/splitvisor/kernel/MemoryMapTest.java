package dev.splitvisor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's area list: placement, splitting on unmap and mprotect, and the MMU beneath. */
class MemoryMapTest {
    private final AddressSpace space = new AddressSpace();
    private final MemoryMap map = new MemoryMap(space);

    private List<String> areas() {
        List<String> out = new ArrayList<>();
        for (MemoryMap.Area a : map.areas()) {
            out.add(String.format("%x-%x %s", a.start, a.end, Prot.describe(a.prot)));
        }
        return out;
    }

    @Test
    void mmapsArePlacedTopDownWithoutOverlap() {
        long a = map.findFree(0x3000);
        map.map(a, 0x3000, Prot.READ | Prot.WRITE, "");
        long b = map.findFree(0x1000);
        map.map(b, 0x1000, Prot.READ, "");
        assertEquals(MemoryMap.MMAP_BASE - 0x3000, a);
        assertEquals(a - 0x1000, b);
        assertTrue(map.isFree(MemoryMap.MMAP_BASE, MemoryMap.MMAP_BASE + 0x1000));
        assertFalse(map.isFree(b, b + 0x2000));
    }

    @Test
    void unmapInTheMiddleSplitsTheAreaAndTheHoleFaults() {
        map.map(0x10000000L, 0x5000, Prot.READ | Prot.WRITE, "x");
        space.write64(0x10001000L, 42);
        map.unmap(0x10002000L, 0x1000);
        assertEquals(List.of("10000000-10002000 rw-", "10003000-10005000 rw-"), areas());
        assertEquals(42, space.read64(0x10001000L));
        assertFalse(space.isMapped(0x10002000L));
        assertTrue(map.isFree(0x10002000L, 0x10003000L));
    }

    @Test
    void mprotectSplitsAndReachesTheMmu() {
        map.map(0x20000000L, 0x4000, Prot.READ | Prot.WRITE, "y");
        assertTrue(map.protect(0x20001000L, 0x1000, Prot.READ));
        assertEquals(List.of("20000000-20001000 rw-", "20001000-20002000 r--",
                "20002000-20004000 rw-"), areas());
        assertEquals(Prot.READ, space.protectionOf(0x20001000L));
        assertFalse(map.protect(0x20003000L, 0x2000, Prot.READ), "range runs past the area");
    }

    @Test
    void dontNeedGivesZeroPagesBack() {
        map.map(0x30000000L, 0x2000, Prot.READ | Prot.WRITE, "z");
        space.write64(0x30000008L, -1);
        map.zero(0x30000000L, 0x30001000L);
        assertEquals(0, space.read64(0x30000008L));
        assertEquals(Prot.READ | Prot.WRITE, space.protectionOf(0x30000000L));
    }
}

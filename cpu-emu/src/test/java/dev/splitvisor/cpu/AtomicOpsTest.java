package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.mmu.Prot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Memory forms of XCHG, CMPXCHG, XADD, CMPXCHG8B/16B and RDRAND. Register forms are checked
 * against the hardware by {@link IntegerGoldenOpsTest}.
 */
class AtomicOpsTest {
    private static final long M = CpuHarness.DATA + 0x80;
    private static final long READ_ONLY = 0x700000;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void cmpxchgSuccessStoresTheSource() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write32(M, 5);
        c.gpr[Cpu.RAX] = 0xFFFFFFFF_00000005L;
        c.gpr[Cpu.RCX] = 9;
        h.exec("f0 0f b1 0b"); // lock cmpxchg [rbx], ecx
        assertEquals(9, c.mem.read32(M));
        assertEquals(0xFFFFFFFF_00000005L, c.gpr[Cpu.RAX]); // untouched on success
        assertEquals(Flags.ZF, c.getRflags() & Flags.ZF);
    }

    @Test
    void cmpxchgFailureLoadsTheAccumulator() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write32(M, 7);
        c.gpr[Cpu.RAX] = 0xFFFFFFFF_00000005L;
        h.exec("0f b1 0b");
        assertEquals(7, c.mem.read32(M));
        assertEquals(7, c.gpr[Cpu.RAX]); // a 32-bit write: zero-extended
        assertEquals(0, c.getRflags() & Flags.ZF);
        assertEquals(Flags.CF, c.getRflags() & Flags.CF); // 5 - 7 borrows
    }

    @Test
    void cmpxchgFailureStillWritesSoReadOnlyMemoryFaults() {
        c.mem.map(READ_ONLY, 0x1000, Prot.READ);
        c.gpr[Cpu.RBX] = READ_ONLY;
        c.gpr[Cpu.RAX] = 1; // memory holds 0: the compare fails
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f b1 0b"));
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(1, c.gpr[Cpu.RAX]);
    }

    @Test
    void xaddAndXchgOfMemory() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, 40);
        c.gpr[Cpu.RAX] = 2;
        h.exec("48 0f c1 03"); // xadd [rbx], rax
        assertEquals(42, c.mem.read64(M));
        assertEquals(40, c.gpr[Cpu.RAX]);
        c.gpr[Cpu.RAX] = 0xFFFFFFFF_00000001L;
        h.exec("87 03"); // xchg [rbx], eax
        assertEquals(42, c.gpr[Cpu.RAX]);
        assertEquals(1, c.mem.read32(M));
    }

    @Test
    void cmpxchg8bCompareEdxEax() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, 0x11111111_22222222L);
        c.gpr[Cpu.RDX] = 0xAAAA_0000_1111_1111L;
        c.gpr[Cpu.RAX] = 0xBBBB_0000_2222_2222L;
        c.gpr[Cpu.RCX] = 0x33333333L;
        c.gpr[Cpu.RBX] = M;
        // RBX is also the address register, so the new low half is its low 32 bits.
        h.exec("0f c7 0b"); // cmpxchg8b [rbx]
        assertEquals(0x33333333_00000000L | (M & 0xFFFFFFFFL), c.mem.read64(M));
        assertEquals(Flags.ZF, c.getRflags() & Flags.ZF);
        assertEquals(0xAAAA_0000_1111_1111L, c.gpr[Cpu.RDX]); // untouched on success
        h.exec("0f c7 0b"); // now it differs: EDX:EAX take the memory value
        assertEquals(0x33333333L, c.gpr[Cpu.RDX]);
        assertEquals(M & 0xFFFFFFFFL, c.gpr[Cpu.RAX]);
        assertEquals(0, c.getRflags() & Flags.ZF);
    }

    @Test
    void cmpxchg16bNeedsSixteenByteAlignment() {
        c.gpr[Cpu.RDI] = M;
        c.mem.write64(M, 1);
        c.mem.write64(M + 8, 2);
        c.gpr[Cpu.RAX] = 1;
        c.gpr[Cpu.RDX] = 2;
        c.gpr[Cpu.RBX] = 3;
        c.gpr[Cpu.RCX] = 4;
        h.exec("48 0f c7 0f"); // cmpxchg16b [rdi]
        assertEquals(3, c.mem.read64(M));
        assertEquals(4, c.mem.read64(M + 8));
        assertEquals(Flags.ZF, c.getRflags() & Flags.ZF);
        h.exec("48 0f c7 0f"); // fails now
        assertEquals(3, c.gpr[Cpu.RAX]);
        assertEquals(4, c.gpr[Cpu.RDX]);
        c.gpr[Cpu.RDI] = M + 8;
        assertEquals(Cpu.EXIT_FAULT, h.exec("48 0f c7 0f"));
        assertEquals(GuestFault.GP, c.faultVector);
    }

    @Test
    void rdrandTakesTheEnvironmentsBitsAndSetsCarry() {
        long expected = new SplittableRandom(1).nextLong();
        c.setRflags(0x202 | Flags.ZF | Flags.OF);
        h.exec("48 0f c7 f0"); // rdrand rax
        assertEquals(expected, c.gpr[Cpu.RAX]);
        assertEquals(Flags.CF, c.getRflags() & Flags.ARITH);
    }

    @Test
    void rdrandOfMemoryAndLockedRegisterFormsAreUndefined() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f c7 33")); // rdrand [rbx]: no such form
        assertEquals(GuestFault.UD, c.faultVector);
        assertEquals(Cpu.EXIT_FAULT, h.exec("f0 0f b1 cb")); // lock cmpxchg ebx, ecx
        assertEquals(GuestFault.UD, c.faultVector);
    }

    @Test
    void pauseAndNopChangeNothing() {
        c.gpr[Cpu.RAX] = 0xFFFFFFFF_FFFFFFFFL;
        h.exec("90 f3 90 66 90");
        assertEquals(-1L, c.gpr[Cpu.RAX]);
        c.gpr[8] = 5;
        h.exec("41 90"); // xchg r8, rax (REX.B makes it a real exchange)
        assertEquals(5, c.gpr[Cpu.RAX]);
        assertEquals(0xFFFFFFFFL, c.gpr[8]); // 32-bit exchange zero-extends both
    }
}

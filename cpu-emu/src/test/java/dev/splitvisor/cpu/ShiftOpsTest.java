package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.mmu.Prot;
import org.junit.jupiter.api.Test;

/**
 * Memory forms, the flag rules and precise faults of the shifts and rotates. Register forms
 * of every width and count are checked against the hardware by {@link IntegerGoldenOpsTest}.
 */
class ShiftOpsTest {
    private static final long READ_ONLY = 0x700000;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void shiftOfMemoryByClWritesTheResultAndFlags() {
        c.gpr[Cpu.RBX] = CpuHarness.DATA;
        c.mem.write32(CpuHarness.DATA, 0xC0000001);
        c.gpr[Cpu.RCX] = 0x21; // masked to 1
        h.exec("d3 23"); // shl dword [rbx], cl
        assertEquals(0x80000002, c.mem.read32(CpuHarness.DATA));
        // CF = bit shifted out (1), OF = MSB ^ CF = 0, SF from the result.
        assertEquals(Flags.CF | Flags.SF, c.getRflags() & (Flags.CF | Flags.OF | Flags.SF));
    }

    @Test
    void countZeroKeepsFlagsButZeroExtendsA32BitRegister() {
        c.setRflags(0x202 | Flags.CF | Flags.ZF | Flags.OF);
        c.gpr[Cpu.RAX] = 0xFFFFFFFF_12345678L;
        c.gpr[Cpu.RCX] = 0x40; // masked to 0
        h.exec("d3 e0"); // shl eax, cl
        assertEquals(0x12345678L, c.gpr[Cpu.RAX]);
        assertEquals(Flags.CF | Flags.ZF | Flags.OF, c.getRflags() & Flags.ARITH);
    }

    @Test
    void rotatesChangeOnlyCarryAndOverflow() {
        c.setRflags(0x202 | Flags.ZF | Flags.PF | Flags.SF | Flags.AF);
        c.gpr[Cpu.RAX] = 0x81;
        h.exec("d0 c0"); // rol al, 1
        assertEquals(0x03, c.gpr[Cpu.RAX]);
        // CF = new LSB = 1; OF = MSB ^ CF = 1; ZF, PF, SF, AF untouched.
        assertEquals(Flags.ARITH, c.getRflags() & Flags.ARITH);
    }

    @Test
    void rclOfAByteRotatesNineBitsThroughCarry() {
        c.gpr[Cpu.RBX] = CpuHarness.DATA;
        c.mem.write8(CpuHarness.DATA, 0x80);
        c.setRflags(0x202 | Flags.CF);
        c.gpr[Cpu.RCX] = 9; // a full turn of the 9-bit ring
        h.exec("d2 13"); // rcl byte [rbx], cl
        assertEquals(0x80, c.mem.read8(CpuHarness.DATA));
        assertEquals(Flags.CF, c.getRflags() & Flags.CF);
        c.gpr[Cpu.RCX] = 10; // one step: CF goes in at the bottom, bit 7 comes out
        h.exec("d2 13");
        assertEquals(0x01, c.mem.read8(CpuHarness.DATA));
        assertEquals(Flags.CF, c.getRflags() & Flags.CF);
    }

    @Test
    void rcrOf64BitsMovesCarryIntoTheTop() {
        c.gpr[Cpu.RBX] = 1;
        c.setRflags(0x202 | Flags.CF);
        h.exec("48 d1 db"); // rcr rbx, 1
        assertEquals(0x8000000000000000L, c.gpr[Cpu.RBX]);
        // CF = the old bit 0; OF = the top two result bits differ.
        assertEquals(Flags.CF | Flags.OF, c.getRflags() & (Flags.CF | Flags.OF));
    }

    @Test
    void shldOfMemoryTakesBitsFromTheRegister() {
        c.gpr[Cpu.RBX] = CpuHarness.DATA;
        c.mem.write64(CpuHarness.DATA, 0x0123456789ABCDEFL);
        c.gpr[Cpu.RDX] = 0xF000000000000000L;
        h.exec("48 0f a4 13 04"); // shld [rbx], rdx, 4
        assertEquals(0x123456789ABCDEFFL, c.mem.read64(CpuHarness.DATA));
        assertEquals(0, c.getRflags() & Flags.CF);
    }

    @Test
    void faultingStoreToReadOnlyMemoryChangesNothing() {
        c.mem.map(READ_ONLY, 0x1000, Prot.READ);
        c.gpr[Cpu.RBX] = READ_ONLY;
        c.setRflags(0x202 | Flags.ZF);
        long before = c.getRflags();
        int exit = h.exec("d1 23"); // shl dword [rbx], 1
        assertEquals(Cpu.EXIT_FAULT, exit);
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(before, c.getRflags());
        assertEquals(CpuHarness.CODE, c.rip);
    }

    @Test
    void countZeroStillWritesMemorySoReadOnlyMemoryFaults() {
        // Measured on Zen 4: shl dword [ro], cl with CL=0 raises #PF like a real store.
        c.mem.map(READ_ONLY, 0x1000, Prot.READ);
        c.gpr[Cpu.RBX] = READ_ONLY;
        c.gpr[Cpu.RCX] = 0;
        assertEquals(Cpu.EXIT_FAULT, h.exec("d3 23"));
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f a5 03")); // shld [rbx], eax, cl
        assertEquals(GuestFault.PF, c.faultVector);
    }
}

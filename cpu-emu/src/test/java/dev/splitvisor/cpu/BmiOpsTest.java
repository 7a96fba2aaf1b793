package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Memory forms and encodings of BMI1, BMI2 and ADX that the register-only golden data of
 * {@link IntegerGoldenOpsTest} does not reach, and the #UD cases.
 */
class BmiOpsTest {
    private static final long M = CpuHarness.DATA + 0x40;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void pdepAndPextOfMemoryMasks() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, 0xF0F0L);
        c.gpr[Cpu.RCX] = 0b1011_0110;
        h.exec("c4 e2 f3 f5 03"); // pdep rax, rcx, [rbx]
        // Source bits 0-7 (0,1,1,0,1,1,0,1) go to mask bits 4-7 and 12-15 in order.
        assertEquals(0xB060L, c.gpr[Cpu.RAX]);
        c.gpr[Cpu.RCX] = 0xABCD;
        h.exec("c4 e2 72 f5 03"); // pext eax, ecx, [rbx]
        assertEquals(0xAC, c.gpr[Cpu.RAX]);
    }

    @Test
    void pdepPextAreInverse() {
        long mask = 0x0F0F_00FF_F000_1234L;
        long src = 0x1234_5678_9ABC_DEF0L;
        long deposited = BmiOps.pdep(src, mask);
        assertEquals(src & ((1L << Long.bitCount(mask)) - 1), BmiOps.pext(deposited, mask));
        assertEquals(0, deposited & ~mask);
    }

    @Test
    void mulxOfMemoryWritesHighThenLowWithoutFlags() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, -1L);
        c.gpr[Cpu.RDX] = 2;
        c.setRflags(0x202 | Flags.ZF);
        h.exec("c4 e2 fb f6 13"); // mulx rdx, rax, [rbx]
        assertEquals(1, c.gpr[Cpu.RDX]);
        assertEquals(-2L, c.gpr[Cpu.RAX]);
        assertEquals(Flags.ZF, c.getRflags() & Flags.ARITH);
    }

    @Test
    void blsiAndBzhiAndBextrFromMemory() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, 0xFF00L);
        h.exec("c4 e2 f0 f3 1b"); // blsi rcx, [rbx]
        assertEquals(0x100, c.gpr[Cpu.RCX]);
        assertEquals(Flags.CF, c.getRflags() & (Flags.CF | Flags.ZF));
        c.gpr[Cpu.RCX] = 0x0408; // start 8, length 4
        h.exec("c4 e2 f0 f7 03"); // bextr rax, [rbx], rcx
        assertEquals(0xF, c.gpr[Cpu.RAX]);
        c.gpr[Cpu.RCX] = 12;
        c.gpr[Cpu.RAX] = -1;
        h.exec("c4 e2 70 f5 03"); // bzhi eax, [rbx], ecx
        assertEquals(0xF00, c.gpr[Cpu.RAX]);
        assertEquals(0, c.getRflags() & Flags.CF);
    }

    @Test
    void rorxAndShlxOfMemory() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, 0x1122334455667788L);
        h.exec("c4 e3 fb f0 03 08"); // rorx rax, [rbx], 8
        assertEquals(0x8811223344556677L, c.gpr[Cpu.RAX]);
        c.gpr[Cpu.RCX] = 36; // masked to 4 for 32 bits
        h.exec("c4 e2 71 f7 03"); // shlx eax, [rbx], ecx
        assertEquals(0x56677880L, c.gpr[Cpu.RAX]);
    }

    @Test
    void adcxAndAdoxUseSeparateCarries() {
        c.gpr[Cpu.RBX] = M;
        c.mem.write64(M, -1L);
        c.gpr[Cpu.RAX] = 1;
        c.setRflags(0x202 | Flags.OF | Flags.ZF);
        h.exec("66 48 0f 38 f6 03"); // adcx rax, [rbx]: 1 + -1 + CF(0)
        assertEquals(0, c.gpr[Cpu.RAX]);
        assertEquals(Flags.CF | Flags.OF | Flags.ZF, c.getRflags() & Flags.ARITH);
        c.gpr[Cpu.RAX] = 0xFFFFFFFFL;
        c.gpr[Cpu.RBX] = 0;
        h.exec("f3 0f 38 f6 c3"); // adox eax, ebx: 0xFFFFFFFF + 0 + OF(1)
        assertEquals(0, c.gpr[Cpu.RAX]);
        assertEquals(Flags.CF | Flags.OF | Flags.ZF, c.getRflags() & Flags.ARITH);
    }

    @Test
    void vexLengthOneIsUndefined() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("c4 e2 f7 f5 03")); // pdep with VEX.L=1
        assertEquals(GuestFault.UD, c.faultVector);
    }

    @Test
    void rorxWithAVvvvRegisterIsUndefined() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("c4 e3 f3 f0 03 08")); // vvvv = rcx
        assertEquals(GuestFault.UD, c.faultVector);
    }

    @Test
    void unassignedBlsGroupMemberIsUndefined() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("c4 e2 f0 f3 23")); // 0F38 F3 /4
        assertEquals(GuestFault.UD, c.faultVector);
    }
}

package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.cpu.x87.X87State;
import org.junit.jupiter.api.Test;

/**
 * The x87 executor through the run loop and the state interfaces: short programs whose results
 * were checked on this machine's x87 (values in the comments come from gcc inline asm on the
 * AMD Zen 4), the deferred #MF, precise page faults, and FXSAVE/FSAVE round trips. The broad
 * per-encoding check against the hardware is {@link X87OpsGoldenTest}.
 */
class X87OpsTest {
    private static final long DATA = CpuHarness.DATA;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;
    private final X87State s = c.fpu;

    @Test
    void resetStateIsTheFninitState() {
        assertEquals(0x037F, s.fcw);
        assertEquals(0, s.statusWord());
        assertEquals(0xFFFF, s.tagWord());
    }

    @Test
    void squareRootOfTwoTimesPiStoredAsDoubleAndInteger() {
        c.gpr[Cpu.RDI] = DATA;
        // fld1; fadd st0,st0; fsqrt; fldpi; fmulp; fst qword [rdi]; fmul st0,st0;
        // fistp dword [rdi+8]  (hardware: 0x4011C5831ADD62E4, 20 = round(19.739...))
        h.exec("d9 e8 d8 c0 d9 fa d9 eb de c9 dd 17 d8 c8 db 5f 08");
        assertEquals(0x4011C5831ADD62E4L, c.mem.read64(DATA));
        assertEquals(20, c.mem.read32(DATA + 8));
        assertEquals(0, s.top);
        assertEquals(0xFFFF, s.tagWord() | 0x3 << (2 * 7)); // ST(0) was popped: all empty
    }

    @Test
    void compareWithFnstswAndSahfDrivesABranch() {
        c.gpr[Cpu.RDI] = DATA;
        c.mem.write64(DATA, Double.doubleToRawLongBits(2.5));
        c.mem.write64(DATA + 8, Double.doubleToRawLongBits(-1.0));
        // fld qword [rdi+8]; fcomp qword [rdi]; fnstsw ax; sahf; jb +2 (taken); ud2; int3
        int exit = h.run("dd 47 08 dc 1f df e0 9e 72 02 0f 0b cc", 100);
        assertEquals(Cpu.EXIT_INTERRUPT, exit, "took the 'below' branch");
        assertEquals(0x0100, c.gpr[Cpu.RAX] & 0x4500, "C0 set, C2 C3 clear: less");
        assertEquals(0, s.top);
    }

    @Test
    void fcomiSetsZfPfCfAndClearsTheOthers() {
        c.setRflags(0x8D5 | 0x202);
        // fldz; fld1; fcomi st0, st1 -> 1 > 0: ZF PF CF clear, OF SF AF clear too
        h.exec("d9 ee d9 e8 db f1");
        assertEquals(0, c.getRflags() & Flags.ARITH);
        // fucomip st0, st0 on a QNaN: unordered, ZF PF CF set, and one pop
        c.mem.write64(DATA, 0x7FF8000000000000L);
        c.gpr[Cpu.RDI] = DATA;
        h.exec("dd 07 df e8");
        assertEquals(Flags.ZF | Flags.PF | Flags.CF, c.getRflags() & Flags.ARITH);
        assertEquals(6, s.top);
    }

    @Test
    void unmaskedExceptionFaultsAtTheNextWaitingInstruction() {
        c.gpr[Cpu.RDI] = DATA;
        c.mem.write16(DATA, 0x037B); // ZE unmasked
        // fldcw [rdi]; fldz; fld1; fdiv st0, st1 (ZE: completes, sets ES); fnop -> #MF
        int exit = h.exec("d9 2f d9 ee d9 e8 d8 f1 d9 d0");
        assertEquals(Cpu.EXIT_FAULT, exit);
        assertEquals(GuestFault.MF, c.faultVector);
        assertEquals(CpuHarness.CODE + 8, c.rip, "the FNOP faults, not the FDIV");
        assertEquals(0x8000 | 0x80 | 0x04, s.statusWord() & 0x80FF, "B, ES and ZE");
        assertEquals(CpuHarness.CODE + 6, s.fip, "FIP names the FDIV");
        assertEquals(0x0F1, s.fop);
        assertEquals(0x3FFF, s.se(0), "an unmasked ZE leaves the destination (1.0) alone");
        // Non-waiting instructions still run; FNCLEX clears the pending exception.
        assertEquals(Cpu.EXIT_BUDGET, h.exec("df e0 db e2 9b"));
        assertEquals(0x8084, c.gpr[Cpu.RAX] & 0x80FF);
        assertEquals(0, s.statusWord() & 0x80FF);
    }

    @Test
    void storeThatPageFaultsChangesNothing() {
        long edge = DATA + 0x10000 - 6; // an m80 store there crosses into the unmapped page
        c.gpr[Cpu.RDI] = edge;
        h.exec("d9 eb"); // fldpi
        long fip = s.fip;
        int sw = s.statusWord();
        int tags = s.tagWord();
        int exit = h.exec("db 3f"); // fstp tword [rdi]
        assertEquals(Cpu.EXIT_FAULT, exit);
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(DATA + 0x10000, c.faultAddress);
        assertEquals(sw, s.statusWord());
        assertEquals(tags, s.tagWord());
        assertEquals(fip, s.fip, "the pointers are not updated by a faulting instruction");
        assertEquals(0, c.mem.read32(edge), "no partial store below the page end");
    }

    @Test
    void fxsaveAndFxrstorCarryTheX87State() {
        c.gpr[Cpu.RDI] = DATA;
        h.exec("d9 eb d9 e8 d9 ee"); // fldpi; fld1; fldz
        byte[] image = new byte[512];
        c.fxsave(image);
        assertEquals(0x037F, get(image, 0, 2));
        assertEquals(5 << 11, get(image, 2, 2));
        assertEquals(0xE0, get(image, 4, 1), "abridged tags of R5, R6, R7");
        assertEquals(0x3FFF, get(image, 32 + 16 + 8, 2), "ST(1) = 1.0");
        assertEquals(0xC90FDAA22168C235L, get(image, 32 + 32, 8), "ST(2) = pi");

        // The guest instruction writes the same image; FXRSTOR brings it back after FNINIT.
        h.exec("48 0f ae 07 db e3 48 0f ae 0f"); // fxsave64 [rdi]; fninit; fxrstor64 [rdi]
        byte[] guest = new byte[416];
        c.mem.readBytes(DATA, guest, 0, 416);
        byte[] mine = java.util.Arrays.copyOf(image, 416);
        assertArrayEquals(mine, guest);
        assertEquals(5, s.top);
        assertEquals(0xC90FDAA22168C235L, s.sig(2));
    }

    @Test
    void fnsaveAndFrstorRoundTripInBothLayouts() {
        for (String prefix : new String[] {"", "66 "}) {
            c.fpu.init();
            c.gpr[Cpu.RDI] = DATA;
            // fld1; fldl2t; fldz; fchs; fnsave [rdi]; (now FNINIT state) frstor [rdi]
            h.exec("d9 e8 d9 e9 d9 ee d9 e0");
            int sw = s.statusWord();
            int tags = s.tagWord();
            long fip = s.fip;
            h.exec(prefix + "dd 37");
            assertEquals(0xFFFF, s.tagWord(), "FNSAVE ends with FNINIT");
            assertEquals(0x037F, s.fcw);
            h.exec(prefix + "dd 27");
            assertEquals(sw, s.statusWord());
            assertEquals(tags, s.tagWord());
            assertEquals(0x8000, s.se(0), "ST(0) = -0.0");
            assertEquals(prefix.isEmpty() ? fip : fip & 0xFFFF, s.fip);
        }
    }

    @Test
    void fnstenvLayoutAsOnTheZen4() {
        c.gpr[Cpu.RDI] = DATA + 0x100;
        // fldz; fld qword [rdi]; fnstenv [rdi+0x20]
        h.exec("d9 ee dd 07 d9 77 20");
        long env = DATA + 0x120;
        assertEquals(0xFFFF037F, c.mem.read32(env));
        assertEquals(0xFFFF3000, c.mem.read32(env + 4), "TOP 6");
        assertEquals(0xFFFF5FFF, c.mem.read32(env + 8), "R7 zero (01), R6 zero (01)");
        assertEquals((int) (CpuHarness.CODE + 2), c.mem.read32(env + 12));
        assertEquals(0x05070033, c.mem.read32(env + 16), "FOP 507, FCS 0x33");
        assertEquals((int) (DATA + 0x100), c.mem.read32(env + 20));
        assertEquals(0xFFFF0000, c.mem.read32(env + 24));
        assertEquals(0x037F | 0x3F, s.fcw, "FNSTENV masks every exception afterwards");
    }

    @Test
    void stackOverflowAndUnderflowDeliverTheIndefinite() {
        // Eight pushes fill the stack; the ninth overflows (IE, SF, C1) and, masked, pushes
        // the QNaN indefinite. Then FFREE ST(0) and FADD underflow: IE, SF, C1 clear.
        h.exec("d9 e8 d9 e8 d9 e8 d9 e8 d9 e8 d9 e8 d9 e8 d9 e8 d9 e8");
        assertEquals(0x0241, s.statusWord() & 0x02FF);
        assertEquals(0xFFFF, s.se(0));
        assertEquals(0xC000000000000000L, s.sig(0));
        h.exec("db e2 dd c0 d8 c1"); // fnclex; ffree st0; fadd st0, st1
        assertEquals(0x0041, s.statusWord() & 0x02FF);
        assertTrue(!s.stEmpty(0), "masked underflow writes the indefinite");
        assertEquals(0xFFFF, s.se(0));
    }

    @Test
    void undefinedEncodingsRaiseInvalidOpcode() {
        for (String code : new String[] {"d9 d1", "d9 0f", "db 27", "dd 2f", "de d8", "df e1"}) {
            assertEquals(Cpu.EXIT_FAULT, h.exec(code), code);
            assertEquals(GuestFault.UD, c.faultVector, code);
        }
    }

    private static long get(byte[] b, int off, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xFF);
        }
        return v;
    }
}

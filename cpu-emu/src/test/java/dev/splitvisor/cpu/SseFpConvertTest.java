package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.cpu.sse.Mxcsr;
import org.junit.jupiter.api.Test;

/**
 * Conversions and COMIS/UCOMIS through whole instructions: general-register widths, memory
 * sources, the integer indefinite, RFLAGS, and that the MMX forms reach MMX registers. Expected
 * values were checked on an AMD Zen 4.
 */
class SseFpConvertTest {
    private static final long NAN = 0x7FF8_0000_0000_0000L;
    private static final long ONE = 0x3FF0_0000_0000_0000L;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void cvtsi2sdReadsAQuadwordFromMemoryWithRexW() {
        c.mem.write64(CpuHarness.DATA, 1L << 53 | 1);
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        c.xmm[1] = 77;
        h.exec("f2 48 0f 2a 07"); // cvtsi2sd xmm0, qword [rdi]
        assertEquals(0x4340_0000_0000_0000L, c.xmm[0]); // 2^53: rounded to even
        assertEquals(77, c.xmm[1]);
        assertEquals(Mxcsr.RESET | Mxcsr.PE, c.mxcsr.value);
    }

    @Test
    void cvttsd2siOfNanGivesTheIntegerIndefiniteInBothWidths() {
        c.xmm[2] = NAN;
        c.gpr[Cpu.RAX] = 5;
        h.exec("f2 48 0f 2c c1"); // cvttsd2si rax, xmm1
        assertEquals(0x8000_0000_0000_0000L, c.gpr[Cpu.RAX]);
        h.exec("f2 0f 2c c1"); // cvttsd2si eax, xmm1
        assertEquals(0x8000_0000L, c.gpr[Cpu.RAX]);
        assertEquals(Mxcsr.RESET | Mxcsr.IE, c.mxcsr.value);
    }

    @Test
    void comisdSetsZfPfCfAndClearsTheOthers() {
        c.setRflags(0x202 | Flags.OF | Flags.SF | Flags.AF);
        c.xmm[0] = ONE;
        c.xmm[2] = 0x4000_0000_0000_0000L;
        h.exec("66 0f 2f c1"); // comisd xmm0, xmm1: 1 < 2
        assertEquals(Flags.CF, c.getRflags() & Flags.ARITH);

        c.xmm[2] = NAN;
        h.exec("66 0f 2e c1"); // ucomisd: quiet NaN, no IE
        assertEquals(Flags.ZF | Flags.PF | Flags.CF, c.getRflags() & Flags.ARITH);
        assertEquals(Mxcsr.RESET, c.mxcsr.value);
        h.exec("66 0f 2f c1"); // comisd: any NaN signals
        assertEquals(Mxcsr.RESET | Mxcsr.IE, c.mxcsr.value);
    }

    @Test
    void cvtpd2psZeroesTheUpperHalf() {
        c.xmm[2] = ONE;
        c.xmm[3] = 0xC000_0000_0000_0000L; // -2
        c.xmm[1] = -1;
        h.exec("66 0f 5a c1"); // cvtpd2ps xmm0, xmm1
        assertEquals(0xC000_0000_3F80_0000L, c.xmm[0]);
        assertEquals(0, c.xmm[1]);
    }

    @Test
    void mmxFormsReachTheMmxRegisters() {
        c.fpu.sig[1] = 0x0000_0004_FFFF_FFFFL; // 4, -1
        h.exec("0f 2a c1"); // cvtpi2ps xmm0, mm1
        assertEquals(0x4080_0000_BF80_0000L, c.xmm[0]);
        c.xmm[2] = ONE;
        c.xmm[3] = 0xC000_0000_0000_0000L; // -2
        h.exec("66 0f 2d c1"); // cvtpd2pi mm0, xmm1
        assertEquals(0xFFFF_FFFE_0000_0001L, c.fpu.mmx(0));
    }
}

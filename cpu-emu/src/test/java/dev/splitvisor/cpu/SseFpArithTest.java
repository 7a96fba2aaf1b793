package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.cpu.sse.Mxcsr;
import org.junit.jupiter.api.Test;

/**
 * SSE arithmetic through whole instructions: results, MXCSR flags, #XM precision and the
 * upper lanes of scalar forms. Expected values were checked on an AMD Zen 4; the broad check
 * against the hardware is SseFpGoldenTest.
 */
class SseFpArithTest {
    private static final long ONE = 0x3FF0_0000_0000_0000L;
    private static final long TWO = 0x4000_0000_0000_0000L;
    private static final long THREE = 0x4008_0000_0000_0000L;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void addpsAddsFourLanes() {
        c.xmm[0] = 0x4000_0000_3F80_0000L; // (1, 2)
        c.xmm[1] = 0x4080_0000_4040_0000L; // (3, 4)
        c.xmm[2] = 0x3F00_0000_3F00_0000L; // (0.5, 0.5)
        c.xmm[3] = 0xBF80_0000_BF80_0000L; // (-1, -1)
        h.exec("0f 58 c1"); // addps xmm0, xmm1
        assertEquals(0x4020_0000_3FC0_0000L, c.xmm[0]); // (1.5, 2.5)
        assertEquals(0x4040_0000_4000_0000L, c.xmm[1]); // (2, 3)
        assertEquals(Mxcsr.RESET, c.mxcsr.value);
    }

    @Test
    void scalarDoubleKeepsTheUpperLaneAndSetsPrecision() {
        c.xmm[0] = ONE;
        c.xmm[1] = 0x1234_5678_9ABC_DEF0L;
        c.xmm[2] = THREE;
        h.exec("f2 0f 5e c1"); // divsd xmm0, xmm1: 1/3
        assertEquals(0x3FD5_5555_5555_5555L, c.xmm[0]);
        assertEquals(0x1234_5678_9ABC_DEF0L, c.xmm[1]);
        assertEquals(Mxcsr.RESET | Mxcsr.PE, c.mxcsr.value);
    }

    @Test
    void unmaskedDivideByZeroRaisesSimdExceptionWithTheDestinationUntouched() {
        c.mxcsr.value = Mxcsr.RESET & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT); // 0x1D80
        c.xmm[0] = ONE;
        c.xmm[1] = TWO;
        c.xmm[2] = 0;
        c.xmm[3] = ONE;
        assertEquals(Cpu.EXIT_FAULT, h.exec("66 0f 5e c1")); // divpd xmm0, xmm1
        assertEquals(GuestFault.XM, c.faultVector);
        assertEquals(CpuHarness.CODE, c.rip);
        assertEquals(ONE, c.xmm[0]);
        assertEquals(TWO, c.xmm[1]);
        assertEquals(0x1D84, c.mxcsr.value); // ZE recorded, as the hardware does
    }

    @Test
    void roundingControlAppliesToArithmetic() {
        c.mxcsr.value = Mxcsr.RESET | (Mxcsr.RC_UP << Mxcsr.RC_SHIFT);
        c.xmm[0] = ONE;
        c.xmm[2] = THREE;
        h.exec("f2 0f 5e c1"); // divsd xmm0, xmm1 rounded up
        assertEquals(0x3FD5_5555_5555_5556L, c.xmm[0]);
    }

    @Test
    void dppsSumsSelectedProductsIntoSelectedLanes() {
        c.xmm[0] = 0x4000_0000_3F80_0000L; // (1, 2, 3, 4)
        c.xmm[1] = 0x4080_0000_4040_0000L;
        c.xmm[2] = 0x4000_0000_4000_0000L; // (2, 2, 2, 2)
        c.xmm[3] = 0x4000_0000_4000_0000L;
        h.exec("66 0f 3a 40 c1 f5"); // dpps xmm0, xmm1, 0xf5: all products, lanes 0 and 2
        assertEquals(0x41A0_0000L, c.xmm[0]); // 20.0 in lane 0, +0 in lane 1
        assertEquals(0x41A0_0000L, c.xmm[1]);
    }

    @Test
    void cmppsUsesOnlyTheLowThreePredicateBits() {
        c.xmm[0] = 0x4000_0000_7FC0_0000L; // (NaN, 2)
        c.xmm[2] = 0x4000_0000_3F80_0000L; // (1, 2)
        h.exec("0f c2 c1 0c"); // cmpps xmm0, xmm1, 12: legacy SSE reads it as 4, NEQ_UQ
        assertEquals(0x0000_0000_FFFF_FFFFL, c.xmm[0]);
    }

    @Test
    void haddpdAndAddsubpsCombineTheRightLanes() {
        c.xmm[0] = ONE;
        c.xmm[1] = TWO;
        c.xmm[2] = THREE;
        c.xmm[3] = ONE;
        h.exec("66 0f 7c c1"); // haddpd xmm0, xmm1
        assertEquals(THREE, c.xmm[0]);
        assertEquals(0x4010_0000_0000_0000L, c.xmm[1]);

        c.xmm[0] = 0x4000_0000_3F80_0000L; // (1, 2, 1, 2)
        c.xmm[1] = 0x4000_0000_3F80_0000L;
        c.xmm[2] = 0x3F80_0000_3F80_0000L; // (1, 1, 1, 1)
        c.xmm[3] = 0x3F80_0000_3F80_0000L;
        h.exec("f2 0f d0 c1"); // addsubps xmm0, xmm1
        assertEquals(0x4040_0000_0000_0000L, c.xmm[0]); // (0, 3)
    }
}

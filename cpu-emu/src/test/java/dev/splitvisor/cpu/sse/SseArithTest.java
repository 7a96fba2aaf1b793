package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Readable examples of the MXCSR rules; SseGoldenTest holds the broad hardware comparison. */
class SseArithTest {
    private static final int ONE = Float.floatToRawIntBits(1f);
    private static final int THREE = Float.floatToRawIntBits(3f);
    private static final int MIN_NORMAL = 0x0080_0000;
    private static final int SNAN = 0x7F80_0001;
    private static final int QNAN = 0x7FC0_0005;

    private static Mxcsr mxcsr(int rc, int extra) {
        Mxcsr m = new Mxcsr();
        m.value = Mxcsr.RESET | rc << Mxcsr.RC_SHIFT | extra;
        return m;
    }

    @Test
    void oneThirdRoundsPerRoundingControl() {
        assertEquals(0x3EAA_AAAB, SseArith.div32(mxcsr(Mxcsr.RC_NEAREST, 0), ONE, THREE));
        assertEquals(0x3EAA_AAAA, SseArith.div32(mxcsr(Mxcsr.RC_DOWN, 0), ONE, THREE));
        assertEquals(0x3EAA_AAAB, SseArith.div32(mxcsr(Mxcsr.RC_UP, 0), ONE, THREE));
        assertEquals(0x3EAA_AAAA, SseArith.div32(mxcsr(Mxcsr.RC_ZERO, 0), ONE, THREE));
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, 0);
        SseArith.div32(m, ONE, THREE);
        assertEquals(Mxcsr.PE, m.pending);
    }

    @Test
    void flushToZeroReportsUnderflowAndPrecision() {
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, Mxcsr.FTZ);
        int half = Float.floatToRawIntBits(0.5f);
        assertEquals(0, SseArith.mul32(m, MIN_NORMAL, half));
        assertEquals(Mxcsr.UE | Mxcsr.PE, m.pending);
    }

    @Test
    void denormalSourceRaisesDeUnlessDaz() {
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, 0);
        assertEquals(ONE, SseArith.add32(m, ONE, 1));
        assertEquals(Mxcsr.DE | Mxcsr.PE, m.pending);
        Mxcsr daz = mxcsr(Mxcsr.RC_NEAREST, Mxcsr.DAZ);
        assertEquals(ONE, SseArith.add32(daz, ONE, 1));
        assertEquals(0, daz.pending);
    }

    @Test
    void nanRulesFavourTheFirstSourceAndQuietIt() {
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, 0);
        assertEquals(0x7FC0_0001, SseArith.add32(m, SNAN, QNAN));
        assertEquals(Mxcsr.IE, m.pending);
        assertEquals(0xFFC0_0000, SseArith.sub32(mxcsr(0, 0), 0x7F80_0000, 0x7F80_0000));
        assertEquals(0xFFF8_0000_0000_0000L, SseArith.sqrt64(mxcsr(0, 0), 0xBFF0_0000_0000_0000L));
    }

    @Test
    void minAndMaxReturnTheSecondSourceOnNanOrEqualZeros() {
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, 0);
        assertEquals(ONE, SseArith.min32(m, QNAN, ONE));
        assertEquals(QNAN, SseArith.max32(m, ONE, QNAN));
        assertEquals(Mxcsr.IE, m.pending);
        assertEquals(0x8000_0000, SseArith.min32(mxcsr(0, 0), 0, 0x8000_0000));
        assertEquals(0, SseArith.max32(mxcsr(0, 0), 0x8000_0000, 0));
    }

    @Test
    void overflowFollowsRoundingControl() {
        long max = 0x7FEF_FFFF_FFFF_FFFFL;
        assertEquals(0x7FF0_0000_0000_0000L, SseArith.add64(mxcsr(Mxcsr.RC_NEAREST, 0), max, max));
        assertEquals(max, SseArith.add64(mxcsr(Mxcsr.RC_ZERO, 0), max, max));
        Mxcsr m = mxcsr(Mxcsr.RC_DOWN, 0);
        assertEquals(max, SseArith.add64(m, max, max));
        assertEquals(Mxcsr.OE | Mxcsr.PE, m.pending);
    }

    @Test
    void exactCancellationIsNegativeZeroOnlyWhenRoundingDown() {
        assertEquals(0, SseArith.sub32(mxcsr(Mxcsr.RC_NEAREST, 0), THREE, THREE));
        assertEquals(0x8000_0000, SseArith.sub32(mxcsr(Mxcsr.RC_DOWN, 0), THREE, THREE));
    }

    @Test
    void conversionsUseIndefiniteAndTruncate() {
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, 0);
        assertEquals(Integer.MIN_VALUE, SseConvert.cvtss2si(m, Float.floatToRawIntBits(3e9f)));
        assertEquals(Mxcsr.IE, m.pending);
        int twoAndHalf = Float.floatToRawIntBits(2.5f);
        assertEquals(2, SseConvert.cvtss2si(mxcsr(Mxcsr.RC_NEAREST, 0), twoAndHalf));
        assertEquals(3, SseConvert.cvtss2si(mxcsr(Mxcsr.RC_UP, 0), twoAndHalf));
        assertEquals(-2, SseConvert.cvttss2si(mxcsr(Mxcsr.RC_UP, 0), twoAndHalf ^ 0x8000_0000));
    }

    @Test
    void roundCanSuppressPrecision() {
        int x = Float.floatToRawIntBits(-1.5f);
        Mxcsr m = mxcsr(Mxcsr.RC_NEAREST, 0);
        assertEquals(Float.floatToRawIntBits(-1f), SseConvert.round32(m, x, 0xB));
        assertEquals(0, m.pending);
        assertEquals(Float.floatToRawIntBits(-2f), SseConvert.round32(m, x, 0x1));
        assertEquals(Mxcsr.PE, m.pending);
    }
}

package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-made DPPS cases (imm8 0x7F) whose MXCSR results were measured on an AMD Zen 4; gen.c
 * records the same vectors (dpps_stage_vectors) in fp.bin.gz. The sums p0 + p1 and p2 + p3
 * form a stage of their own, so an unmasked exception there hides the invalid operation of the
 * last addition.
 */
class SseDotProductTest {
    private static final int MAX = Float.floatToRawIntBits(Float.MAX_VALUE);
    private static final int ONE = Float.floatToRawIntBits(1f);
    private static final int MINUS_INF = 0xFF80_0000;

    private static long pair(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | (long) hi << 32;
    }

    /** Runs DPPS on (MAX, MAX, -inf, 0) . (1, 1, 1, 0); returns MXCSR, minus bit 31 if #XM. */
    private static int run(int mxcsr) {
        Mxcsr m = new Mxcsr();
        m.value = mxcsr;
        SseDotProduct.dpps(m, pair(MAX, MAX), pair(MINUS_INF, 0), pair(ONE, ONE), pair(ONE, 0),
                0x7F);
        boolean fault = m.commit();
        return fault ? m.value | 1 << 31 : m.value;
    }

    @Test
    void allMaskedReachesTheInvalidLastAddition() {
        assertEquals(0x1FA9, run(0x1F80));
    }

    @Test
    void unmaskedOverflowInTheFirstAdditionsStopsTheInstruction() {
        assertEquals(0x1B88 | 1 << 31, run(0x1B80));
    }

    @Test
    void unmaskedPrecisionInTheFirstAdditionsStopsTheInstruction() {
        assertEquals(0x0FA8 | 1 << 31, run(0x0F80));
    }
}

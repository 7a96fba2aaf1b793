package dev.splitvisor.cpu.sse;

/**
 * RCPSS/RCPPS and RSQRTSS/RSQRTPS lanes: approximate 1/x and 1/sqrt(x).
 *
 * <p>Hardware computes these from tables that differ between Intel and AMD (and between CPU
 * generations); the manuals promise only a relative error of at most 1.5 * 2^-12. This
 * implementation returns the (nearly) correctly rounded binary32 value, error about 2^-24, so
 * results match no real CPU bit for bit: a known difference, for docs/QUIRKS.md. The special
 * cases follow the hardware (checked on an AMD Zen 4): denormal sources count as zero whatever
 * DAZ says, RCP of a magnitude of 2^126 or more gives zero whatever FTZ says, NaNs are quieted,
 * RSQRT of a negative number is the QNaN indefinite, and nothing is reported in MXCSR.
 *
 * <p>Hot path: no allocation, no exceptions.
 */
public final class SseReciprocal {
    private static final int SIGN = 0x8000_0000;
    private static final int INF = 0x7F80_0000;
    private static final int INDEFINITE = 0xFFC0_0000;
    /** Exponent field of 2^126, from which on RCP returns zero. */
    private static final int RCP_FLUSH_EXP = 253 << 23;

    private SseReciprocal() {
    }

    /** RCPSS lane: about 1/x. */
    public static int rcp32(int x) {
        int exp = x & INF;
        if (exp == INF) {
            return (x & 0x7F_FFFF) != 0 ? x | 0x40_0000 : x & SIGN;
        }
        if (exp == 0) {
            return (x & SIGN) | INF;
        }
        if (exp >= RCP_FLUSH_EXP) {
            // 1/x is at most the smallest normal; hardware flushes all of these to zero.
            return x & SIGN;
        }
        float r = 1.0f / Float.intBitsToFloat(x);
        return Float.floatToRawIntBits(r);
    }

    /** RSQRTSS lane: about 1/sqrt(x). */
    public static int rsqrt32(int x) {
        int exp = x & INF;
        if (exp == INF && (x & 0x7F_FFFF) != 0) {
            return x | 0x40_0000;
        }
        if (exp == 0) {
            return (x & SIGN) | INF;
        }
        if (x < 0) {
            return INDEFINITE;
        }
        if (exp == INF) {
            return 0;
        }
        double r = 1.0 / Math.sqrt(Float.intBitsToFloat(x));
        return Float.floatToRawIntBits((float) r);
    }

}

package dev.splitvisor.cpu.sse;

import static dev.splitvisor.cpu.sse.Mxcsr.IE;
import static dev.splitvisor.cpu.sse.Mxcsr.PE;
import static dev.splitvisor.cpu.sse.SoftFloat.F32;
import static dev.splitvisor.cpu.sse.SoftFloat.F64;

/**
 * One lane of the SSE conversions and of ROUNDSS/ROUNDSD/ROUNDPS/ROUNDPD.
 *
 * <p>Integer to floating point: CVTSI2SS/SD and CVTDQ2PS/PD lanes, rounded per MXCSR.RC.
 * Floating point to integer: CVTSS2SI, CVTSD2SI, CVTPS2DQ, CVTPD2DQ lanes round per MXCSR.RC;
 * the CVTT forms truncate. NaN, infinity and out-of-range sources raise IE and return the
 * integer indefinite (0x80000000 or 0x8000000000000000); an inexact in-range result raises PE.
 * Between formats: CVTSS2SD/CVTPS2PD (exact; quiets SNaN) and CVTSD2SS/CVTPD2PS (rounded, may
 * overflow or underflow). The caller picks the 32- or 64-bit integer form from REX.W.
 *
 * <p>DAZ applies to every floating-point source here, but conversions to integer and ROUND
 * never report DE (a denormal just rounds, with PE). ROUND uses imm8[3:0] only; legacy-encoded
 * upper bits are ignored, as on hardware.
 *
 * <p>Hot path: no allocation, no exceptions.
 */
public final class SseConvert {
    /** ROUNDSS imm8 bit 2: take the rounding mode from MXCSR.RC instead of imm8[1:0]. */
    public static final int ROUND_USE_MXCSR = 1 << 2;
    /** ROUNDSS imm8 bit 3: do not report PE. */
    public static final int ROUND_SUPPRESS_PE = 1 << 3;

    private SseConvert() {
    }

    /** CVTSI2SS from a 32-bit integer. */
    public static int cvtsi2ss(Mxcsr m, int v) {
        return (int) fromInteger(m, v, F32);
    }

    /** CVTSI2SS from a 64-bit integer (REX.W). */
    public static int cvtsi2ss(Mxcsr m, long v) {
        return (int) fromInteger(m, v, F32);
    }

    /** CVTSI2SD from a 32-bit integer (always exact). */
    public static long cvtsi2sd(Mxcsr m, int v) {
        return fromInteger(m, v, F64);
    }

    /** CVTSI2SD from a 64-bit integer (REX.W). */
    public static long cvtsi2sd(Mxcsr m, long v) {
        return fromInteger(m, v, F64);
    }

    /** CVTSS2SI to a 32-bit integer, rounded per MXCSR.RC. */
    public static int cvtss2si(Mxcsr m, int x) {
        return (int) toInteger(m, x & 0xFFFF_FFFFL, F32, m.roundingControl(), 32);
    }

    /** CVTSS2SI to a 64-bit integer, rounded per MXCSR.RC. */
    public static long cvtss2si64(Mxcsr m, int x) {
        return toInteger(m, x & 0xFFFF_FFFFL, F32, m.roundingControl(), 64);
    }

    /** CVTTSS2SI to a 32-bit integer, truncated. */
    public static int cvttss2si(Mxcsr m, int x) {
        return (int) toInteger(m, x & 0xFFFF_FFFFL, F32, Mxcsr.RC_ZERO, 32);
    }

    /** CVTTSS2SI to a 64-bit integer, truncated. */
    public static long cvttss2si64(Mxcsr m, int x) {
        return toInteger(m, x & 0xFFFF_FFFFL, F32, Mxcsr.RC_ZERO, 64);
    }

    /** CVTSD2SI to a 32-bit integer, rounded per MXCSR.RC. */
    public static int cvtsd2si(Mxcsr m, long x) {
        return (int) toInteger(m, x, F64, m.roundingControl(), 32);
    }

    /** CVTSD2SI to a 64-bit integer, rounded per MXCSR.RC. */
    public static long cvtsd2si64(Mxcsr m, long x) {
        return toInteger(m, x, F64, m.roundingControl(), 64);
    }

    /** CVTTSD2SI to a 32-bit integer, truncated. */
    public static int cvttsd2si(Mxcsr m, long x) {
        return (int) toInteger(m, x, F64, Mxcsr.RC_ZERO, 32);
    }

    /** CVTTSD2SI to a 64-bit integer, truncated. */
    public static long cvttsd2si64(Mxcsr m, long x) {
        return toInteger(m, x, F64, Mxcsr.RC_ZERO, 64);
    }

    /** CVTSS2SD lane: exact widening; SNaN is quieted with IE, denormals raise DE. */
    public static long cvtss2sd(Mxcsr m, int x) {
        long b = SoftFloat.daz(x & 0xFFFF_FFFFL, F32, m.value);
        boolean neg = SoftFloat.isNegative(b, F32);
        if (SoftFloat.isNaN(b, F32)) {
            raiseIfSignaling(m, b, F32);
            return SoftFloat.zero(neg, F64) | 0x7FF8_0000_0000_0000L
                    | ((b & SoftFloat.fracMask(F32)) << 29);
        }
        SoftFloat.checkDenormal(m, b, F32);
        if (SoftFloat.isInf(b, F32)) {
            return SoftFloat.inf(neg, F64);
        }
        if (SoftFloat.isZero(b, F32)) {
            return SoftFloat.zero(neg, F64);
        }
        return SoftFloat.roundPack(m, neg, SoftFloat.exponent(b, F32),
                SoftFloat.significand(b, F32), F64);
    }

    /** CVTSD2SS lane: rounded per MXCSR; SNaN keeps the top of its payload, quieted. */
    public static int cvtsd2ss(Mxcsr m, long x) {
        long b = SoftFloat.daz(x, F64, m.value);
        boolean neg = SoftFloat.isNegative(b, F64);
        if (SoftFloat.isNaN(b, F64)) {
            raiseIfSignaling(m, b, F64);
            return (int) (SoftFloat.zero(neg, F32) | 0x7FC0_0000L
                    | ((b & SoftFloat.fracMask(F64)) >>> 29));
        }
        SoftFloat.checkDenormal(m, b, F64);
        if (SoftFloat.isInf(b, F64)) {
            return (int) SoftFloat.inf(neg, F32);
        }
        if (SoftFloat.isZero(b, F64)) {
            return (int) SoftFloat.zero(neg, F32);
        }
        return (int) SoftFloat.roundPack(m, neg, SoftFloat.exponent(b, F64),
                SoftFloat.significand(b, F64), F32);
    }

    /** ROUNDSS/ROUNDPS lane: round to an integral value per imm8 (see class constants). */
    public static int round32(Mxcsr m, int x, int imm8) {
        return (int) roundIntegral(m, x & 0xFFFF_FFFFL, F32, imm8);
    }

    /** ROUNDSD/ROUNDPD lane: round to an integral value per imm8 (see class constants). */
    public static long round64(Mxcsr m, long x, int imm8) {
        return roundIntegral(m, x, F64, imm8);
    }

    private static void raiseIfSignaling(Mxcsr m, long x, int f) {
        if (SoftFloat.isSignaling(x, f)) {
            m.pending |= IE;
        }
    }

    static long fromInteger(Mxcsr m, long v, int f) {
        if (v == 0) {
            return 0;
        }
        boolean neg = v < 0;
        // For Long.MIN_VALUE the negation stays 2^63, which is right when read as unsigned.
        long mag = neg ? -v : v;
        int top = 63 - Long.numberOfLeadingZeros(mag);
        long sig = top <= 62 ? mag << (62 - top) : mag >>> 1;
        return SoftFloat.roundPack(m, neg, top, sig, f);
    }

    static long toInteger(Mxcsr m, long x, int f, int rc, int bits) {
        long indefinite = 1L << (bits - 1);
        x = SoftFloat.daz(x, f, m.value);
        if (SoftFloat.biasedExp(x, f) == SoftFloat.expMax(f)) {
            m.pending |= IE;
            return indefinite;
        }
        if (SoftFloat.isZero(x, f)) {
            return 0;
        }
        boolean neg = SoftFloat.isNegative(x, f);
        int e = SoftFloat.exponent(x, f);
        long sig = SoftFloat.significand(x, f);
        if (e >= bits || e >= 63) {
            // Only -2^63 itself fits, in the 64-bit form; nothing this large has a fraction.
            boolean fits = bits == 64 && neg && e == 63 && sig == 1L << 62;
            m.pending |= fits ? 0 : IE;
            return indefinite;
        }
        int before = m.pending;
        long magnitude = roundToIntegerMagnitude(m, sig, e, rc, neg, true);
        long limit = neg ? indefinite : indefinite - 1;
        if (Long.compareUnsigned(magnitude, limit) > 0) {
            // An out-of-range result reports IE alone, without the PE of its rounding.
            m.pending = before | IE;
            return indefinite;
        }
        return neg ? -magnitude : magnitude;
    }

    /**
     * Rounds {@code sig * 2^(e - 62)} (e below 63) to an integer magnitude under rc, raising
     * PE when inexact and asked to.
     */
    private static long roundToIntegerMagnitude(Mxcsr m, long sig, int e, int rc, boolean neg,
            boolean reportInexact) {
        if (e < 0) {
            sig = SoftFloat.shiftRightJam(sig, -e);
            e = 0;
        }
        int shift = 62 - e;
        if (shift == 0) {
            return sig;
        }
        long rem = sig & ((1L << shift) - 1);
        long q = sig >>> shift;
        if (SoftFloat.roundsUp(q, rem, 1L << (shift - 1), rc, neg)) {
            q++;
        }
        if (rem != 0 && reportInexact) {
            m.pending |= PE;
        }
        return q;
    }

    static long roundIntegral(Mxcsr m, long x, int f, int imm8) {
        int rc = (imm8 & ROUND_USE_MXCSR) != 0 ? m.roundingControl() : imm8 & 3;
        x = SoftFloat.daz(x, f, m.value);
        if (SoftFloat.isNaN(x, f)) {
            raiseIfSignaling(m, x, f);
            return SoftFloat.quiet(x, f);
        }
        if (SoftFloat.isInf(x, f) || SoftFloat.isZero(x, f)) {
            return x;
        }
        int e = SoftFloat.exponent(x, f);
        if (e >= f) {
            return x;
        }
        boolean neg = SoftFloat.isNegative(x, f);
        long q = roundToIntegerMagnitude(m, SoftFloat.significand(x, f), e, rc, neg,
                (imm8 & ROUND_SUPPRESS_PE) == 0);
        if (q == 0) {
            return SoftFloat.zero(neg, f);
        }
        int top = 63 - Long.numberOfLeadingZeros(q);
        long bits = ((long) (top + SoftFloat.bias(f)) << f)
                | ((q << (f - top)) & SoftFloat.fracMask(f));
        return SoftFloat.zero(neg, f) | bits;
    }
}

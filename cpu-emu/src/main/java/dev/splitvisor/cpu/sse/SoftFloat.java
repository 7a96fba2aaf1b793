package dev.splitvisor.cpu.sse;

import static dev.splitvisor.cpu.sse.Mxcsr.DAZ;
import static dev.splitvisor.cpu.sse.Mxcsr.DE;
import static dev.splitvisor.cpu.sse.Mxcsr.FTZ;
import static dev.splitvisor.cpu.sse.Mxcsr.IE;
import static dev.splitvisor.cpu.sse.Mxcsr.OE;
import static dev.splitvisor.cpu.sse.Mxcsr.OM;
import static dev.splitvisor.cpu.sse.Mxcsr.PE;
import static dev.splitvisor.cpu.sse.Mxcsr.RC_DOWN;
import static dev.splitvisor.cpu.sse.Mxcsr.RC_NEAREST;
import static dev.splitvisor.cpu.sse.Mxcsr.RC_UP;
import static dev.splitvisor.cpu.sse.Mxcsr.UE;
import static dev.splitvisor.cpu.sse.Mxcsr.UM;

/**
 * Bit-level IEEE 754 core shared by the SSE lane operations: classification, unpacking to a
 * normalized 63-bit significand, and rounding with MXCSR semantics.
 *
 * <p>A format is named by its fraction width: {@link #F32} (binary32) or {@link #F64}
 * (binary64). Values travel as raw bits in a {@code long}; binary32 bits sit in the low 32.
 * An unpacked finite non-zero value is {@code sig * 2^(exp - 62)} with the leading one of
 * {@code sig} at bit 62, so at least ten guard bits lie below the binary64 rounding point and
 * anything lost further down is "jammed" into bit 0 as a sticky bit.
 *
 * <p>x86 detects tininess after rounding (as if the exponent range were unbounded), reports
 * UE for a masked underflow only when the result is also inexact, and always reports it when
 * UM is clear. FTZ applies only to masked underflows and then yields a signed zero with UE and
 * PE. An unmasked overflow or underflow reports PE only when the significand itself was
 * rounded (checked on an AMD Zen 4).
 */
final class SoftFloat {
    /** Fraction width naming binary32. */
    static final int F32 = 23;
    /** Fraction width naming binary64. */
    static final int F64 = 52;

    private SoftFloat() {
    }

    static long signMask(int f) {
        return f == F64 ? 1L << 63 : 1L << 31;
    }

    static long fracMask(int f) {
        return (1L << f) - 1;
    }

    static int expMax(int f) {
        return f == F64 ? 0x7FF : 0xFF;
    }

    static int bias(int f) {
        return f == F64 ? 1023 : 127;
    }

    /** The default QNaN ("real indefinite") that masked invalid operations return. */
    static long indefinite(int f) {
        return f == F64 ? 0xFFF8_0000_0000_0000L : 0xFFC0_0000L;
    }

    static int biasedExp(long x, int f) {
        return (int) (x >>> f) & expMax(f);
    }

    static boolean isNegative(long x, int f) {
        return (x & signMask(f)) != 0;
    }

    static boolean isNaN(long x, int f) {
        return biasedExp(x, f) == expMax(f) && (x & fracMask(f)) != 0;
    }

    static boolean isSignaling(long x, int f) {
        return isNaN(x, f) && (x & (1L << (f - 1))) == 0;
    }

    static boolean isInf(long x, int f) {
        return biasedExp(x, f) == expMax(f) && (x & fracMask(f)) == 0;
    }

    static boolean isZero(long x, int f) {
        return (x & ~signMask(f)) == 0;
    }

    static boolean isDenormal(long x, int f) {
        return biasedExp(x, f) == 0 && (x & fracMask(f)) != 0;
    }

    static long quiet(long x, int f) {
        return x | (1L << (f - 1));
    }

    static long inf(boolean negative, int f) {
        return (negative ? signMask(f) : 0) | ((long) expMax(f) << f);
    }

    static long zero(boolean negative, int f) {
        return negative ? signMask(f) : 0;
    }

    /** Applies MXCSR.DAZ to a source: a denormal becomes a zero of the same sign. */
    static long daz(long x, int f, int mxcsr) {
        return (mxcsr & DAZ) != 0 && isDenormal(x, f) ? x & signMask(f) : x;
    }

    /** Raises DE if a (DAZ-filtered) source is denormal. */
    static void checkDenormal(Mxcsr m, long x, int f) {
        if (isDenormal(x, f)) {
            m.pending |= DE;
        }
    }

    /**
     * The x86 rule for two NaN-bearing sources: IE if either is signaling, and the first
     * source if it is a NaN, else the second, quieted.
     */
    static long propagateNaN(Mxcsr m, long a, long b, int f) {
        if (isSignaling(a, f) || isSignaling(b, f)) {
            m.pending |= IE;
        }
        return quiet(isNaN(a, f) ? a : b, f);
    }

    /** Returns the indefinite QNaN after raising IE. */
    static long invalid(Mxcsr m, int f) {
        m.pending |= IE;
        return indefinite(f);
    }

    /** Unbiased exponent of a finite non-zero value; denormals are normalized. */
    static int exponent(long x, int f) {
        int e = biasedExp(x, f);
        if (e != 0) {
            return e - bias(f);
        }
        return 1 - bias(f) - f + 63 - Long.numberOfLeadingZeros(x & fracMask(f));
    }

    /** Significand of a finite non-zero value with its leading one at bit 62. */
    static long significand(long x, int f) {
        long frac = x & fracMask(f);
        if (biasedExp(x, f) != 0) {
            return (frac | (1L << f)) << (62 - f);
        }
        return frac << (Long.numberOfLeadingZeros(frac) - 1);
    }

    /** Shifts right, ORing every bit shifted out into bit 0. */
    static long shiftRightJam(long x, int n) {
        if (n <= 0) {
            return x;
        }
        if (n >= 63) {
            return x != 0 ? 1 : 0;
        }
        return (x >>> n) | ((x & ((1L << n) - 1)) != 0 ? 1 : 0);
    }

    static boolean roundsUp(long q, long rem, long half, int rc, boolean negative) {
        switch (rc) {
            case RC_NEAREST:
                return rem > half || (rem == half && (q & 1) != 0);
            case RC_DOWN:
                return negative && rem != 0;
            case RC_UP:
                return !negative && rem != 0;
            default:
                return false;
        }
    }

    /**
     * Rounds {@code sig * 2^(exp - 62)} (leading one at bit 62, sticky in bit 0) to format f
     * under MXCSR, raising OE, UE and PE into {@code m.pending}.
     *
     * <p>With OE or UE unmasked the instruction will fault and write nothing; hardware then
     * reports PE only if the result rounded to full precision with an unbounded exponent is
     * inexact, and the value returned here is meaningless.
     */
    static long roundPack(Mxcsr m, boolean negative, int exp, long sig, int f) {
        int mx = m.value;
        int rc = (mx >>> Mxcsr.RC_SHIFT) & 3;
        int shift = 62 - f;
        int emin = 1 - bias(f);
        boolean tiny = false;
        if (exp < emin) {
            tiny = exp < emin - 1 || !carriesToNextBinade(sig, shift, rc, negative);
            if (tiny && (mx & UM) == 0) {
                return trap(m, UE, sig, shift, negative, f);
            }
            sig = shiftRightJam(sig, emin - exp);
            exp = emin;
        }
        if (exp + bias(f) >= expMax(f)) {
            return overflow(m, negative, rc, f, sig, shift);
        }
        long rem = sig & ((1L << shift) - 1);
        long q = sig >>> shift;
        if (roundsUp(q, rem, 1L << (shift - 1), rc, negative)) {
            q++;
        }
        if (tiny) {
            if ((mx & FTZ) != 0) {
                m.pending |= UE | PE;
                return zero(negative, f);
            }
            if (rem != 0) {
                m.pending |= UE;
            }
        }
        // Adding q (hidden bit included) to exponent-minus-one lets a rounding carry or a
        // denormal that rounds up to the smallest normal fix the exponent for free.
        long bits = ((long) (exp + bias(f) - 1) << f) + q;
        if ((bits >>> f) >= expMax(f)) {
            return overflow(m, negative, rc, f, sig, shift);
        }
        if (rem != 0) {
            m.pending |= PE;
        }
        return zero(negative, f) | bits;
    }

    private static boolean carriesToNextBinade(long sig, int shift, int rc, boolean negative) {
        long q = sig >>> shift;
        long rem = sig & ((1L << shift) - 1);
        return roundsUp(q, rem, 1L << (shift - 1), rc, negative) && (q + 1) >>> (63 - shift) != 0;
    }

    /** An unmasked OE or UE: the flag, plus PE if the full-precision rounding is inexact. */
    private static long trap(Mxcsr m, int flag, long sig, int shift, boolean negative, int f) {
        boolean inexact = (sig & ((1L << shift) - 1)) != 0;
        m.pending |= flag | (inexact ? PE : 0);
        return zero(negative, f);
    }

    private static long overflow(Mxcsr m, boolean negative, int rc, int f, long sig, int shift) {
        if ((m.value & OM) == 0) {
            return trap(m, OE, sig, shift, negative, f);
        }
        m.pending |= OE | PE;
        boolean toInf;
        switch (rc) {
            case RC_NEAREST:
                toInf = true;
                break;
            case RC_DOWN:
                toInf = negative;
                break;
            case RC_UP:
                toInf = !negative;
                break;
            default:
                toInf = false;
                break;
        }
        if (toInf) {
            return inf(negative, f);
        }
        return zero(negative, f) | ((long) (expMax(f) - 1) << f) | fracMask(f);
    }

    /** Value comparison a &lt; b of two non-NaN values of format f (-0 equals +0). */
    static boolean less(long a, long b, int f) {
        if (f == F64) {
            return Double.longBitsToDouble(a) < Double.longBitsToDouble(b);
        }
        return Float.intBitsToFloat((int) a) < Float.intBitsToFloat((int) b);
    }

    /** Value comparison a == b of format f (false if either is NaN). */
    static boolean equal(long a, long b, int f) {
        if (f == F64) {
            return Double.longBitsToDouble(a) == Double.longBitsToDouble(b);
        }
        return Float.intBitsToFloat((int) a) == Float.intBitsToFloat((int) b);
    }
}

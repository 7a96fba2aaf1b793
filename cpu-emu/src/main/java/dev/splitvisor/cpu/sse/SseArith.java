package dev.splitvisor.cpu.sse;

import static dev.splitvisor.cpu.sse.Mxcsr.IE;
import static dev.splitvisor.cpu.sse.Mxcsr.ZE;
import static dev.splitvisor.cpu.sse.SoftFloat.F32;
import static dev.splitvisor.cpu.sse.SoftFloat.F64;

/**
 * One lane of the SSE arithmetic instructions ADD, SUB, MUL, DIV, SQRT, MIN and MAX (the PS,
 * SS, PD and SD forms, and the lanes of HADDPS, HSUBPS, ADDSUBPS and their PD forms).
 *
 * <p>Every method takes the first source {@code a} (the destination register) and the second
 * source {@code b} as raw bits, honours MXCSR.RC, FTZ and DAZ from {@code m.value}, ORs the
 * exceptions it detects into {@code m.pending} and returns the result bits. The caller runs
 * all lanes, then calls {@link Mxcsr#commit()} before writing anything.
 *
 * <p>Horizontal forms: HADDPS writes (a0+a1, a2+a3, b0+b1, b2+b3), HSUBPS the same with
 * a0-a1 and so on, HADDPD/HSUBPD (a0 op a1, b0 op b1); ADDSUBPS/PD subtract in the even lanes
 * and add in the odd ones. MIN and MAX signal IE on QNaN as well as SNaN; with DAZ a denormal
 * second source is returned as the zero it reads as.
 *
 * <p>Hot path: no allocation, no exceptions. Normal operands whose result is comfortably
 * normal take the JVM's arithmetic plus the sign of its exact error ({@link FastRounding});
 * everything else takes the exact soft-float path. Both are bit-exact.
 */
public final class SseArith {
    private SseArith() {
    }

    /** ADDSS lane: a + b. */
    public static int add32(Mxcsr m, int a, int b) {
        if (sumIsExactInDouble(a, b)) {
            double s = (double) Float.intBitsToFloat(a) + Float.intBitsToFloat(b);
            float r = (float) s;
            if (FastRounding.safe32(r)) {
                return FastRounding.round32(m, r, (int) Math.signum(s - r));
            }
        }
        return (int) add(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, false);
    }

    /** ADDSD lane: a + b. */
    public static long add64(Mxcsr m, long a, long b) {
        if (FastRounding.normal64(a) && FastRounding.normal64(b)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double r = x + y;
            if (FastRounding.safe64(r)) {
                return FastRounding.round64(m, r, FastRounding.sumError(x, y, r));
            }
        }
        return add(m, a, b, F64, false);
    }

    /** SUBSS lane: a - b. */
    public static int sub32(Mxcsr m, int a, int b) {
        if (sumIsExactInDouble(a, b)) {
            double s = (double) Float.intBitsToFloat(a) - Float.intBitsToFloat(b);
            float r = (float) s;
            if (FastRounding.safe32(r)) {
                return FastRounding.round32(m, r, (int) Math.signum(s - r));
            }
        }
        return (int) add(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, true);
    }

    /** SUBSD lane: a - b. */
    public static long sub64(Mxcsr m, long a, long b) {
        if (FastRounding.normal64(a) && FastRounding.normal64(b)) {
            double x = Double.longBitsToDouble(a);
            double y = -Double.longBitsToDouble(b);
            double r = x + y;
            if (FastRounding.safe64(r)) {
                return FastRounding.round64(m, r, FastRounding.sumError(x, y, r));
            }
        }
        return add(m, a, b, F64, true);
    }

    /** MULSS lane: a * b. */
    public static int mul32(Mxcsr m, int a, int b) {
        if (FastRounding.normal32(a) && FastRounding.normal32(b)) {
            // A product of two 24-bit significands is exact in a double.
            double p = (double) Float.intBitsToFloat(a) * Float.intBitsToFloat(b);
            float r = (float) p;
            if (FastRounding.safe32(r)) {
                return FastRounding.round32(m, r, (int) Math.signum(p - r));
            }
        }
        return (int) mul(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32);
    }

    /** MULSD lane: a * b. */
    public static long mul64(Mxcsr m, long a, long b) {
        if (FastRounding.normal64(a) && FastRounding.normal64(b)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double r = x * y;
            if (FastRounding.safe64(r)) {
                return FastRounding.round64(m, r, (int) Math.signum(Math.fma(x, y, -r)));
            }
        }
        return mul(m, a, b, F64);
    }

    /** DIVSS lane: a / b. */
    public static int div32(Mxcsr m, int a, int b) {
        if (FastRounding.normal32(a) && FastRounding.normal32(b)) {
            float x = Float.intBitsToFloat(a);
            float y = Float.intBitsToFloat(b);
            float r = x / y;
            if (FastRounding.safe32(r)) {
                // x - r*y is exact in double; its sign times y's says where x/y lies.
                double rem = Math.fma(-(double) r, y, x);
                return FastRounding.round32(m, r, (int) (Math.signum(rem) * Math.signum(y)));
            }
        }
        return (int) div(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32);
    }

    /** DIVSD lane: a / b. */
    public static long div64(Mxcsr m, long a, long b) {
        if (FastRounding.normal64(a) && FastRounding.normal64(b)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double r = x / y;
            if (FastRounding.safe64(r) && FastRounding.safe64(x)) {
                double rem = Math.fma(-r, y, x);
                return FastRounding.round64(m, r, (int) (Math.signum(rem) * Math.signum(y)));
            }
        }
        return div(m, a, b, F64);
    }

    /** Both normal and exponents at most 28 apart: their sum fits a double's 53 bits. */
    private static boolean sumIsExactInDouble(int a, int b) {
        int ea = (a >>> 23) & 0xFF;
        int eb = (b >>> 23) & 0xFF;
        return ea != 0 && ea != 0xFF && eb != 0 && eb != 0xFF && Math.abs(ea - eb) <= 28;
    }

    /** SQRTSS lane: square root of the source b. */
    public static int sqrt32(Mxcsr m, int b) {
        return (int) sqrt(m, b & 0xFFFF_FFFFL, F32);
    }

    /** SQRTSD lane: square root of the source b. */
    public static long sqrt64(Mxcsr m, long b) {
        return sqrt(m, b, F64);
    }

    /** MINSS lane: a &lt; b ? a : b; b if either is a NaN or both are zeros. */
    public static int min32(Mxcsr m, int a, int b) {
        return (int) minMax(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, false);
    }

    /** MINSD lane: a &lt; b ? a : b; b if either is a NaN or both are zeros. */
    public static long min64(Mxcsr m, long a, long b) {
        return minMax(m, a, b, F64, false);
    }

    /** MAXSS lane: a &gt; b ? a : b; b if either is a NaN or both are zeros. */
    public static int max32(Mxcsr m, int a, int b) {
        return (int) minMax(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, true);
    }

    /** MAXSD lane: a &gt; b ? a : b; b if either is a NaN or both are zeros. */
    public static long max64(Mxcsr m, long a, long b) {
        return minMax(m, a, b, F64, true);
    }

    static long add(Mxcsr m, long a, long b, int f, boolean subtract) {
        a = SoftFloat.daz(a, f, m.value);
        b = SoftFloat.daz(b, f, m.value);
        if (SoftFloat.isNaN(a, f) || SoftFloat.isNaN(b, f)) {
            return SoftFloat.propagateNaN(m, a, b, f);
        }
        SoftFloat.checkDenormal(m, a, f);
        SoftFloat.checkDenormal(m, b, f);
        if (subtract) {
            b ^= SoftFloat.signMask(f);
        }
        boolean na = SoftFloat.isNegative(a, f);
        boolean nb = SoftFloat.isNegative(b, f);
        if (SoftFloat.isInf(a, f)) {
            return SoftFloat.isInf(b, f) && na != nb ? SoftFloat.invalid(m, f) : a;
        }
        if (SoftFloat.isInf(b, f)) {
            return b;
        }
        boolean za = SoftFloat.isZero(a, f);
        boolean zb = SoftFloat.isZero(b, f);
        if (za && zb) {
            // Opposite zeros sum to +0, or to -0 when rounding down (IEEE 754, 6.3).
            return SoftFloat.zero(na == nb ? na : m.roundingControl() == Mxcsr.RC_DOWN, f);
        }
        if (za || zb) {
            // Still rounded: a denormal survivor is tiny, so FTZ and UE apply to it.
            long x = za ? b : a;
            return SoftFloat.roundPack(m, za ? nb : na, SoftFloat.exponent(x, f),
                    SoftFloat.significand(x, f), f);
        }
        return addFinite(m, a, b, f);
    }

    private static long addFinite(Mxcsr m, long a, long b, int f) {
        int ea = SoftFloat.exponent(a, f);
        int eb = SoftFloat.exponent(b, f);
        // One bit of headroom at the top so that a carry out of the sum fits.
        long sa = SoftFloat.significand(a, f) >>> 1;
        long sb = SoftFloat.significand(b, f) >>> 1;
        boolean na = SoftFloat.isNegative(a, f);
        boolean nb = SoftFloat.isNegative(b, f);
        if (ea < eb || (ea == eb && sa < sb)) {
            int te = ea;
            ea = eb;
            eb = te;
            long ts = sa;
            sa = sb;
            sb = ts;
            boolean tn = na;
            na = nb;
            nb = tn;
        }
        sb = SoftFloat.shiftRightJam(sb, ea - eb);
        long s = na == nb ? sa + sb : sa - sb;
        if (s == 0) {
            return SoftFloat.zero(m.roundingControl() == Mxcsr.RC_DOWN, f);
        }
        int top = 63 - Long.numberOfLeadingZeros(s);
        return SoftFloat.roundPack(m, na, ea + top - 61, s << (62 - top), f);
    }

    static long mul(Mxcsr m, long a, long b, int f) {
        a = SoftFloat.daz(a, f, m.value);
        b = SoftFloat.daz(b, f, m.value);
        if (SoftFloat.isNaN(a, f) || SoftFloat.isNaN(b, f)) {
            return SoftFloat.propagateNaN(m, a, b, f);
        }
        SoftFloat.checkDenormal(m, a, f);
        SoftFloat.checkDenormal(m, b, f);
        boolean neg = SoftFloat.isNegative(a, f) != SoftFloat.isNegative(b, f);
        boolean za = SoftFloat.isZero(a, f);
        boolean zb = SoftFloat.isZero(b, f);
        if (SoftFloat.isInf(a, f) || SoftFloat.isInf(b, f)) {
            return za || zb ? SoftFloat.invalid(m, f) : SoftFloat.inf(neg, f);
        }
        if (za || zb) {
            return SoftFloat.zero(neg, f);
        }
        long x = SoftFloat.significand(a, f);
        long y = SoftFloat.significand(b, f);
        // Both lie in [2^62, 2^63), so the 128-bit product lies in [2^124, 2^126).
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        int nlz = Long.numberOfLeadingZeros(hi);
        int s = 65 - nlz;
        long sig = (hi << (64 - s)) | (lo >>> s) | ((lo << (64 - s)) != 0 ? 1 : 0);
        int e = SoftFloat.exponent(a, f) + SoftFloat.exponent(b, f) + 3 - nlz;
        return SoftFloat.roundPack(m, neg, e, sig, f);
    }

    static long div(Mxcsr m, long a, long b, int f) {
        a = SoftFloat.daz(a, f, m.value);
        b = SoftFloat.daz(b, f, m.value);
        if (SoftFloat.isNaN(a, f) || SoftFloat.isNaN(b, f)) {
            return SoftFloat.propagateNaN(m, a, b, f);
        }
        boolean neg = SoftFloat.isNegative(a, f) != SoftFloat.isNegative(b, f);
        if (SoftFloat.isZero(b, f) && !SoftFloat.isInf(a, f)) {
            if (SoftFloat.isZero(a, f)) {
                return SoftFloat.invalid(m, f);
            }
            // ZE wins over DE: a denormal dividend of a zero divisor reports ZE alone.
            m.pending |= ZE;
            return SoftFloat.inf(neg, f);
        }
        SoftFloat.checkDenormal(m, a, f);
        SoftFloat.checkDenormal(m, b, f);
        if (SoftFloat.isInf(a, f)) {
            return SoftFloat.isInf(b, f) ? SoftFloat.invalid(m, f) : SoftFloat.inf(neg, f);
        }
        if (SoftFloat.isInf(b, f)) {
            return SoftFloat.zero(neg, f);
        }
        if (SoftFloat.isZero(a, f)) {
            return SoftFloat.zero(neg, f);
        }
        return divFinite(m, a, b, f, neg);
    }

    private static long divFinite(Mxcsr m, long a, long b, int f, boolean neg) {
        int e = SoftFloat.exponent(a, f) - SoftFloat.exponent(b, f);
        long x = SoftFloat.significand(a, f) >>> 10;
        long y = SoftFloat.significand(b, f) >>> 10;
        if (x < y) {
            x <<= 1;
            e--;
        }
        // Long division in 10-bit digits: remainders stay below 2^53, so r << 10 cannot
        // overflow; 1 + 6 * 10 + 2 quotient bits put the leading one at bit 62.
        long q = x / y;
        long r = x % y;
        for (int i = 0; i < 6; i++) {
            r <<= 10;
            q = (q << 10) | (r / y);
            r %= y;
        }
        r <<= 2;
        q = (q << 2) | (r / y);
        r %= y;
        return SoftFloat.roundPack(m, neg, e, q | (r != 0 ? 1 : 0), f);
    }

    static long sqrt(Mxcsr m, long b, int f) {
        b = SoftFloat.daz(b, f, m.value);
        if (SoftFloat.isNaN(b, f)) {
            if (SoftFloat.isSignaling(b, f)) {
                m.pending |= IE;
            }
            return SoftFloat.quiet(b, f);
        }
        if (SoftFloat.isZero(b, f)) {
            return b;
        }
        if (SoftFloat.isNegative(b, f)) {
            // IE wins over DE: a negative denormal reports IE alone.
            return SoftFloat.invalid(m, f);
        }
        SoftFloat.checkDenormal(m, b, f);
        if (SoftFloat.isInf(b, f)) {
            return b;
        }
        int e = SoftFloat.exponent(b, f);
        long mant = (SoftFloat.significand(b, f) >>> 10) & SoftFloat.fracMask(F64);
        // y = 1.mant * 2^(e & 1) is exact in a double; sqrt(b) = sqrt(y) * 2^(e >> 1).
        double y = Double.longBitsToDouble(((long) (1023 + (e & 1)) << 52) | mant);
        double r = Math.sqrt(y);
        // The remainder y - r*r is exact under FMA; its sign says on which side of r the
        // true root lies (it is never exactly half-way), which a sticky bit conveys.
        double rem = Math.fma(-r, r, y);
        long sig = ((Double.doubleToRawLongBits(r) & SoftFloat.fracMask(F64)) | (1L << 52)) << 10;
        if (rem > 0) {
            sig |= 1;
        } else if (rem < 0) {
            sig -= 1;
        }
        return SoftFloat.roundPack(m, false, e >> 1, sig, f);
    }

    static long minMax(Mxcsr m, long a, long b, int f, boolean max) {
        a = SoftFloat.daz(a, f, m.value);
        b = SoftFloat.daz(b, f, m.value);
        if (SoftFloat.isNaN(a, f) || SoftFloat.isNaN(b, f)) {
            // MIN and MAX signal on QNaN too, and return the second source unchanged.
            m.pending |= IE;
            return b;
        }
        SoftFloat.checkDenormal(m, a, f);
        SoftFloat.checkDenormal(m, b, f);
        boolean pickA = max ? SoftFloat.less(b, a, f) : SoftFloat.less(a, b, f);
        return pickA ? a : b;
    }
}

package dev.splitvisor.cpu.sse;

import static dev.splitvisor.cpu.sse.Mxcsr.PE;

/**
 * The fast path of the arithmetic lanes: when both sources are normal and the result is well
 * inside the normal range, the JVM's round-to-nearest result plus the sign of its exact error
 * (from TwoSum or an FMA residual) determines the MXCSR-rounded result and PE, and no other
 * exception is possible. Everything else takes the exact path in {@link SoftFloat}.
 *
 * <p>binary32 lanes compute in double: products of two floats are exact there, sums are exact
 * when the exponents differ by at most 29, and the difference between the exact double value
 * and the float it rounds to is exact, which gives the error sign without double rounding.
 */
final class FastRounding {
    /**
     * Results at least this large leave room for an exact FMA residual and TwoSum error and
     * cannot be tiny after any rounding.
     */
    private static final double LOW_64 = 0x1p-969;
    private static final float LOW_32 = 0x1p-100f;

    private FastRounding() {
    }

    static boolean normal64(long x) {
        int e = (int) (x >>> 52) & 0x7FF;
        return e != 0 && e != 0x7FF;
    }

    static boolean normal32(int x) {
        int e = (x >>> 23) & 0xFF;
        return e != 0 && e != 0xFF;
    }

    /** A result the fast path may finish: comfortably normal and below the largest finite. */
    static boolean safe64(double r) {
        double abs = Math.abs(r);
        return abs >= LOW_64 && abs < Double.MAX_VALUE;
    }

    static boolean safe32(float r) {
        float abs = Math.abs(r);
        return abs >= LOW_32 && abs < Float.MAX_VALUE;
    }

    /** Error sign of a + b rounded to r (TwoSum, exact without overflow). */
    static int sumError(double a, double b, double r) {
        double bv = r - a;
        double err = (a - (r - bv)) + (b - bv);
        return (int) Math.signum(err);
    }

    /**
     * Final binary64 bits from the nearest-even result r and the sign of (exact - r), under
     * MXCSR.RC; raises PE when inexact.
     */
    static long round64(Mxcsr m, double r, int direction) {
        if (direction != 0) {
            m.pending |= PE;
            switch (m.roundingControl()) {
                case Mxcsr.RC_DOWN:
                    r = direction < 0 ? Math.nextDown(r) : r;
                    break;
                case Mxcsr.RC_UP:
                    r = direction > 0 ? Math.nextUp(r) : r;
                    break;
                case Mxcsr.RC_ZERO:
                    if ((direction < 0) == (r > 0)) {
                        r = r > 0 ? Math.nextDown(r) : Math.nextUp(r);
                    }
                    break;
                default:
                    break;
            }
        }
        return Double.doubleToRawLongBits(r);
    }

    /** binary32 counterpart of {@link #round64}. */
    static int round32(Mxcsr m, float r, int direction) {
        if (direction != 0) {
            m.pending |= PE;
            switch (m.roundingControl()) {
                case Mxcsr.RC_DOWN:
                    r = direction < 0 ? Math.nextDown(r) : r;
                    break;
                case Mxcsr.RC_UP:
                    r = direction > 0 ? Math.nextUp(r) : r;
                    break;
                case Mxcsr.RC_ZERO:
                    if ((direction < 0) == (r > 0)) {
                        r = r > 0 ? Math.nextDown(r) : Math.nextUp(r);
                    }
                    break;
                default:
                    break;
            }
        }
        return Float.floatToRawIntBits(r);
    }
}

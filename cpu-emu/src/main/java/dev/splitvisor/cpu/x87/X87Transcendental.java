package dev.splitvisor.cpu.x87;

import java.math.BigInteger;

/**
 * The x87 transcendental instructions: FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X and
 * FYL2XP1, computed in binary fixed point with {@link BigInteger} (at least 256 significant
 * bits, more for tiny arguments so that the second term of each series is kept) and rounded
 * once to 64 bits by the rounding control, which lands within one ulp of the hardware.
 *
 * <p>Results and flags are delivered through the {@link F80} given to the constructor, with
 * the same conventions as its own operations. Unlike the rest of the package these
 * instructions allocate (BigInteger temporaries); they are rare in real code.
 *
 * <p>FSIN, FCOS, FSINCOS and FPTAN reduce their argument modulo pi/2 using the 66-bit
 * approximation of pi that the hardware uses, so large arguments give the hardware's answer
 * rather than the true sine; for |x| of 2^63 and more they set C2 and leave the operand.
 */
public final class X87Transcendental {
    private static final int BIAS = F80.BIAS;
    /** Bits of the constants below pi and ln 2, and the floor of every working precision. */
    private static final int CONST_FRAC = 640;
    private static final int MIN_BITS = 256;
    /** Working precisions are capped; beyond this every result under- or overflows anyway. */
    private static final int MAX_FRAC = 70_000;

    /** pi * 2^CONST_FRAC. */
    private static final BigInteger PI = computePi();
    /** ln 2 * 2^CONST_FRAC. */
    private static final BigInteger LN2 = atanhInverse(3, CONST_FRAC).shiftLeft(1);
    /** pi rounded to 66 significant bits, times 2^64 (the hardware's reduction constant). */
    private static final BigInteger PI66 = new BigInteger("C90FDAA22168C234C", 16)
            .shiftRight(2);

    private final F80 f;

    /** Creates the unit; results and flags go to f, whose control word is used. */
    public X87Transcendental(F80 f) {
        this.f = f;
    }

    // ---------------------------------------------------------------- FSIN, FCOS, FSINCOS, FPTAN

    /** FSIN: sine of a; C2 set and nothing written when |a| >= 2^63. */
    public void sin(long as, int ae) {
        if (trigPrologue(as, ae, false)) {
            return;
        }
        trigFinite(as, ae, 0);
    }

    /** FCOS: cosine of a; C2 set and nothing written when |a| >= 2^63. */
    public void cos(long as, int ae) {
        if (trigPrologue(as, ae, true)) {
            return;
        }
        trigFinite(as, ae, 1);
    }

    /**
     * FSINCOS: primary result the sine (replaces ST(0)), secondary the cosine (pushed); C2 set
     * and nothing written when |a| >= 2^63.
     */
    public void sincos(long as, int ae) {
        if (trigPrologue(as, ae, true)) {
            f.sig2 = f.sig;
            f.se2 = f.se;
            if (F80.classify(as, ae) == F80.K_ZERO) {
                f.setValue(as, ae);
            }
            return;
        }
        trigFinite(as, ae, 1);
        long cs = f.sig;
        int ce = f.se;
        int cosFlags = f.flags;
        trigFinite(as, ae, 0);
        f.flags |= cosFlags & (F80.DE | F80.UE | F80.PE);
        f.sig2 = cs;
        f.se2 = ce;
    }

    /** FPTAN: primary result the tangent (replaces ST(0)), secondary 1.0 (pushed). */
    public void ptan(long as, int ae) {
        f.sig2 = F80.MSB;
        f.se2 = BIAS;
        if (trigPrologue(as, ae, false)) {
            if (F80.isNan(F80.classify(f.sig, f.se))) {
                // A NaN result is pushed in place of the 1.0 as well.
                f.moveToSecond();
            }
            return;
        }
        trigFinite(as, ae, 2);
    }

    /**
     * Handles everything but finite nonzero in-range operands; true when done. cosZero selects
     * the result for a zero operand (1.0 for FCOS, else the zero itself).
     */
    private boolean trigPrologue(long as, int ae, boolean cosZero) {
        f.flags = 0;
        int k = F80.classify(as, ae);
        if (f.propagateNan1(as, ae, k)) {
            return true;
        }
        if (k == F80.K_INF) {
            f.setIndefinite();
            return true;
        }
        if (k == F80.K_ZERO) {
            f.setValue(cosZero ? F80.MSB : as, cosZero ? BIAS : ae);
            return true;
        }
        if ((ae & 0x7FFF) >= BIAS + 63) {
            f.flags |= F80.C2;
            f.setValue(as, ae);
            return true;
        }
        return false;
    }

    /** which: 0 sine, 1 cosine, 2 tangent, of a finite nonzero operand below 2^63. */
    private void trigFinite(long as, int ae, int which) {
        f.flags &= F80.C2;
        f.unpackA(as, ae);
        int ex = f.aExp - BIAS - 63;
        int frac = Math.max(65, -ex) + 130;
        BigInteger x = BigInteger.valueOf(f.aSig).and(MASK64).shiftLeft(ex + frac);
        BigInteger halfPi = PI66.shiftLeft(frac - 65);
        BigInteger[] qr = x.divideAndRemainder(halfPi);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        if (r.shiftLeft(1).compareTo(halfPi) > 0) {
            q = q.add(BigInteger.ONE);
            r = r.subtract(halfPi);
        }
        int quadrant = q.intValue() & 3;
        int sign = f.aSign;
        if (r.signum() == 0) {
            // Unreachable for nonzero x: the odd 66-bit constant cannot divide a 64-bit one.
            f.setZero(sign);
            return;
        }
        int extra = Math.max(0, MIN_BITS + 2 * Math.max(0, frac - r.bitLength())
                - r.bitLength());
        int fr = Math.min(frac + extra, MAX_FRAC);
        r = r.shiftLeft(fr - frac);
        trigReduced(which, quadrant, sign, r, fr);
    }

    private void trigReduced(int which, int quadrant, int sign, BigInteger r, int fr) {
        BigInteger s = sinSeries(r, fr);
        BigInteger c = cosSeries(r, fr);
        BigInteger v;
        if (which == 2) {
            v = (quadrant & 1) == 0 ? s.shiftLeft(fr).divide(c) : c.shiftLeft(fr).divide(s)
                    .negate();
        } else {
            boolean useSin = ((quadrant & 1) == 0) == (which == 0);
            v = useSin ? s : c;
            int negQuadrants = which == 0 ? 2 : 1;
            if (quadrant == negQuadrants || quadrant == negQuadrants + 1) {
                v = v.negate();
            }
        }
        if (which != 1 && sign != 0) {
            v = v.negate();
        }
        round(v.signum() < 0 ? 1 : 0, v.abs(), -fr, true);
    }

    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(
            BigInteger.ONE);

    private static BigInteger sinSeries(BigInteger r, int fr) {
        BigInteger r2 = mul(r, r, fr);
        BigInteger term = r;
        BigInteger sum = r;
        for (long k = 2; term.signum() != 0; k += 2) {
            term = mul(term, r2, fr).divide(BigInteger.valueOf(k * (k + 1)))
                    .negate();
            sum = sum.add(term);
        }
        return sum;
    }

    private static BigInteger cosSeries(BigInteger r, int fr) {
        BigInteger r2 = mul(r, r, fr);
        BigInteger term = BigInteger.ONE.shiftLeft(fr);
        BigInteger sum = term;
        for (long k = 1; term.signum() != 0; k += 2) {
            term = mul(term, r2, fr).divide(BigInteger.valueOf(k * (k + 1)))
                    .negate();
            sum = sum.add(term);
        }
        return sum;
    }

    // ---------------------------------------------------------------- F2XM1

    /** F2XM1: 2^a - 1, defined by the manual for -1 <= a <= +1. */
    public void f2xm1(long as, int ae) {
        f.flags = 0;
        int k = F80.classify(as, ae);
        if (f.propagateNan1(as, ae, k)) {
            return;
        }
        if (k == F80.K_ZERO) {
            f.setValue(as, ae);
            return;
        }
        if (k == F80.K_INF) {
            // 2^+inf - 1 = +inf, 2^-inf - 1 = -1.
            f.setValue(F80.MSB, (ae & 0x8000) != 0 ? 0x8000 | BIAS : 0x7FFF);
            return;
        }
        if ((ae & 0x7FFF) >= BIAS) {
            f2xm1Large(as, ae);
            return;
        }
        f.unpackA(as, ae);
        int ex = f.aExp - BIAS - 63;
        int fr = workingFrac(f.aExp - BIAS);
        BigInteger x = fixed(f.aSig, ex, fr);
        if (f.aSign != 0) {
            x = x.negate();
        }
        BigInteger y = mul(x, LN2, CONST_FRAC);
        BigInteger term = y;
        BigInteger sum = y;
        for (long n = 2; term.signum() != 0; n++) {
            term = mul(term, y, fr).divide(BigInteger.valueOf(n));
            sum = sum.add(term);
        }
        round(sum.signum() < 0 ? 1 : 0, sum.abs(), -fr, true);
    }

    /**
     * |a| >= 1: exactly 1 gives 1.0 and -1 gives -0.5; beyond the documented domain the
     * hardware returns the operand unchanged. PE is raised either way, as it does.
     */
    private void f2xm1Large(long as, int ae) {
        f.flags |= F80.PE;
        if (as == F80.MSB && (ae & 0x7FFF) == BIAS) {
            boolean minus = (ae & 0x8000) != 0;
            // The hardware flags 2^1 - 1 as rounded up, 2^-1 - 1 not.
            f.flags |= minus ? 0 : F80.C1;
            f.setValue(F80.MSB, minus ? 0x8000 | (BIAS - 1) : BIAS);
        } else {
            f.setValue(as, ae);
        }
    }

    /** Fraction bits that keep MIN_BITS beyond the cube of a value of binary exponent e. */
    private static int workingFrac(int e) {
        return Math.min(MIN_BITS + 64 + 3 * Math.max(0, -e), MAX_FRAC);
    }

    /** a * b * 2^-fr, truncated toward zero so that series terms reach zero. */
    private static BigInteger mul(BigInteger a, BigInteger b, int fr) {
        BigInteger p = a.multiply(b);
        return p.signum() < 0 ? p.negate().shiftRight(fr).negate() : p.shiftRight(fr);
    }

    private static BigInteger fixed(long sig, int ex, int fr) {
        BigInteger m = BigInteger.valueOf(sig).and(MASK64);
        return ex + fr >= 0 ? m.shiftLeft(ex + fr) : m.shiftRight(-(ex + fr));
    }

    // ---------------------------------------------------------------- FPATAN

    /** FPATAN: arctangent of y/x in the quadrant of (x, y); y is ST(1), x is ST(0). */
    public void patan(long ys, int ye, long xs, int xe) {
        f.flags = 0;
        int ky = F80.classify(ys, ye);
        int kx = F80.classify(xs, xe);
        if (f.propagateNan(ys, ye, ky, xs, xe, kx)) {
            return;
        }
        if (ky == F80.K_DENORMAL || kx == F80.K_DENORMAL) {
            f.flags |= F80.DE;
        }
        int sy = (ye >>> 15) & 1;
        boolean xNeg = (xe & 0x8000) != 0;
        if (ky == F80.K_ZERO || ky == F80.K_INF || kx == F80.K_ZERO || kx == F80.K_INF) {
            patanSpecial(sy, ky, kx, xNeg, ye);
            return;
        }
        f.unpackA(ys, ye);
        f.unpackB(xs, xe);
        int d = f.aExp - f.bExp;
        int fr = Math.min(MIN_BITS + 64 + 3 * Math.abs(d), MAX_FRAC);
        BigInteger my = BigInteger.valueOf(f.aSig).and(MASK64);
        BigInteger mx = BigInteger.valueOf(f.bSig).and(MASK64);
        boolean swap = d > 0 || (d == 0 && my.compareTo(mx) > 0);
        BigInteger t = swap ? ratio(mx, my, -d, fr) : ratio(my, mx, d, fr);
        BigInteger a = atanSeries(t, fr);
        if (swap) {
            a = pi(fr).shiftRight(1).subtract(a);
        }
        if (xNeg) {
            a = pi(fr).subtract(a);
        }
        round(sy, a, -fr, true);
    }

    /** (n / m) * 2^d in fixed point with fr fraction bits; n <= m * 2^-d holds. */
    private static BigInteger ratio(BigInteger n, BigInteger m, int d, int fr) {
        int sh = fr + d;
        if (sh < 0) {
            return BigInteger.ZERO;
        }
        return n.shiftLeft(sh).divide(m);
    }

    private void patanSpecial(int sy, int ky, int kx, boolean xNeg, int ye) {
        int fr = CONST_FRAC;
        BigInteger pi = PI;
        if (ky == F80.K_ZERO) {
            if (xNeg) {
                round(sy, pi, -fr, true);
            } else {
                f.setZero(sy);
            }
        } else if (ky == F80.K_INF) {
            BigInteger q = pi.shiftRight(2);
            BigInteger a = kx == F80.K_INF ? (xNeg ? q.multiply(BigInteger.valueOf(3)) : q)
                    : pi.shiftRight(1);
            round(sy, a, -fr, true);
        } else if (kx == F80.K_ZERO) {
            round(sy, pi.shiftRight(1), -fr, true);
        } else if (xNeg) {
            round(sy, pi, -fr, true);
        } else {
            f.setZero(sy);
        }
    }

    /** atan(t) for 0 <= t <= 1: two angle halvings, then the Taylor series. */
    private static BigInteger atanSeries(BigInteger t, int fr) {
        BigInteger one = BigInteger.ONE.shiftLeft(fr);
        int halvings = 0;
        while (halvings < 2 && t.bitLength() > fr - 3) {
            BigInteger s = one.add(mul(t, t, fr)).shiftLeft(fr).sqrt();
            t = t.shiftLeft(fr).divide(one.add(s));
            halvings++;
        }
        BigInteger t2 = mul(t, t, fr);
        BigInteger power = t;
        BigInteger sum = t;
        for (long n = 3; power.signum() != 0; n += 2) {
            power = mul(power, t2, fr).negate();
            sum = sum.add(power.divide(BigInteger.valueOf(n)));
        }
        return sum.shiftLeft(halvings);
    }

    // ---------------------------------------------------------------- FYL2X, FYL2XP1

    /** FYL2X: y * log2(x); y is ST(1), x is ST(0). */
    public void yl2x(long ys, int ye, long xs, int xe) {
        f.flags = 0;
        int ky = F80.classify(ys, ye);
        int kx = F80.classify(xs, xe);
        if (f.propagateNan(ys, ye, ky, xs, xe, kx)) {
            return;
        }
        if ((xe & 0x8000) != 0 && kx != F80.K_ZERO) {
            f.setIndefinite();
            return;
        }
        if (ky == F80.K_DENORMAL || kx == F80.K_DENORMAL) {
            f.flags |= F80.DE;
        }
        if (kx == F80.K_ZERO || kx == F80.K_INF || ky == F80.K_ZERO || ky == F80.K_INF) {
            yl2xSpecial(ye, ky, xs, xe, kx);
            return;
        }
        f.unpackA(ys, ye);
        f.unpackB(xs, xe);
        int e = f.bExp - BIAS;
        long m = f.bSig;
        if (m == F80.MSB) {
            // x is a power of two: log2 x = e exactly, so only the product rounds.
            BigInteger p = BigInteger.valueOf(f.aSig).and(MASK64).multiply(
                    BigInteger.valueOf(Math.abs((long) e)));
            round(f.aSign ^ (e < 0 ? 1 : 0), p, f.aExp - BIAS - 63, false);
            return;
        }
        int fr = MIN_BITS + 128;
        BigInteger l = log2Mantissa(m, fr).add(BigInteger.valueOf(e).shiftLeft(fr));
        BigInteger p = BigInteger.valueOf(f.aSig).and(MASK64).multiply(l.abs());
        round(f.aSign ^ (l.signum() < 0 ? 1 : 0), p, f.aExp - BIAS - 63 - fr, true);
    }

    private void yl2xSpecial(int ye, int ky, long xs, int xe, int kx) {
        int sy = (ye >>> 15) & 1;
        if (kx == F80.K_ZERO) {
            if (ky == F80.K_ZERO) {
                f.setIndefinite();
            } else {
                f.flags |= ky == F80.K_INF ? 0 : F80.ZE;
                f.setInf(sy ^ 1);
            }
            return;
        }
        if (kx == F80.K_INF) {
            if (ky == F80.K_ZERO) {
                f.setIndefinite();
            } else {
                f.setInf(sy);
            }
            return;
        }
        // Sign of log2 x: +1 above one, -1 below, 0 at one.
        int lsign = compareToOne(xs, xe);
        if (ky == F80.K_INF) {
            if (lsign == 0) {
                f.setIndefinite();
            } else {
                f.setInf(sy ^ (lsign < 0 ? 1 : 0));
            }
        } else {
            f.setZero(sy ^ (lsign < 0 ? 1 : 0));
        }
    }

    private static int compareToOne(long xs, int xe) {
        return F80.compareValues(xs, xe, F80.classify(xs, xe), F80.MSB, BIAS, F80.K_NORMAL);
    }

    /** log2(m / 2^63) in fixed point for a normalized significand m. */
    private static BigInteger log2Mantissa(long m, int fr) {
        BigInteger x = BigInteger.valueOf(m).and(MASK64);
        BigInteger one = BigInteger.ONE.shiftLeft(63);
        BigInteger z = x.subtract(one).shiftLeft(fr).divide(x.add(one));
        return atanh(z, fr).shiftLeft(1 + CONST_FRAC).divide(LN2);
    }

    /** FYL2XP1: y * log2(x + 1), for |x| < 1 - sqrt(2)/2; y is ST(1), x is ST(0). */
    public void yl2xp1(long ys, int ye, long xs, int xe) {
        f.flags = 0;
        int ky = F80.classify(ys, ye);
        int kx = F80.classify(xs, xe);
        if (f.propagateNan(ys, ye, ky, xs, xe, kx)) {
            return;
        }
        if (ky == F80.K_DENORMAL || kx == F80.K_DENORMAL) {
            f.flags |= F80.DE;
        }
        int sign = ((ye ^ xe) >>> 15) & 1;
        if (kx == F80.K_ZERO || ky == F80.K_ZERO || kx == F80.K_INF || ky == F80.K_INF) {
            yl2xp1Special(sign, ky, kx, xe);
            return;
        }
        if ((xe & 0x8000) != 0 && (xe & 0x7FFF) >= BIAS) {
            // x <= -1 lies outside the domain: the hardware leaves ST(0)'s value as result.
            f.flags |= F80.PE;
            f.setValue(xs, xe);
            return;
        }
        f.unpackA(ys, ye);
        f.unpackB(xs, xe);
        int fr = workingFrac(f.bExp - BIAS);
        BigInteger x = fixed(f.bSig, f.bExp - BIAS - 63, fr);
        if (f.bSign != 0) {
            x = x.negate();
        }
        BigInteger l;
        if (f.bExp >= BIAS - 2) {
            l = log2Fixed(x.add(BigInteger.ONE.shiftLeft(fr)), fr, fr);
        } else {
            BigInteger two = BigInteger.TWO.shiftLeft(fr);
            BigInteger z = x.shiftLeft(fr).divide(two.add(x));
            l = atanh(z, fr).shiftLeft(1 + CONST_FRAC).divide(LN2);
        }
        BigInteger p = BigInteger.valueOf(f.aSig).and(MASK64).multiply(l.abs());
        round(f.aSign ^ (l.signum() < 0 ? 1 : 0), p, f.aExp - BIAS - 63 - fr, true);
    }

    private void yl2xp1Special(int sign, int ky, int kx, int xe) {
        boolean zero = ky == F80.K_ZERO || kx == F80.K_ZERO;
        boolean inf = ky == F80.K_INF || kx == F80.K_INF;
        if (zero && inf) {
            f.setIndefinite();
        } else if (zero) {
            f.setZero(sign);
        } else if (kx == F80.K_INF && (xe & 0x8000) != 0) {
            f.setIndefinite();
        } else {
            f.setInf(sign);
        }
    }

    /** log2(v * 2^-vfr) for a positive v, with fr fraction bits. */
    private static BigInteger log2Fixed(BigInteger v, int vfr, int fr) {
        int e = v.bitLength() - 1 - vfr;
        int bl = v.bitLength();
        int work = MIN_BITS + 128;
        BigInteger m = bl > work + 1 ? v.shiftRight(bl - 1 - work) : v.shiftLeft(work + 1 - bl);
        BigInteger one = BigInteger.ONE.shiftLeft(work);
        BigInteger z = m.subtract(one).shiftLeft(work).divide(m.add(one));
        BigInteger l = atanh(z, work).shiftLeft(1 + CONST_FRAC).divide(LN2)
                .add(BigInteger.valueOf(e).shiftLeft(work));
        return fr >= work ? l.shiftLeft(fr - work) : l.shiftRight(work - fr);
    }

    /** atanh(z) for |z| well below 1, Taylor series. */
    private static BigInteger atanh(BigInteger z, int fr) {
        BigInteger z2 = mul(z, z, fr);
        BigInteger power = z;
        BigInteger sum = z;
        for (long n = 3; power.signum() != 0; n += 2) {
            power = mul(power, z2, fr);
            sum = sum.add(power.divide(BigInteger.valueOf(n)));
        }
        return sum;
    }

    // ---------------------------------------------------------------- constants and rounding

    private static BigInteger pi(int fr) {
        return fr <= CONST_FRAC ? PI.shiftRight(CONST_FRAC - fr) : PI.shiftLeft(fr - CONST_FRAC);
    }

    private static BigInteger computePi() {
        int fr = CONST_FRAC + 16;
        BigInteger a = atanInverse(5, fr).shiftLeft(4);
        BigInteger b = atanInverse(239, fr).shiftLeft(2);
        return a.subtract(b).shiftRight(16);
    }

    private static BigInteger atanInverse(int n, int fr) {
        BigInteger nn = BigInteger.valueOf((long) n * n);
        BigInteger power = BigInteger.ONE.shiftLeft(fr).divide(BigInteger.valueOf(n));
        BigInteger sum = power;
        for (long k = 3; power.signum() != 0; k += 2) {
            power = power.divide(nn).negate();
            sum = sum.add(power.divide(BigInteger.valueOf(k)));
        }
        return sum;
    }

    private static BigInteger atanhInverse(int n, int fr) {
        BigInteger nn = BigInteger.valueOf((long) n * n);
        BigInteger power = BigInteger.ONE.shiftLeft(fr + 16).divide(BigInteger.valueOf(n));
        BigInteger sum = power;
        for (long k = 3; power.signum() != 0; k += 2) {
            power = power.divide(nn);
            sum = sum.add(power.divide(BigInteger.valueOf(k)));
        }
        return sum.shiftRight(16);
    }

    /**
     * Rounds sign * mag * 2^scale to the register format (64-bit precision). inexact says the
     * value is an approximation of an irrational result, so a sticky bit is always present.
     */
    private void round(int sign, BigInteger mag, int scale, boolean inexact) {
        int bl = mag.bitLength();
        if (bl == 0) {
            f.setZero(sign);
            return;
        }
        BigInteger top;
        boolean sticky = inexact;
        if (bl > 128) {
            top = mag.shiftRight(bl - 128);
            sticky |= mag.getLowestSetBit() < bl - 128;
        } else {
            top = mag.shiftLeft(128 - bl);
        }
        long hi = top.shiftRight(64).longValue();
        long lo = top.longValue() | (sticky ? 1 : 0);
        long e = (long) BIAS + bl - 1 + scale;
        int exp = (int) Math.max(Math.min(e, 1 << 20), -(1 << 20));
        f.roundToReg(sign, exp, hi, lo, 64);
        if ((f.se & 0x7FFF) != 0) {
            // The hardware reports no underflow when the rounded result is normal.
            f.flags &= ~F80.UE;
        }
    }
}

package dev.splitvisor.cpu.x87;

/**
 * The x87 arithmetic unit: IEEE-754 double-extended (80-bit) arithmetic done with exact integer
 * operations, honouring the rounding control (RC) and precision control (PC) of an FCW.
 *
 * <p>An 80-bit value is passed as a pair: {@code long sig} (the 64-bit significand with its
 * explicit integer bit 63) and {@code int se} (bit 15 sign, bits 0-14 biased exponent). Each
 * operation clears {@link #flags}, then leaves its result in {@link #sig}/{@link #se} (and a
 * second result in {@link #sig2}/{@link #se2}, or a memory image in {@link #bits}/
 * {@link #bitsHi}) and the FSW bits it raised in {@link #flags}: exception bits IE..PE and the
 * condition codes the instruction defines (C1 round-up, C0/C2/C3 for compares and FPREM).
 *
 * <p>Results are the masked responses (QNaN indefinite, infinity or largest finite on overflow,
 * denormals on underflow). When OE or UE is unmasked and the destination is a register, the
 * result carries the exponent re-biased by 0x6000 as the hardware delivers it; the caller must
 * not write a result when an unmasked IE, DE or ZE was raised (see
 * {@link X87State#unmaskedPending()}).
 *
 * <p>Hot path: one instance per virtual CPU, no allocation, no exceptions.
 */
public final class F80 {
    /** FSW invalid-operation exception flag. */
    public static final int IE = 0x0001;
    /** FSW denormal-operand exception flag. */
    public static final int DE = 0x0002;
    /** FSW zero-divide exception flag. */
    public static final int ZE = 0x0004;
    /** FSW overflow exception flag. */
    public static final int OE = 0x0008;
    /** FSW underflow exception flag. */
    public static final int UE = 0x0010;
    /** FSW precision (inexact) exception flag. */
    public static final int PE = 0x0020;
    /** FSW stack-fault flag. */
    public static final int SF = 0x0040;
    /** FSW error-summary flag. */
    public static final int ES = 0x0080;
    /** FSW condition code C0. */
    public static final int C0 = 0x0100;
    /** FSW condition code C1. */
    public static final int C1 = 0x0200;
    /** FSW condition code C2. */
    public static final int C2 = 0x0400;
    /** FSW condition code C3. */
    public static final int C3 = 0x4000;
    /** FSW busy flag. */
    public static final int B = 0x8000;

    /** RC field value: round to nearest, ties to even. */
    public static final int RC_NEAREST = 0;
    /** RC field value: round toward minus infinity. */
    public static final int RC_DOWN = 1;
    /** RC field value: round toward plus infinity. */
    public static final int RC_UP = 2;
    /** RC field value: round toward zero. */
    public static final int RC_ZERO = 3;

    /** Sign/exponent of the "real indefinite" default QNaN. */
    public static final int INDEFINITE_SE = 0xFFFF;
    /** Significand of the "real indefinite" default QNaN. */
    public static final long INDEFINITE_SIG = 0xC000_0000_0000_0000L;

    /** Operand class: +0 or -0. */
    public static final int K_ZERO = 0;
    /** Operand class: normal finite number. */
    public static final int K_NORMAL = 1;
    /** Operand class: denormal or pseudo-denormal. */
    public static final int K_DENORMAL = 2;
    /** Operand class: infinity. */
    public static final int K_INF = 3;
    /** Operand class: quiet NaN. */
    public static final int K_QNAN = 4;
    /** Operand class: signaling NaN. */
    public static final int K_SNAN = 5;
    /** Operand class: unnormal, pseudo-NaN or pseudo-infinity (invalid on 387 and later). */
    public static final int K_UNSUPPORTED = 6;

    static final int BIAS = 16383;
    static final int EXP_MAX = 0x7FFE;
    static final long MSB = Long.MIN_VALUE;
    static final long QUIET = 0x4000_0000_0000_0000L;

    /** Significand of the primary result. */
    public long sig;
    /** Sign/exponent of the primary result. */
    public int se;
    /** Significand of the secondary result (FXTRACT significand, FSINCOS cosine, FPTAN 1.0). */
    public long sig2;
    /** Sign/exponent of the secondary result. */
    public int se2;
    /** Memory image of a store (float32/64 bits, integer, low 64 bits of packed BCD). */
    public long bits;
    /** High 16 bits of a packed-BCD store (digits 16-17 and the sign byte). */
    public int bitsHi;
    /** FSW bits raised by the last operation (exceptions and defined condition codes). */
    public int flags;

    private int fcw = 0x037F;

    // Unpacked operands: value = sig * 2^(exp - BIAS - 63); sign 0 or 1.
    int aSign;
    int aExp;
    long aSig;
    int bSign;
    int bExp;
    long bSig;

    // Scratch of the 128-bit helpers.
    private long tHi;
    private long tLo;
    private long divRem;

    // Rounded result before packing: exp in BIAS terms, sig bit 63 clear for denormals.
    private int rSign;
    private int rExp;
    private long rSig;

    /** Sets the control word (RC, PC and exception masks) used by subsequent operations. */
    public void setControl(int fcw) {
        this.fcw = fcw & 0xFFFF;
    }

    /** The control word in use. */
    public int control() {
        return fcw;
    }

    int roundingControl() {
        return (fcw >>> 10) & 3;
    }

    /** Significand width selected by FCW.PC: 24, 53 or 64 (the reserved value 01 acts as 64). */
    int precisionBits() {
        switch ((fcw >>> 8) & 3) {
            case 0:
                return 24;
            case 2:
                return 53;
            default:
                return 64;
        }
    }

    // ---------------------------------------------------------------- classification

    /** Classifies an 80-bit value into one of the {@code K_*} classes. */
    public static int classify(long sig, int se) {
        int exp = se & 0x7FFF;
        if (exp == 0x7FFF) {
            if (sig >= 0) {
                return K_UNSUPPORTED;
            }
            if ((sig << 1) == 0) {
                return K_INF;
            }
            return (sig & QUIET) != 0 ? K_QNAN : K_SNAN;
        }
        if (exp == 0) {
            return sig == 0 ? K_ZERO : K_DENORMAL;
        }
        return sig < 0 ? K_NORMAL : K_UNSUPPORTED;
    }

    static boolean isNan(int k) {
        return k == K_QNAN || k == K_SNAN;
    }

    /** Unpacks and normalizes a finite nonzero operand into a*, raising DE for denormals. */
    void unpackA(long s, int e) {
        aSign = (e >>> 15) & 1;
        int exp = e & 0x7FFF;
        if (exp == 0) {
            flags |= DE;
            int lz = Long.numberOfLeadingZeros(s);
            aSig = s << lz;
            aExp = 1 - lz;
        } else {
            aSig = s;
            aExp = exp;
        }
    }

    /** Unpacks and normalizes a finite nonzero operand into b*, raising DE for denormals. */
    void unpackB(long s, int e) {
        bSign = (e >>> 15) & 1;
        int exp = e & 0x7FFF;
        if (exp == 0) {
            flags |= DE;
            int lz = Long.numberOfLeadingZeros(s);
            bSig = s << lz;
            bExp = 1 - lz;
        } else {
            bSig = s;
            bExp = exp;
        }
    }

    // ---------------------------------------------------------------- result helpers

    void setIndefinite() {
        flags |= IE;
        sig = INDEFINITE_SIG;
        se = INDEFINITE_SE;
    }

    void setInf(int sign) {
        sig = MSB;
        se = (sign << 15) | 0x7FFF;
    }

    void setZero(int sign) {
        sig = 0;
        se = sign << 15;
    }

    void setValue(long s, int e) {
        sig = s;
        se = e;
    }

    /**
     * Produces the NaN result of an operation with at least one NaN or unsupported operand.
     * Returns false (and does nothing) when neither operand is one.
     */
    boolean propagateNan(long as, int ae, int ka, long bs, int be, int kb) {
        if (ka == K_UNSUPPORTED || kb == K_UNSUPPORTED) {
            setIndefinite();
            return true;
        }
        boolean an = isNan(ka);
        boolean bn = isNan(kb);
        if (!an && !bn) {
            return false;
        }
        if (ka == K_SNAN || kb == K_SNAN) {
            flags |= IE;
        }
        if (an && bn) {
            long qa = as | QUIET;
            long qb = bs | QUIET;
            // A QNaN beats an SNaN; between two of a kind the larger significand wins, and on
            // a tie the positive one.
            int c = ka != kb ? (ka == K_QNAN ? 1 : -1) : Long.compareUnsigned(qa, qb);
            boolean pickA = c > 0 || (c == 0 && (ae & 0x8000) == 0);
            setValue(pickA ? qa : qb, pickA ? ae : be);
        } else if (an) {
            setValue(as | QUIET, ae);
        } else {
            setValue(bs | QUIET, be);
        }
        return true;
    }

    /** Single-operand NaN/unsupported handling; false when the operand is neither. */
    boolean propagateNan1(long as, int ae, int ka) {
        if (ka == K_UNSUPPORTED) {
            setIndefinite();
            return true;
        }
        if (!isNan(ka)) {
            return false;
        }
        if (ka == K_SNAN) {
            flags |= IE;
        }
        setValue(as | QUIET, ae);
        return true;
    }

    // ---------------------------------------------------------------- 128-bit helpers

    /** Shifts hi:lo right by n with the lost bits OR-ed into bit 0 (result in tHi:tLo). */
    void shiftRightJam(long hi, long lo, int n) {
        if (n == 0) {
            tHi = hi;
            tLo = lo;
        } else if (n < 64) {
            long lost = lo << (64 - n);
            tLo = (lo >>> n) | (hi << (64 - n)) | (lost != 0 ? 1 : 0);
            tHi = hi >>> n;
        } else if (n < 128) {
            long lost = (n == 64 ? 0 : hi << (128 - n)) | lo;
            tLo = (n == 64 ? hi : hi >>> (n - 64)) | (lost != 0 ? 1 : 0);
            tHi = 0;
        } else {
            tLo = (hi | lo) != 0 ? 1 : 0;
            tHi = 0;
        }
    }

    /** Unsigned high half of the 128-bit product of x and y. */
    static long mulHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /**
     * Divides the 128-bit u1:u0 by v (bit 63 of v set, u1 below v, all unsigned); returns the
     * quotient and leaves the remainder in divRem. Long division in base 2^32 (Knuth D).
     */
    long div128(long u1, long u0, long v) {
        long vn1 = v >>> 32;
        long vn0 = v & 0xFFFF_FFFFL;
        long un1 = u0 >>> 32;
        long un0 = u0 & 0xFFFF_FFFFL;
        long q1 = Long.divideUnsigned(u1, vn1);
        long rhat = u1 - q1 * vn1;
        while ((q1 >>> 32) != 0
                || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
            q1--;
            rhat += vn1;
            if ((rhat >>> 32) != 0) {
                break;
            }
        }
        long un21 = ((u1 << 32) | un1) - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while ((q0 >>> 32) != 0
                || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
            q0--;
            rhat += vn1;
            if ((rhat >>> 32) != 0) {
                break;
            }
        }
        divRem = ((un21 << 32) | un0) - q0 * v;
        return (q1 << 32) | q0;
    }

    // ---------------------------------------------------------------- rounding core

    /**
     * Rounds sign * hi.lo * 2^(exp - BIAS) (hi bit 63 set unless the value is zero, lo the
     * fraction bits with bit 0 sticky) to p significand bits in an exponent range emin..emax
     * (BIAS terms). Leaves rSign/rExp/rSig; sets PE, C1, OE, UE. rExp is 0x7FFF for infinity;
     * for denormals rExp is emin and bit 63 of rSig clear. regDest enables the re-biased result
     * of an unmasked overflow/underflow.
     */
    void round(int sign, int exp, long hi, long lo, int p, int emin, int emax, boolean regDest) {
        rSign = sign;
        if (hi == 0 && lo == 0) {
            rExp = 0;
            rSig = 0;
            return;
        }
        boolean tiny = exp < emin;
        boolean rebiasUnder = tiny && regDest && (fcw & UE) == 0;
        if (rebiasUnder && exp + 0x6000 < emin) {
            // Too small even for the re-biased form (only FSCALE gets here): a signed zero.
            flags |= UE | PE;
            rExp = 0;
            rSig = 0;
            return;
        }
        if (tiny && !rebiasUnder) {
            shiftRightJam(hi, lo, Math.min(emin - exp, 200));
            hi = tHi;
            lo = tLo;
            exp = emin;
        }
        long mask = p == 64 ? 0 : -1L >>> p;
        long rem = p == 64 ? lo : hi & mask;
        long half = p == 64 ? MSB : 1L << (63 - p);
        boolean sticky = p != 64 && lo != 0;
        int cmp = Long.compareUnsigned(rem, half);
        if (cmp == 0 && sticky) {
            cmp = 1;
        }
        boolean inexact = rem != 0 || sticky;
        long unit = mask + 1;
        boolean up = roundsUp(sign, cmp, inexact, (hi & unit) != 0);
        hi &= ~mask;
        if (up) {
            hi += unit;
            if (hi == 0) {
                hi = MSB;
                exp++;
            }
        }
        if (inexact) {
            flags |= PE;
            if (up) {
                flags |= C1;
            }
        }
        if (tiny) {
            if (rebiasUnder) {
                flags |= UE;
                exp += 0x6000;
            } else if (inexact) {
                flags |= UE;
            }
        }
        if (exp > emax) {
            overflow(sign, hi, exp, mask, emax, regDest);
            return;
        }
        rExp = hi == 0 ? 0 : exp;
        rSig = hi;
    }

    private boolean roundsUp(int sign, int cmp, boolean inexact, boolean lsb) {
        switch (roundingControl()) {
            case RC_NEAREST:
                return cmp > 0 || (cmp == 0 && lsb);
            case RC_DOWN:
                return inexact && sign != 0;
            case RC_UP:
                return inexact && sign == 0;
            default:
                return false;
        }
    }

    private void overflow(int sign, long hi, int exp, long mask, int emax, boolean regDest) {
        flags |= OE;
        if (regDest && (fcw & OE) == 0) {
            if (exp - 0x6000 > emax) {
                // Too large even for the re-biased form (only FSCALE gets here): infinity.
                flags |= PE | C1;
                rExp = 0x7FFF;
                rSig = MSB;
                return;
            }
            rExp = exp - 0x6000;
            rSig = hi;
            return;
        }
        flags |= PE;
        int rc = roundingControl();
        boolean toInf = rc == RC_NEAREST || (rc == RC_UP && sign == 0)
                || (rc == RC_DOWN && sign != 0);
        if (toInf) {
            flags |= C1;
            rExp = 0x7FFF;
            rSig = MSB;
        } else {
            flags &= ~C1;
            rExp = emax;
            rSig = ~mask;
        }
    }

    /** Rounds to the 80-bit register format with the given precision and packs into sig/se. */
    void roundToReg(int sign, int exp, long hi, long lo, int p) {
        round(sign, exp, hi, lo, p, 1, EXP_MAX, true);
        packR();
    }

    void packR() {
        int e = rExp;
        if (rSig >= 0 && e == 1) {
            e = 0;
        }
        sig = rSig;
        se = (rSign << 15) | (e & 0x7FFF);
    }

    /** Normalizes a nonzero 128-bit hi:lo and rounds it to the register format. */
    void normRoundToReg(int sign, int exp, long hi, long lo, int p) {
        if (hi == 0) {
            if (lo == 0) {
                setZero(sign);
                return;
            }
            hi = lo;
            lo = 0;
            exp -= 64;
        }
        int lz = Long.numberOfLeadingZeros(hi);
        if (lz != 0) {
            hi = (hi << lz) | (lo >>> (64 - lz));
            lo <<= lz;
            exp -= lz;
        }
        roundToReg(sign, exp, hi, lo, p);
    }

    /** Rounds an 80-bit value to the current precision control (as FLD of itself would not). */
    void roundOperandA(int p) {
        roundToReg(aSign, aExp, aSig, 0, p);
    }

    // ---------------------------------------------------------------- add, sub

    /** FADD: a + b. */
    public void add(long as, int ae, long bs, int be) {
        flags = 0;
        addSub(as, ae, bs, be, 0);
    }

    /** FSUB: a - b (FSUBR is sub with the operands swapped). */
    public void sub(long as, int ae, long bs, int be) {
        flags = 0;
        addSub(as, ae, bs, be, 0x8000);
    }

    private void addSub(long as, int ae, long bs, int be, int negate) {
        int ka = classify(as, ae);
        int kb = classify(bs, be);
        // A NaN operand propagates with its own sign, so negate only afterwards.
        if (propagateNan(as, ae, ka, bs, be, kb)) {
            return;
        }
        be ^= negate;
        if (ka >= K_INF || kb >= K_INF) {
            addSpecial(as, ae, ka, bs, be, kb);
            return;
        }
        if (ka == K_ZERO || kb == K_ZERO) {
            addZero(as, ae, ka, bs, be, kb);
            return;
        }
        unpackA(as, ae);
        unpackB(bs, be);
        if (aExp < bExp || (aExp == bExp && Long.compareUnsigned(aSig, bSig) < 0)) {
            swapOperands();
        }
        shiftRightJam(bSig, 0, aExp - bExp);
        if (aSign == bSign) {
            addMagnitudes(tHi, tLo);
        } else {
            subMagnitudes(tHi, tLo);
        }
    }

    private void addSpecial(long as, int ae, int ka, long bs, int be, int kb) {
        if (propagateNan(as, ae, ka, bs, be, kb)) {
            return;
        }
        if (ka == K_DENORMAL || kb == K_DENORMAL) {
            flags |= DE;
        }
        if (ka == K_INF && kb == K_INF && ((ae ^ be) & 0x8000) != 0) {
            setIndefinite();
            return;
        }
        setInf(((ka == K_INF ? ae : be) >>> 15) & 1);
    }

    private void addZero(long as, int ae, int ka, long bs, int be, int kb) {
        if (ka == K_ZERO && kb == K_ZERO) {
            int sa = (ae >>> 15) & 1;
            int sb = (be >>> 15) & 1;
            setZero(sa == sb ? sa : (roundingControl() == RC_DOWN ? 1 : 0));
            return;
        }
        // x + 0 still rounds x to the precision control and normalizes a denormal x.
        if (ka == K_ZERO) {
            unpackA(bs, be);
        } else {
            unpackA(as, ae);
        }
        roundOperandA(precisionBits());
    }

    private void swapOperands() {
        int s = aSign;
        aSign = bSign;
        bSign = s;
        int e = aExp;
        aExp = bExp;
        bExp = e;
        long m = aSig;
        aSig = bSig;
        bSig = m;
    }

    private void addMagnitudes(long bh, long bl) {
        long lo = bl;
        long hi = aSig + bh;
        int exp = aExp;
        if (Long.compareUnsigned(hi, aSig) < 0) {
            lo = (lo >>> 1) | (hi << 63) | (lo & 1);
            hi = (hi >>> 1) | MSB;
            exp++;
        }
        roundToReg(aSign, exp, hi, lo, precisionBits());
    }

    private void subMagnitudes(long bh, long bl) {
        long lo = -bl;
        long hi = aSig - bh - (bl != 0 ? 1 : 0);
        if (hi == 0 && lo == 0) {
            setZero(roundingControl() == RC_DOWN ? 1 : 0);
            return;
        }
        normRoundToReg(aSign, aExp, hi, lo, precisionBits());
    }

    // ---------------------------------------------------------------- mul, div

    /** FMUL: a * b. */
    public void mul(long as, int ae, long bs, int be) {
        flags = 0;
        int ka = classify(as, ae);
        int kb = classify(bs, be);
        int sign = ((ae ^ be) >>> 15) & 1;
        if (propagateNan(as, ae, ka, bs, be, kb)) {
            return;
        }
        if (ka == K_DENORMAL || kb == K_DENORMAL) {
            flags |= DE;
        }
        if (ka == K_INF || kb == K_INF) {
            if (ka == K_ZERO || kb == K_ZERO) {
                setIndefinite();
            } else {
                setInf(sign);
            }
            return;
        }
        if (ka == K_ZERO || kb == K_ZERO) {
            setZero(sign);
            return;
        }
        unpackA(as, ae);
        unpackB(bs, be);
        long hi = mulHigh(aSig, bSig);
        long lo = aSig * bSig;
        int exp = aExp + bExp - BIAS + 1;
        if (hi >= 0) {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
            exp--;
        }
        roundToReg(sign, exp, hi, lo, precisionBits());
    }

    /** FDIV: a / b (FDIVR is div with the operands swapped). */
    public void div(long as, int ae, long bs, int be) {
        flags = 0;
        int ka = classify(as, ae);
        int kb = classify(bs, be);
        int sign = ((ae ^ be) >>> 15) & 1;
        if (propagateNan(as, ae, ka, bs, be, kb)) {
            return;
        }
        // A zero divisor is reported as ZE alone: the host raises no DE for a denormal dividend.
        if ((ka == K_DENORMAL && kb != K_ZERO) || kb == K_DENORMAL) {
            flags |= DE;
        }
        if (ka == K_INF) {
            if (kb == K_INF) {
                setIndefinite();
            } else {
                setInf(sign);
            }
            return;
        }
        if (kb == K_INF) {
            setZero(sign);
            return;
        }
        if (kb == K_ZERO) {
            divByZero(ka, sign);
            return;
        }
        if (ka == K_ZERO) {
            setZero(sign);
            return;
        }
        unpackA(as, ae);
        unpackB(bs, be);
        divide(sign);
    }

    private void divByZero(int ka, int sign) {
        if (ka == K_ZERO) {
            setIndefinite();
            return;
        }
        flags |= ZE;
        setInf(sign);
    }

    private void divide(int sign) {
        long q1 = div128(aSig >>> 1, aSig << 63, bSig);
        long q0 = div128(divRem, 0, bSig);
        long sticky = divRem != 0 ? 1 : 0;
        int exp = aExp - bExp + BIAS;
        if (q1 >= 0) {
            q1 = (q1 << 1) | (q0 >>> 63);
            q0 <<= 1;
            exp--;
        }
        roundToReg(sign, exp, q1, q0 | sticky, precisionBits());
    }

    // ---------------------------------------------------------------- sqrt

    /** FSQRT: square root of a. */
    public void sqrt(long as, int ae) {
        flags = 0;
        int ka = classify(as, ae);
        if (propagateNan1(as, ae, ka)) {
            return;
        }
        if (ka == K_ZERO) {
            setValue(as, ae);
            return;
        }
        if ((ae & 0x8000) != 0) {
            setIndefinite();
            return;
        }
        if (ka == K_INF) {
            setValue(as, ae);
            return;
        }
        unpackA(as, ae);
        int k = aExp - BIAS;
        long nHi = (k & 1) == 0 ? aSig >>> 1 : aSig;
        long nLo = (k & 1) == 0 ? aSig << 63 : 0;
        long r = isqrt128(nHi, nLo);
        // rem = N - r^2 decides the guard bit: N >= (r + 1/2)^2 exactly when rem > r.
        long remLo = nLo - r * r;
        long remHi = nHi - mulHigh(r, r) - (Long.compareUnsigned(nLo, r * r) < 0 ? 1 : 0);
        boolean guard = remHi != 0 || Long.compareUnsigned(remLo, r) > 0;
        boolean sticky = remHi != 0 || remLo != 0;
        long lo = guard ? MSB | 1 : (sticky ? 1 : 0);
        roundToReg(0, BIAS + (k >> 1), r, lo, precisionBits());
    }

    /** Floor of the square root of the 128-bit nHi:nLo, whose top two bits are not both 0. */
    long isqrt128(long nHi, long nLo) {
        double d = Math.sqrt(unsignedToDouble(nHi)) * 4294967296.0;
        long r = d >= 18446744073709551615.0 ? -1L : doubleToUnsigned(d);
        if (Long.compareUnsigned(r, MSB) < 0) {
            r = MSB;
        }
        if (Long.compareUnsigned(nHi, r) < 0) {
            long q = div128(nHi, nLo, r);
            r = (r >>> 1) + (q >>> 1) + (r & q & 1);
        }
        while (squareAbove(r, nHi, nLo)) {
            r--;
        }
        while (r != -1L && !squareAbove(r + 1, nHi, nLo)) {
            r++;
        }
        return r;
    }

    private static boolean squareAbove(long r, long nHi, long nLo) {
        long h = mulHigh(r, r);
        int c = Long.compareUnsigned(h, nHi);
        return c > 0 || (c == 0 && Long.compareUnsigned(r * r, nLo) > 0);
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    static long doubleToUnsigned(double d) {
        if (d < 9223372036854775808.0) {
            return (long) d;
        }
        return ((long) (d - 9223372036854775808.0)) | MSB;
    }

    // ---------------------------------------------------------------- compare, test, examine

    /**
     * FCOM (signaling) or FUCOM (quiet) of a with b: sets C3/C2/C0 (000 greater, 001 less, 100
     * equal, 111 unordered) and clears C1. FCOMI-style callers map C3/C2/C0 to ZF/PF/CF.
     */
    public void compare(long as, int ae, long bs, int be, boolean quiet) {
        flags = 0;
        int ka = classify(as, ae);
        int kb = classify(bs, be);
        if (ka >= K_QNAN || kb >= K_QNAN) {
            boolean snan = ka == K_SNAN || kb == K_SNAN;
            boolean bad = ka == K_UNSUPPORTED || kb == K_UNSUPPORTED;
            if (!quiet || snan || bad) {
                flags |= IE;
            }
            flags |= C3 | C2 | C0;
            return;
        }
        if (ka == K_DENORMAL || kb == K_DENORMAL) {
            flags |= DE;
        }
        int c = compareValues(as, ae, ka, bs, be, kb);
        flags |= c == 0 ? C3 : (c < 0 ? C0 : 0);
    }

    /** FTST: compares a with +0.0 (signaling). */
    public void test(long as, int ae) {
        compare(as, ae, 0, 0, false);
    }

    /** Orders two non-NaN values: negative, zero or positive. */
    static int compareValues(long as, int ae, int ka, long bs, int be, int kb) {
        boolean az = ka == K_ZERO;
        boolean bz = kb == K_ZERO;
        if (az && bz) {
            return 0;
        }
        int sa = (ae >>> 15) & 1;
        int sb = (be >>> 15) & 1;
        if (sa != sb) {
            return sa != 0 ? -1 : 1;
        }
        int mag = compareMagnitudes(as, ae & 0x7FFF, bs, be & 0x7FFF);
        return sa != 0 ? -mag : mag;
    }

    private static int compareMagnitudes(long as, int ea, long bs, int eb) {
        // Pseudo-denormals carry exponent 1 in value terms.
        int xa = ea == 0 ? 1 : ea;
        int xb = eb == 0 ? 1 : eb;
        if (xa != xb) {
            return xa < xb ? -1 : 1;
        }
        return Long.compareUnsigned(as, bs);
    }

    /**
     * FXAM: sets C1 to the sign and C3/C2/C0 to the class (000 unsupported, 001 NaN, 010 normal,
     * 011 infinity, 100 zero, 101 empty, 110 denormal).
     */
    public void examine(long as, int ae, boolean empty) {
        flags = (ae & 0x8000) != 0 ? C1 : 0;
        if (empty) {
            flags |= C3 | C0;
            return;
        }
        switch (classify(as, ae)) {
            case K_QNAN:
            case K_SNAN:
                flags |= C0;
                break;
            case K_NORMAL:
                flags |= C2;
                break;
            case K_INF:
                flags |= C2 | C0;
                break;
            case K_ZERO:
                flags |= C3;
                break;
            case K_DENORMAL:
                flags |= C3 | C2;
                break;
            default:
                break;
        }
    }

    /** FABS: clears the sign; raises nothing (NaNs included). */
    public void abs(long as, int ae) {
        flags = 0;
        setValue(as, ae & 0x7FFF);
    }

    /** FCHS: flips the sign; raises nothing (NaNs included). */
    public void chs(long as, int ae) {
        flags = 0;
        setValue(as, ae ^ 0x8000);
    }

    // ---------------------------------------------------------------- constants

    private static final long[] CONSTANTS = {
        // significand, next 64 bits of the exact value, sign/exponent
        0x8000_0000_0000_0000L, 0L, 0x3FFF,                                 // FLD1
        0xD49A_784B_CD1B_8AFEL, 0x492B_F6FF_4DAF_DB4CL, 0x4000,             // FLDL2T
        0xB8AA_3B29_5C17_F0BBL, 0xBE87_FED0_691D_3E88L, 0x3FFF,             // FLDL2E
        0xC90F_DAA2_2168_C234L, 0xC4C6_628B_80DC_1CD1L, 0x4000,             // FLDPI
        0x9A20_9A84_FBCF_F798L, 0x8F89_59AC_0B7C_9178L, 0x3FFD,             // FLDLG2
        0xB172_17F7_D1CF_79ABL, 0xC9E3_B398_03F2_F6AFL, 0x3FFE,             // FLDLN2
    };

    /** Index of FLD1 for {@link #loadConstant(int)}. */
    public static final int CONST_ONE = 0;
    /** Index of FLDL2T (log2 10). */
    public static final int CONST_L2T = 1;
    /** Index of FLDL2E (log2 e). */
    public static final int CONST_L2E = 2;
    /** Index of FLDPI. */
    public static final int CONST_PI = 3;
    /** Index of FLDLG2 (log10 2). */
    public static final int CONST_LG2 = 4;
    /** Index of FLDLN2 (ln 2). */
    public static final int CONST_LN2 = 5;
    /** Index of FLDZ. */
    public static final int CONST_ZERO = 6;

    /**
     * FLD1/FLDL2T/FLDL2E/FLDPI/FLDLG2/FLDLN2/FLDZ: the constant rounded by RC to 64 bits, as
     * the hardware does from its wider internal value; raises no exception (not even PE).
     */
    public void loadConstant(int index) {
        flags = 0;
        if (index == CONST_ZERO) {
            setZero(0);
            return;
        }
        long s = CONSTANTS[index * 3];
        long next = CONSTANTS[index * 3 + 1];
        int rc = roundingControl();
        boolean up = rc == RC_UP ? next != 0 : rc == RC_NEAREST && next < 0;
        setValue(up ? s + 1 : s, (int) CONSTANTS[index * 3 + 2]);
    }

    // ---------------------------------------------------------------- FPREM, FPREM1

    /** Low bits of the last FPREM/FPREM1 quotient (reported in C0, C3, C1). */
    private int quotient;

    /**
     * FPREM (ieee false: quotient truncated) or FPREM1 (ieee true: quotient rounded to nearest)
     * of a by b. When the exponent difference is 64 or more only a partial reduction is done and
     * C2 is set; otherwise C2 is clear and C0, C3, C1 receive quotient bits 2, 1, 0.
     */
    public void prem(long as, int ae, long bs, int be, boolean ieee) {
        flags = 0;
        int ka = classify(as, ae);
        int kb = classify(bs, be);
        if (propagateNan(as, ae, ka, bs, be, kb)) {
            return;
        }
        if (ka == K_INF || kb == K_ZERO) {
            setIndefinite(); // IE alone: the host reports no DE for the other operand here
            return;
        }
        if (ka == K_DENORMAL || kb == K_DENORMAL) {
            flags |= DE;
        }
        if (ka == K_ZERO || kb == K_INF) {
            setValue(as, ae);
            return;
        }
        unpackA(as, ae);
        unpackB(bs, be);
        premFinite(ieee);
    }

    private void premFinite(boolean ieee) {
        int d = aExp - bExp;
        if (d >= 64) {
            // Partial reduction: as many quotient bits as bring the difference to a multiple of
            // 32, which is what the hardware's 32..63-bit passes amount to.
            int n = 32 + (d & 31);
            bExp += d - n;
            long r = remainderBits(n);
            flags |= C2;
            normRoundToReg(aSign, bExp, r, 0, 64);
            return;
        }
        if (d < 0) {
            premSmall(ieee, d);
            return;
        }
        long r = remainderBits(d);
        int sign = aSign;
        if (ieee && roundQuotientUp(r)) {
            r = bSig - r;
            quotient++;
            sign ^= 1;
        }
        setQuotientFlags();
        if (r == 0) {
            setZero(aSign);
            return;
        }
        normRoundToReg(sign, bExp, r, 0, 64);
    }

    private boolean roundQuotientUp(long r) {
        if (r < 0) {
            return true;
        }
        int c = Long.compareUnsigned(r << 1, bSig);
        return c > 0 || (c == 0 && (quotient & 1) != 0);
    }

    /** |a| < |b| in exponent: the quotient is 0, or 1 for FPREM1 when |a| > |b|/2. */
    private void premSmall(boolean ieee, int d) {
        quotient = 0;
        if (ieee && d == -1 && Long.compareUnsigned(aSig, bSig) > 0) {
            quotient = 1;
            setQuotientFlags();
            // 2*bSig - aSig is below 2^64, so the wrapping arithmetic is exact.
            normRoundToReg(aSign ^ 1, aExp, (bSig - aSig) + bSig, 0, 64);
            return;
        }
        setQuotientFlags();
        roundToReg(aSign, aExp, aSig, 0, 64);
    }

    private void setQuotientFlags() {
        flags |= ((quotient & 4) != 0 ? C0 : 0) | ((quotient & 2) != 0 ? C3 : 0)
                | ((quotient & 1) != 0 ? C1 : 0);
    }

    /** Long division of aSig*2^n by bSig: low quotient bits to quotient, returns remainder. */
    private long remainderBits(int n) {
        long r = aSig;
        long b = bSig;
        int q = 0;
        boolean carry = false;
        for (int i = n; ; i--) {
            q <<= 1;
            if (carry || Long.compareUnsigned(r, b) >= 0) {
                r -= b;
                q |= 1;
            }
            if (i == 0) {
                break;
            }
            carry = r < 0;
            r <<= 1;
        }
        quotient = q;
        return r;
    }

    // ---------------------------------------------------------------- FRNDINT, integers

    private long iMag;

    /**
     * Rounds the unpacked a (finite, nonzero, aExp below BIAS + 63) to an integer magnitude in
     * iMag using rounding control rc; raises PE and C1 (rounded up in magnitude).
     */
    private void roundToInteger(int rc) {
        int e = aExp - BIAS;
        long intPart;
        long frac;
        boolean sticky = false;
        if (e >= 0) {
            intPart = aSig >>> (63 - e);
            frac = e == 63 ? 0 : aSig << (e + 1);
        } else {
            intPart = 0;
            int sh = -1 - e;
            frac = sh >= 64 ? 0 : aSig >>> sh;
            sticky = sh >= 64 || (sh > 0 && (aSig << (64 - sh)) != 0);
        }
        int cmp = Long.compareUnsigned(frac, MSB);
        if (cmp == 0 && sticky) {
            cmp = 1;
        }
        boolean inexact = frac != 0 || sticky;
        boolean up;
        switch (rc) {
            case RC_NEAREST:
                up = cmp > 0 || (cmp == 0 && (intPart & 1) != 0);
                break;
            case RC_DOWN:
                up = inexact && aSign != 0;
                break;
            case RC_UP:
                up = inexact && aSign == 0;
                break;
            default:
                up = false;
                break;
        }
        if (inexact) {
            flags |= up ? PE | C1 : PE;
        }
        iMag = up ? intPart + 1 : intPart;
    }

    /** FRNDINT: rounds a to an integer by RC (at full 64-bit precision). */
    public void rndint(long as, int ae) {
        flags = 0;
        int ka = classify(as, ae);
        if (propagateNan1(as, ae, ka)) {
            return;
        }
        if (ka == K_ZERO || ka == K_INF) {
            setValue(as, ae);
            return;
        }
        unpackA(as, ae);
        if (aExp >= BIAS + 63) {
            setValue(as, ae);
            return;
        }
        roundToInteger(roundingControl());
        if (iMag == 0) {
            setZero(aSign);
            return;
        }
        int lz = Long.numberOfLeadingZeros(iMag);
        setValue(iMag << lz, (aSign << 15) | (BIAS + 63 - lz));
    }

    /** FILD: converts a signed 64-bit integer (sign-extend 16/32-bit ones first); exact. */
    public void fromInt(long v) {
        flags = 0;
        if (v == 0) {
            setZero(0);
            return;
        }
        int sign = v < 0 ? 1 : 0;
        long m = v < 0 ? -v : v;
        int lz = Long.numberOfLeadingZeros(m);
        setValue(m << lz, (sign << 15) | (BIAS + 63 - lz));
    }

    /**
     * FIST/FISTP (truncate false: rounded by RC) or FISTTP (truncate true) of a to a signed
     * integer of width 16, 32 or 64 bits; the two's-complement image goes to {@link #bits}
     * (masked to the width). Out of range, NaN and infinity give IE and the integer indefinite
     * (only the sign bit set).
     */
    public void toInt(long as, int ae, int width, boolean truncate) {
        flags = 0;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        int ka = classify(as, ae);
        if (ka == K_ZERO) {
            bits = 0;
            return;
        }
        if (ka >= K_INF || !integerMagnitude(as, ae, truncate)) {
            integerIndefinite(mask);
            return;
        }
        long limit = 1L << (width - 1);
        int c = Long.compareUnsigned(iMag, limit);
        if (c > 0 || (c == 0 && aSign == 0)) {
            integerIndefinite(mask);
            return;
        }
        bits = (aSign != 0 ? -iMag : iMag) & mask;
    }

    private void integerIndefinite(long mask) {
        flags = IE;
        bits = (mask >>> 1) + 1;
    }

    /** Rounds a finite nonzero a to iMag; false when the magnitude reaches 2^64. */
    private boolean integerMagnitude(long as, int ae, boolean truncate) {
        unpackA(as, ae);
        // Integer stores do not report denormal operands.
        flags &= ~DE;
        if (aExp > BIAS + 63) {
            return false;
        }
        if (aExp == BIAS + 63) {
            iMag = aSig;
            return true;
        }
        roundToInteger(truncate ? RC_ZERO : roundingControl());
        return true;
    }

    private static final long BCD_LIMIT = 1_000_000_000_000_000_000L;

    /**
     * FBSTP: a rounded by RC to an integer and stored as 18 packed BCD digits: low 16 digits in
     * {@link #bits}, digits 16-17 in bits 0-7 of {@link #bitsHi} and the sign in its bit 15.
     * Magnitudes of 10^18 and more, NaN and infinity give IE and the BCD indefinite.
     */
    public void toBcd(long as, int ae) {
        flags = 0;
        int ka = classify(as, ae);
        int sign = (ae >>> 15) & 1;
        if (ka == K_ZERO) {
            bits = 0;
            bitsHi = sign << 15;
            return;
        }
        if (ka >= K_INF || !integerMagnitude(as, ae, false)
                || Long.compareUnsigned(iMag, BCD_LIMIT) >= 0) {
            flags = IE;
            bits = 0xC000_0000_0000_0000L;
            bitsHi = 0xFFFF;
            return;
        }
        long m = iMag;
        long lo = 0;
        for (int i = 0; i < 16; i++) {
            lo |= (m % 10) << (4 * i);
            m /= 10;
        }
        bits = lo;
        bitsHi = (sign << 15) | (int) ((m / 10) << 4 | (m % 10));
    }

    /** FBLD: converts 18 packed BCD digits (layout as in {@link #toBcd}); exact. */
    public void fromBcd(long lo, int hi) {
        long m = 0;
        for (int i = 1; i >= 0; i--) {
            m = m * 10 + ((hi >>> (4 * i)) & 0xF);
        }
        for (int i = 15; i >= 0; i--) {
            m = m * 10 + ((lo >>> (4 * i)) & 0xF);
        }
        fromInt(m);
        se |= hi & 0x8000;
    }

    // ---------------------------------------------------------------- FSCALE, FXTRACT

    /** FSCALE: a * 2^trunc(b). */
    public void scale(long as, int ae, long bs, int be) {
        flags = 0;
        int ka = classify(as, ae);
        int kb = classify(bs, be);
        if (propagateNan(as, ae, ka, bs, be, kb)) {
            return;
        }
        if (ka == K_DENORMAL || kb == K_DENORMAL) {
            flags |= DE;
        }
        if (kb == K_INF) {
            scaleByInfinity(as, ae, ka, (be & 0x8000) != 0);
            return;
        }
        if (ka == K_INF || ka == K_ZERO) {
            setValue(as, ae);
            return;
        }
        int n = kb == K_ZERO ? 0 : scaleCount(bs, be);
        unpackA(as, ae);
        roundToReg(aSign, aExp + n, aSig, 0, 64);
    }

    private void scaleByInfinity(long as, int ae, int ka, boolean negative) {
        if (negative ? ka == K_INF : ka == K_ZERO) {
            setIndefinite();
        } else if (negative) {
            setZero((ae >>> 15) & 1);
        } else {
            setInf((ae >>> 15) & 1);
        }
    }

    /** trunc(b) clamped to +-2^20, far beyond any exponent that can still round to finite. */
    private int scaleCount(long bs, int be) {
        int e = (be & 0x7FFF) - BIAS;
        if (e < 0) {
            return 0;
        }
        int n = e >= 20 ? 1 << 20 : (int) (bs >>> (63 - e));
        return (be & 0x8000) != 0 ? -n : n;
    }

    /**
     * FXTRACT: splits a into its unbiased exponent (primary result, becomes ST(1)) and its
     * significand with exponent 0 (secondary result, pushed as the new ST(0)).
     */
    public void xtract(long as, int ae) {
        flags = 0;
        int ka = classify(as, ae);
        if (propagateNan1(as, ae, ka)) {
            moveToSecond();
            return;
        }
        if (ka == K_ZERO) {
            flags |= ZE;
            sig2 = as;
            se2 = ae;
            setInf(1);
            return;
        }
        if (ka == K_INF) {
            sig2 = as;
            se2 = ae;
            setInf(0);
            return;
        }
        unpackA(as, ae);
        fromInt(aExp - BIAS);
        flags |= (ka == K_DENORMAL ? DE : 0);
        sig2 = aSig;
        se2 = (aSign << 15) | BIAS;
    }

    void moveToSecond() {
        sig2 = sig;
        se2 = se;
    }

    // ---------------------------------------------------------------- float32/float64

    /** FLD m32fp: exact widening of float32 bits; SNaN gives IE (quieted), denormals DE. */
    public void fromFloat32(int f) {
        flags = 0;
        fromBinary((f >>> 31) & 1, (f >>> 23) & 0xFF, ((long) f & 0x7FFFFF) << 40, 0xFF, 127);
    }

    /** FLD m64fp: exact widening of float64 bits. */
    public void fromFloat64(long d) {
        flags = 0;
        fromBinary((int) (d >>> 63), (int) (d >>> 52) & 0x7FF, (d & 0xF_FFFF_FFFF_FFFFL) << 11,
                0x7FF, 1023);
    }

    private void fromBinary(int sign, int exp, long frac, int expMax, int bias) {
        if (exp == expMax) {
            if (frac == 0) {
                setInf(sign);
                return;
            }
            if ((frac & QUIET) == 0) {
                flags |= IE;
            }
            setValue(MSB | QUIET | frac, (sign << 15) | 0x7FFF);
            return;
        }
        if (exp == 0) {
            if (frac == 0) {
                setZero(sign);
                return;
            }
            flags |= DE;
            int lz = Long.numberOfLeadingZeros(frac);
            setValue(frac << lz, (sign << 15) | (BIAS - bias + 1 - lz));
            return;
        }
        setValue(MSB | frac, (sign << 15) | (exp - bias + BIAS));
    }

    /** FST m32fp: a rounded by RC to float32; the bits go to {@link #bits}. */
    public void toFloat32(long as, int ae) {
        flags = 0;
        bits = toBinary(as, ae, 24, 127, 8) & 0xFFFF_FFFFL;
    }

    /** FST m64fp: a rounded by RC to float64; the bits go to {@link #bits}. */
    public void toFloat64(long as, int ae) {
        flags = 0;
        bits = toBinary(as, ae, 53, 1023, 11);
    }

    /** Narrows a to a binary format with p-bit significand, exponent bias and width ew. */
    private long toBinary(long as, int ae, int p, int bias, int ew) {
        int sign = (ae >>> 15) & 1;
        int fracBits = p - 1;
        int total = 1 + ew + fracBits;
        long signBit = (long) sign << (total - 1);
        long expAll = ((1L << ew) - 1) << fracBits;
        int ka = classify(as, ae);
        switch (ka) {
            case K_ZERO:
                return signBit;
            case K_INF:
                return signBit | expAll;
            case K_UNSUPPORTED:
                flags |= IE;
                return (-1L << (fracBits - 1)) & (total == 64 ? -1L : (1L << total) - 1);
            case K_SNAN:
            case K_QNAN:
                flags |= ka == K_SNAN ? IE : 0;
                return signBit | expAll | (((as | QUIET) << 1) >>> (64 - fracBits));
            default:
                break;
        }
        unpackA(as, ae);
        flags &= ~DE;
        round(sign, aExp, aSig, 0, p, BIAS - bias + 1, BIAS + bias, false);
        if (rExp == 0x7FFF) {
            return signBit | expAll;
        }
        if (rSig == 0) {
            return signBit;
        }
        long frac = (rSig << 1) >>> (64 - fracBits);
        long exp = rSig < 0 ? rExp - BIAS + bias : 0;
        return signBit | (exp << fracBits) | frac;
    }
}

package dev.splitvisor.cpu;

/**
 * Multiplication and division: MUL, IMUL, DIV, IDIV with one operand (F6, F7 /4-/7; the
 * accumulator pair AX, DX:AX, EDX:EAX or RDX:RAX), and IMUL with two or three operands (0F AF,
 * 69, 6B).
 *
 * <p>MUL and IMUL set CF and OF when the high half of the product is significant. DIV and IDIV
 * raise #DE on a zero divisor and on a quotient that does not fit, before anything changes;
 * the 128-by-64-bit forms divide exactly. Flags the SDM leaves undefined get the values AMD
 * Zen 4 produces, as measured by {@code src/test/native/integer}.
 *
 * <p>Hot path: no allocation.
 */
final class MulDivOps {
    private MulDivOps() {
    }

    static void execute(Cpu c, Insn i) {
        switch (i.opcode) {
            case 0xF6: case 0xF7: oneOperand(c, i); break;
            case 0x1AF: imul(c, i, c.readRegOperand(i, i.osize), c.readRm(i, i.osize)); break;
            case 0x69: case 0x6B: imul(c, i, c.readRm(i, i.osize), i.imm); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void oneOperand(Cpu c, Insn i) {
        int size = i.osize;
        long src = c.readRm(i, size);
        switch ((i.modrm >>> 3) & 7) {
            case 4: mul(c, size, src); break;
            case 5: imulWide(c, size, src); break;
            case 6: div(c, size, src); break;
            case 7: idiv(c, size, src); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is JDK 18). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Stores a double-width product: AX for bytes, else rDX:rAX. */
    private static void storeWide(Cpu c, int size, long lo, long hi) {
        if (size == 1) {
            c.setReg(Cpu.RAX, 2, lo);
        } else {
            c.setReg(Cpu.RAX, size, lo);
            c.setReg(Cpu.RDX, size, hi);
        }
    }

    private static void mul(Cpu c, int size, long src) {
        long a = c.getReg(Cpu.RAX, size);
        long lo;
        long hi;
        if (size == 8) {
            lo = a * src;
            hi = unsignedMultiplyHigh(a, src);
        } else {
            long p = a * src;
            int n = size << 3;
            lo = p & Flags.mask(size);
            hi = p >>> n;
        }
        storeWide(c, size, size == 1 ? a * src : lo, hi);
        setMulFlags(c, hi != 0);
    }

    private static void imulWide(Cpu c, int size, long src) {
        long a = Flags.signExtend(c.getReg(Cpu.RAX, size), size);
        long b = Flags.signExtend(src, size);
        long lo;
        long hi;
        if (size == 8) {
            lo = a * b;
            hi = Math.multiplyHigh(a, b);
        } else {
            long p = a * b;
            lo = p & Flags.mask(size);
            hi = p >> (size << 3);
        }
        boolean overflow = hi != (Flags.signExtend(lo, size) >> 63);
        storeWide(c, size, size == 1 ? a * b : lo, hi);
        setMulFlags(c, overflow);
    }

    /** IMUL r, r/m (, imm): the product truncated to the operand size. */
    private static void imul(Cpu c, Insn i, long x, long y) {
        int size = i.osize;
        long a = Flags.signExtend(x, size);
        long b = Flags.signExtend(y, size);
        long lo = a * b;
        boolean overflow;
        if (size == 8) {
            overflow = Math.multiplyHigh(a, b) != (lo >> 63);
        } else {
            overflow = Flags.signExtend(lo, size) != lo;
        }
        c.writeRegOperand(i, size, lo);
        setMulFlags(c, overflow);
    }

    /** CF = OF = the high half matters. SF, ZF, AF and PF are undefined; Zen 4 keeps them. */
    private static void setMulFlags(Cpu c, boolean overflow) {
        c.setFlagsMasked(Flags.CF | Flags.OF, overflow ? Flags.CF | Flags.OF : 0);
    }

    /** All six flags are undefined after DIV and IDIV; Zen 4 keeps CF and OF, sets AF only. */
    private static void setDivFlags(Cpu c) {
        c.setFlagsMasked(Flags.PF | Flags.AF | Flags.ZF | Flags.SF, Flags.AF);
    }

    private static void div(Cpu c, int size, long divisor) {
        if (divisor == 0) {
            throw GuestFault.of(GuestFault.DE);
        }
        if (size == 8) {
            divide128(c, c.gpr[Cpu.RDX], c.gpr[Cpu.RAX], divisor);
            return;
        }
        long dividend = size == 1 ? c.getReg(Cpu.RAX, 2)
                : (c.getReg(Cpu.RDX, size) << (size << 3)) | c.getReg(Cpu.RAX, size);
        // Dividends are at most 64 bits wide here and non-negative as signed longs except
        // for EDX:EAX, which the unsigned division handles.
        long q = Long.divideUnsigned(dividend, divisor);
        long r = Long.remainderUnsigned(dividend, divisor);
        if (Long.compareUnsigned(q, Flags.mask(size)) > 0) {
            throw GuestFault.of(GuestFault.DE);
        }
        storeQuotient(c, size, q, r);
        setDivFlags(c);
    }

    private static void storeQuotient(Cpu c, int size, long q, long r) {
        if (size == 1) {
            c.setReg(Cpu.RAX, 2, (q & 0xFF) | ((r & 0xFF) << 8));
        } else {
            c.setReg(Cpu.RAX, size, q);
            c.setReg(Cpu.RDX, size, r);
        }
    }

    /** DIV r/m64: RDX:RAX / divisor, unsigned, with #DE when the quotient needs 65 bits. */
    private static void divide128(Cpu c, long hi, long lo, long divisor) {
        if (Long.compareUnsigned(hi, divisor) >= 0) {
            throw GuestFault.of(GuestFault.DE);
        }
        long q = quotient128(hi, lo, divisor);
        c.gpr[Cpu.RAX] = q;
        c.gpr[Cpu.RDX] = lo - q * divisor;
        setDivFlags(c);
    }

    /**
     * The quotient of the unsigned 128-bit hi:lo by {@code d}, given {@code hi < d} so that it
     * fits in 64 bits: restoring long division, one quotient bit per step.
     */
    static long quotient128(long hi, long lo, long d) {
        if (hi == 0) {
            return Long.divideUnsigned(lo, d);
        }
        long rem = hi;
        long q = lo;
        for (int k = 0; k < 64; k++) {
            long top = rem >>> 63;
            rem = (rem << 1) | (q >>> 63);
            q <<= 1;
            if (top != 0 || Long.compareUnsigned(rem, d) >= 0) {
                rem -= d;
                q |= 1;
            }
        }
        return q;
    }

    private static void idiv(Cpu c, int size, long src) {
        long divisor = Flags.signExtend(src, size);
        if (divisor == 0) {
            throw GuestFault.of(GuestFault.DE);
        }
        if (size == 8) {
            idivide128(c, c.gpr[Cpu.RDX], c.gpr[Cpu.RAX], divisor);
            return;
        }
        long dividend = size == 1 ? Flags.signExtend(c.getReg(Cpu.RAX, 2), 2)
                : (Flags.signExtend(c.getReg(Cpu.RDX, size), size) << (size << 3))
                        | c.getReg(Cpu.RAX, size);
        // Long.MIN_VALUE / -1 gives Long.MIN_VALUE in Java; the range check below rejects it.
        long q = dividend / divisor;
        long r = dividend % divisor;
        if (Flags.signExtend(q, size) != q) {
            throw GuestFault.of(GuestFault.DE);
        }
        storeQuotient(c, size, q, r);
        setDivFlags(c);
    }

    /** IDIV r/m64: signed RDX:RAX / divisor through the unsigned division of magnitudes. */
    private static void idivide128(Cpu c, long hi, long lo, long divisor) {
        boolean negative = hi < 0;
        long mhi = hi;
        long mlo = lo;
        if (negative) {
            mlo = -lo;
            mhi = ~hi + (lo == 0 ? 1 : 0);
        }
        long md = Math.abs(divisor); // MIN_VALUE stays 2^63, right as an unsigned magnitude
        if (Long.compareUnsigned(mhi, md) >= 0) {
            throw GuestFault.of(GuestFault.DE);
        }
        long mq = quotient128(mhi, mlo, md);
        boolean negativeQuotient = negative != (divisor < 0);
        // The magnitude may reach 2^63 only for a negative quotient.
        if (mq < 0 && !(negativeQuotient && mq == Long.MIN_VALUE)) {
            throw GuestFault.of(GuestFault.DE);
        }
        long mr = mlo - mq * md;
        c.gpr[Cpu.RAX] = negativeQuotient ? -mq : mq;
        c.gpr[Cpu.RDX] = negative ? -mr : mr;
        setDivFlags(c);
    }
}

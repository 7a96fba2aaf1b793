package dev.splitvisor.cpu;

import dev.splitvisor.cpu.x87.F80;
import dev.splitvisor.cpu.x87.X87State;

/**
 * x87 data transfer: FLD (m32fp, m64fp, m80fp, ST(i)), the constants FLD1..FLDZ, FILD, FBLD,
 * FST/FSTP (memory and ST(i)), FIST/FISTP/FISTTP, FBSTP, FXCH and FCMOVcc.
 *
 * <p>Precise: loads read memory before the stack changes; stores compute their memory image
 * first, write it (a page fault then leaves everything as it was) and only then touch the
 * status word, the pointers and the stack. Hot path: no allocation.
 */
final class X87Transfer {
    /** Stored for an invalid operation when IE is masked: the float and BCD indefinites. */
    private static final long F32_INDEFINITE = 0xFFC0_0000L;
    private static final long F64_INDEFINITE = 0xFFF8_0000_0000_0000L;
    private static final long BCD_INDEFINITE_LO = 0xC000_0000_0000_0000L;
    private static final int BCD_INDEFINITE_HI = 0xFFFF;
    /** The 80-bit integer bit, and the exponent and fraction fields of a float64. */
    private static final long F80_MSB = Long.MIN_VALUE;
    private static final long F64_EXP = 0x7FF0_0000_0000_0000L;
    private static final long F64_FRAC = 0x000F_FFFF_FFFF_FFFFL;
    /** FSW overflow and underflow flags. */
    private static final int OE = 0x08, UE = 0x10;
    /** Exceptions that, unmasked, keep a store from writing memory. */
    private static final int STORE_BLOCKERS = X87Stack.IE | OE | UE;

    private X87Transfer() {
    }

    // ---------------------------------------------------------------- memory formats

    /** Reads a memory operand of one of the {@link X87Ops} formats, zero-extended. */
    static long read(Cpu c, long ea, int format) {
        switch (format) {
            case X87Ops.M32FP:
            case X87Ops.M32INT:
                return c.mem.read32(ea) & 0xFFFF_FFFFL;
            case X87Ops.M16INT:
                return c.mem.read16(ea);
            default:
                return c.mem.read64(ea);
        }
    }

    /**
     * Converts an arithmetic source operand to 80 bits in the unit and returns the
     * conversion's flags. Unlike FLD, a signaling NaN stays signaling, so that the operation
     * picks between two NaNs by the rules for its operands (a QNaN beats an SNaN).
     */
    static int convertOperand(F80 f, long raw, int format) {
        if (format == X87Ops.M32FP && (raw & 0x7F80_0000L) == 0x7F80_0000L
                && (raw & 0x007F_FFFFL) != 0) {
            f.sig = F80_MSB | ((raw & 0x007F_FFFFL) << 40);
            f.se = (int) ((raw >>> 16) & 0x8000) | 0x7FFF;
            return 0;
        }
        if (format == X87Ops.M64FP && (raw & F64_EXP) == F64_EXP && (raw & F64_FRAC) != 0) {
            f.sig = F80_MSB | ((raw & F64_FRAC) << 11);
            f.se = (int) ((raw >>> 48) & 0x8000) | 0x7FFF;
            return 0;
        }
        return convert(f, raw, format);
    }

    /** Converts a memory operand to 80 bits in the unit (as FLD); returns its flags. */
    static int convert(F80 f, long raw, int format) {
        switch (format) {
            case X87Ops.M32FP: f.fromFloat32((int) raw); break;
            case X87Ops.M64FP: f.fromFloat64(raw); break;
            case X87Ops.M16INT: f.fromInt((short) raw); break;
            case X87Ops.M32INT: f.fromInt((int) raw); break;
            default: f.fromInt(raw); break;
        }
        return f.flags;
    }

    private static int width(int format) {
        switch (format) {
            case X87Ops.M16INT: return 2;
            case X87Ops.M32INT:
            case X87Ops.M32FP: return 4;
            default: return 8;
        }
    }

    // ---------------------------------------------------------------- loads

    /** FLD m32fp/m64fp. */
    static void loadFloat(Cpu c, Insn i, int format) {
        loadConverted(c, i, format);
    }

    /** FILD m16int/m32int/m64int. */
    static void loadInt(Cpu c, Insn i, int format) {
        loadConverted(c, i, format);
    }

    private static void loadConverted(Cpu c, Insn i, int format) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        long raw = read(c, ea, format);
        X87Stack.record(c, i, ea);
        if (!pushAllowed(s)) {
            return;
        }
        int flags = convert(s.f, raw, format);
        if (!acceptLoad(s, flags)) {
            return;
        }
        X87Stack.push(s, s.f.sig, s.f.se);
    }

    /** FLD m80fp: the bits go in as they are, with no exception. */
    static void loadExtended(Cpu c, Insn i) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        long sig = c.mem.read64(ea);
        int se = c.mem.read16(ea + 8);
        X87Stack.record(c, i, ea);
        if (pushAllowed(s)) {
            s.fsw &= ~X87Stack.C1;
            X87Stack.push(s, sig, se);
        }
    }

    /** FBLD m80bcd. */
    static void loadBcd(Cpu c, Insn i) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        long lo = c.mem.read64(ea);
        int hi = c.mem.read16(ea + 8);
        X87Stack.record(c, i, ea);
        if (!pushAllowed(s)) {
            return;
        }
        s.f.fromBcd(lo, hi);
        if (acceptLoad(s, s.f.flags)) {
            X87Stack.push(s, s.f.sig, s.f.se);
        }
    }

    /** FLD ST(i). */
    static void loadRegister(Cpu c, Insn i, int sti) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        long sig = X87Stack.sig(s, sti);
        int se = X87Stack.se(s, sti);
        if (X87Stack.empty(s, sti)) {
            // An empty source is reported as underflow even when the stack is also full.
            if (X87Stack.underflow(s)) {
                X87Stack.push(s, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
            }
            return;
        }
        if (!pushAllowed(s)) {
            return;
        }
        s.fsw &= ~X87Stack.C1;
        X87Stack.push(s, sig, se);
    }

    /** D9 E8-EE: FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ (EF is #UD). */
    static void loadConstant(Cpu c, Insn i, int low) {
        if (low == 7) {
            throw Unimplemented.undefined(c, i);
        }
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        if (!pushAllowed(s)) {
            return;
        }
        s.f.setControl(s.fcw);
        s.f.loadConstant(low); // the F80.CONST_* indexes follow the opcode order
        s.fsw &= ~X87Stack.C1;
        X87Stack.push(s, s.f.sig, s.f.se);
    }

    /** Checks for stack overflow before a push; on a masked one pushes the indefinite. */
    private static boolean pushAllowed(X87State s) {
        if (!X87Stack.full(s)) {
            return true;
        }
        if (X87Stack.overflow(s)) {
            X87Stack.push(s, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
        }
        return false;
    }

    /**
     * Raises a load conversion's flags; true when the value may be pushed. An unmasked DE
     * (denormal source) still loads, as on the Zen 4; an unmasked IE does not.
     */
    private static boolean acceptLoad(X87State s, int flags) {
        int unmasked = X87Stack.signal(s, flags);
        s.fsw &= ~X87Stack.C1;
        return (unmasked & X87Stack.IE) == 0;
    }

    // ---------------------------------------------------------------- stores

    /** FST/FSTP m32fp/m64fp. */
    static void storeFloat(Cpu c, Insn i, int format, boolean pop) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        if (X87Stack.empty(s, 0)) {
            storeUnderflow(c, i, ea, format == X87Ops.M32FP ? F32_INDEFINITE : F64_INDEFINITE,
                    width(format), pop);
            return;
        }
        F80 f = s.f;
        f.setControl(s.fcw);
        long sig = X87Stack.sig(s, 0);
        int se = X87Stack.se(s, 0);
        if (format == X87Ops.M32FP) {
            f.toFloat32(sig, se);
        } else {
            f.toFloat64(sig, se);
        }
        if ((s.fcw & UE) == 0 && tiny(sig, se, format == X87Ops.M32FP ? -126 : -1022)) {
            // Unmasked, underflow is signalled on tininess even when the result is exact.
            f.flags |= UE;
        }
        storeResult(c, i, ea, f.bits, width(format), pop);
    }

    /** True for a nonzero finite value below 2^emin in magnitude. */
    private static boolean tiny(long sig, int se, int emin) {
        int exp = se & 0x7FFF;
        if (exp == 0x7FFF || sig == 0) {
            return false;
        }
        int e = exp == 0 ? 1 - 16383 - Long.numberOfLeadingZeros(sig)
                : exp - 16383 - Long.numberOfLeadingZeros(sig);
        return e < emin;
    }

    /** FIST/FISTP (truncate false) and FISTTP m16int/m32int/m64int. */
    static void storeInt(Cpu c, Insn i, int format, boolean pop, boolean truncate) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        int size = width(format);
        if (X87Stack.empty(s, 0)) {
            storeUnderflow(c, i, ea, 1L << (8 * size - 1), size, pop);
            return;
        }
        F80 f = s.f;
        f.setControl(s.fcw);
        f.toInt(X87Stack.sig(s, 0), X87Stack.se(s, 0), 8 * size, truncate);
        storeResult(c, i, ea, f.bits, size, pop);
    }

    /** Writes a converted value unless an unmasked exception forbids it, then commits. */
    private static void storeResult(Cpu c, Insn i, long ea, long bits, int size, boolean pop) {
        X87State s = c.fpu;
        int flags = s.f.flags;
        int blocking = flags & ~s.fcw & STORE_BLOCKERS;
        if ((blocking & (OE | UE)) != 0) {
            // An unmasked overflow or underflow into memory stores nothing and reports only
            // itself (no PE, no rounding indicator), as measured.
            flags &= OE | UE;
        }
        boolean write = blocking == 0;
        if (write) {
            c.store(ea, size, bits);
        } else {
            c.mem.probeWrite(ea, size);
        }
        X87Stack.record(c, i, ea);
        X87Stack.signal(s, flags);
        X87Stack.setC1(s, flags);
        if (write && pop) {
            X87Stack.pop(s);
        }
    }

    /** A store from an empty ST(0): masked, the indefinite is stored and the pop happens. */
    private static void storeUnderflow(Cpu c, Insn i, long ea, long indefinite, int size,
            boolean pop) {
        X87State s = c.fpu;
        boolean masked = (s.fcw & X87Stack.IE) != 0;
        if (masked) {
            c.store(ea, size, indefinite);
        } else {
            c.mem.probeWrite(ea, size);
        }
        X87Stack.record(c, i, ea);
        X87Stack.underflow(s);
        if (masked && pop) {
            X87Stack.pop(s);
        }
    }

    /** FSTP m80fp: the register's bits as they are. */
    static void storeExtended(Cpu c, Insn i) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        boolean empty = X87Stack.empty(s, 0);
        c.mem.probeWrite(ea, 10);
        if (!empty || (s.fcw & X87Stack.IE) != 0) {
            c.mem.write64(ea, empty ? F80.INDEFINITE_SIG : X87Stack.sig(s, 0));
            c.mem.write16(ea + 8, empty ? F80.INDEFINITE_SE : X87Stack.se(s, 0));
        }
        X87Stack.record(c, i, ea);
        if (empty) {
            if (X87Stack.underflow(s)) {
                X87Stack.pop(s);
            }
            return;
        }
        s.fsw &= ~X87Stack.C1;
        X87Stack.pop(s);
    }

    /** FBSTP m80bcd. */
    static void storeBcd(Cpu c, Insn i) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        boolean empty = X87Stack.empty(s, 0);
        F80 f = s.f;
        long lo = BCD_INDEFINITE_LO;
        int hi = BCD_INDEFINITE_HI;
        int flags = X87Stack.IE | X87Stack.SF;
        if (!empty) {
            f.setControl(s.fcw);
            f.toBcd(X87Stack.sig(s, 0), X87Stack.se(s, 0));
            lo = f.bits;
            hi = f.bitsHi;
            flags = f.flags;
        }
        boolean write = (flags & ~s.fcw & X87Stack.IE) == 0;
        c.mem.probeWrite(ea, 10);
        if (write) {
            c.mem.write64(ea, lo);
            c.mem.write16(ea + 8, hi);
        }
        X87Stack.record(c, i, ea);
        if (empty) {
            X87Stack.underflow(s);
        } else {
            X87Stack.signal(s, flags);
            X87Stack.setC1(s, flags);
        }
        if (write) {
            X87Stack.pop(s);
        }
    }

    /**
     * D9 D8+i, the undocumented FSTP alias: on the Zen 4 it copies ST(0) to ST(i) and pops,
     * but an empty ST(0) is no stack underflow: ST(i) is left alone and the pop happens.
     */
    static void storeRegisterUnchecked(Cpu c, Insn i, int sti) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        s.fsw &= ~X87Stack.C1;
        if (!X87Stack.empty(s, 0)) {
            X87Stack.set(s, sti, X87Stack.sig(s, 0), X87Stack.se(s, 0));
        }
        X87Stack.pop(s);
    }

    /** FST/FSTP ST(i) (and the FSTP aliases DF D0+i, DF D8+i). */
    static void storeRegister(Cpu c, Insn i, int sti, boolean pop) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        if (X87Stack.empty(s, 0)) {
            X87Stack.underflowResult(s, sti, pop ? 1 : 0);
            return;
        }
        s.fsw &= ~X87Stack.C1;
        X87Stack.set(s, sti, X87Stack.sig(s, 0), X87Stack.se(s, 0));
        if (pop) {
            X87Stack.pop(s);
        }
    }

    // ---------------------------------------------------------------- FXCH, FCMOVcc

    /** FXCH ST(i) (and the aliases DD C8+i, DF C8+i): empty operands become the indefinite. */
    static void exchange(Cpu c, Insn i, int sti) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        boolean e0 = X87Stack.empty(s, 0);
        boolean ei = X87Stack.empty(s, sti);
        if ((e0 || ei) && !X87Stack.underflow(s)) {
            return;
        }
        long s0 = e0 ? F80.INDEFINITE_SIG : X87Stack.sig(s, 0);
        int x0 = e0 ? F80.INDEFINITE_SE : X87Stack.se(s, 0);
        long si = ei ? F80.INDEFINITE_SIG : X87Stack.sig(s, sti);
        int xi = ei ? F80.INDEFINITE_SE : X87Stack.se(s, sti);
        X87Stack.set(s, 0, si, xi);
        X87Stack.set(s, sti, s0, x0);
        s.fsw &= ~X87Stack.C1;
    }

    /**
     * FCMOVB/E/BE/U (DA, digit 0-3) and FCMOVNB/NE/NBE/NU (DB): ST(0) = ST(i) when the
     * condition on CF, ZF, PF holds.
     */
    static void conditionalMove(Cpu c, Insn i, int digit, boolean negate, int sti) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, sti)) {
            X87Stack.underflowResult(s, 0, 0);
            return;
        }
        long f = c.getRflags();
        boolean cond;
        switch (digit) {
            case 0: cond = (f & Flags.CF) != 0; break;
            case 1: cond = (f & Flags.ZF) != 0; break;
            case 2: cond = (f & (Flags.CF | Flags.ZF)) != 0; break;
            default: cond = (f & Flags.PF) != 0; break;
        }
        if (cond != negate) {
            X87Stack.set(s, 0, X87Stack.sig(s, sti), X87Stack.se(s, sti));
        }
    }
}

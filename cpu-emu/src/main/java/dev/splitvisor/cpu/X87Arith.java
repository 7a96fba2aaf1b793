package dev.splitvisor.cpu;

import dev.splitvisor.cpu.x87.F80;
import dev.splitvisor.cpu.x87.X87State;
import dev.splitvisor.cpu.x87.X87Transcendental;

/**
 * x87 arithmetic: FADD/FSUB/FSUBR/FMUL/FDIV/FDIVR with their pop and integer forms, the
 * compares (FCOM, FUCOM, FICOM and the P/PP forms, FCOMI/FUCOMI and the IP forms), and the
 * D9 E0-FF group (FCHS, FABS, FTST, FXAM, F2XM1, FYL2X, FPTAN, FPATAN, FXTRACT, FPREM1,
 * FDECSTP, FINCSTP, FPREM, FYL2XP1, FSQRT, FSINCOS, FRNDINT, FSCALE, FSIN, FCOS). The numbers
 * come from {@link F80} and {@link X87Transcendental}; this class picks the operands, applies
 * the stack and exception rules of {@link X87Stack} and writes the results.
 *
 * <p>Precise: a memory operand is read before anything changes. Hot path: no allocation
 * (the transcendental unit allocates inside; those instructions are rare).
 */
final class X87Arith {
    private static final int FCOMI_FLAGS = (int) (Flags.ZF | Flags.PF | Flags.CF);

    private X87Arith() {
    }

    // ---------------------------------------------------------------- binary operations

    /** ST(0) op m32fp/m64fp/m16int/m32int into ST(0), or a compare with it (FCOM, FICOM). */
    static void memory(Cpu c, Insn i, int digit, int format) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        long ea = c.ea(i);
        long raw = X87Transfer.read(c, ea, format);
        X87Stack.record(c, i, ea);
        if (X87Stack.empty(s, 0)) {
            if (digit == X87Ops.COM || digit == X87Ops.COMP) {
                compareUnderflow(s, digit == X87Ops.COMP ? 1 : 0);
            } else {
                X87Stack.underflowResult(s, 0, 0);
            }
            return;
        }
        F80 f = s.f;
        f.setControl(s.fcw);
        int conversion = X87Transfer.convertOperand(f, raw, format);
        long bs = f.sig;
        int be = f.se;
        long as = X87Stack.sig(s, 0);
        int ae = X87Stack.se(s, 0);
        int k0 = F80.classify(as, ae);
        if (k0 >= F80.K_QNAN || (digit == X87Ops.DIVR && k0 == F80.K_ZERO)) {
            // A NaN or unsupported ST(0), or a division by zero, is seen before a denormal.
            conversion &= ~X87Stack.DE;
        }
        if (digit == X87Ops.COM || digit == X87Ops.COMP) {
            f.compare(as, ae, bs, be, false);
            compareCommit(s, digit == X87Ops.COMP ? 1 : 0, conversion);
            return;
        }
        compute(f, digit, as, ae, bs, be);
        X87Stack.commit(s, 0, 0, conversion);
    }

    /** ST(0) op ST(i) into ST(dest), then pops (the DE forms). */
    static void register(Cpu c, Insn i, int digit, int sti, int dest, int pops) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, sti)) {
            X87Stack.underflowResult(s, dest, pops);
            return;
        }
        s.f.setControl(s.fcw);
        compute(s.f, digit, X87Stack.sig(s, 0), X87Stack.se(s, 0), X87Stack.sig(s, sti),
                X87Stack.se(s, sti));
        X87Stack.commit(s, dest, pops, 0);
    }

    /** a op b for the D8 digit numbering (SUBR and DIVR swap the operands). */
    private static void compute(F80 f, int digit, long as, int ae, long bs, int be) {
        switch (digit) {
            case X87Ops.ADD: f.add(as, ae, bs, be); break;
            case X87Ops.MUL: f.mul(as, ae, bs, be); break;
            case X87Ops.SUB: f.sub(as, ae, bs, be); break;
            case X87Ops.SUBR: f.sub(bs, be, as, ae); break;
            case X87Ops.DIV: f.div(as, ae, bs, be); break;
            default: f.div(bs, be, as, ae); break;
        }
    }

    // ---------------------------------------------------------------- compares

    /** FCOM/FCOMP/FUCOM/FUCOMP ST(i): compares ST(0) with ST(i), sets C3 C2 C0, pops. */
    static void compare(Cpu c, Insn i, int sti, int pops, boolean quiet) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, sti)) {
            compareUnderflow(s, pops);
            return;
        }
        s.f.compare(X87Stack.sig(s, 0), X87Stack.se(s, 0), X87Stack.sig(s, sti),
                X87Stack.se(s, sti), quiet);
        compareCommit(s, pops, 0);
    }

    /** FCOMPP (DE D9) and FUCOMPP (DA E9): ST(0) with ST(1), two pops. */
    static void compareTwice(Cpu c, Insn i, boolean quiet) {
        compare(c, i, 1, 2, quiet);
    }

    /** An empty operand: C3 C2 C0 read unordered whether or not IE is masked. */
    private static void compareUnderflow(X87State s, int pops) {
        boolean masked = X87Stack.underflow(s);
        s.fsw |= X87Stack.C0 | X87Stack.C2 | X87Stack.C3;
        if (masked) {
            popTimes(s, pops);
        }
    }

    /**
     * Raises the compare's flags and sets C3-C0 from it (also when an exception is unmasked,
     * as the Zen 4 does); pops unless an unmasked IE or DE stops the instruction.
     */
    private static void compareCommit(X87State s, int pops, int extra) {
        int flags = s.f.flags | extra;
        int unmasked = X87Stack.signal(s, flags);
        s.fsw = (s.fsw & ~X87Stack.CC) | (flags & (X87Stack.C0 | X87Stack.C2 | X87Stack.C3));
        if ((unmasked & X87Stack.PRE_COMPUTATION) == 0) {
            popTimes(s, pops);
        }
    }

    /**
     * FCOMI/FUCOMI/FCOMIP/FUCOMIP: compares ST(0) with ST(i) into ZF, PF, CF (OF, SF, AF
     * cleared), also when an exception is unmasked; C1 keeps its value (Zen 4).
     */
    static void compareFlags(Cpu c, Insn i, int sti, boolean pop, boolean quiet) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        int pops = pop ? 1 : 0;
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, sti)) {
            boolean masked = X87Stack.underflow(s);
            c.setFlagsMasked(Flags.ARITH, FCOMI_FLAGS);
            if (masked) {
                popTimes(s, pops);
            }
            return;
        }
        F80 f = s.f;
        f.compare(X87Stack.sig(s, 0), X87Stack.se(s, 0), X87Stack.sig(s, sti),
                X87Stack.se(s, sti), quiet);
        int flags = f.flags;
        int unmasked = X87Stack.signal(s, flags);
        long bits = ((flags & X87Stack.C3) != 0 ? Flags.ZF : 0)
                | ((flags & X87Stack.C2) != 0 ? Flags.PF : 0)
                | ((flags & X87Stack.C0) != 0 ? Flags.CF : 0);
        c.setFlagsMasked(Flags.ARITH, bits);
        if ((unmasked & X87Stack.PRE_COMPUTATION) == 0) {
            popTimes(s, pops);
        }
    }

    private static void popTimes(X87State s, int pops) {
        for (int k = 0; k < pops; k++) {
            X87Stack.pop(s);
        }
    }

    // ---------------------------------------------------------------- D9 E0-E7

    /** D9 E0 FCHS, E1 FABS, E4 FTST, E5 FXAM (E2, E3, E6, E7 are #UD). */
    static void signGroup(Cpu c, Insn i, int low) {
        if (low == 2 || low == 3 || low > 5) {
            throw Unimplemented.undefined(c, i);
        }
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        switch (low) {
            case 0: unary(s, UNARY_CHS); break;
            case 1: unary(s, UNARY_ABS); break;
            case 4: ftst(s); break;
            default: fxam(s); break;
        }
    }

    /** FXAM: classifies ST(0) into C3 C2 C0, its sign into C1; an empty ST(0) is no fault. */
    private static void fxam(X87State s) {
        s.f.examine(X87Stack.sig(s, 0), X87Stack.se(s, 0), X87Stack.empty(s, 0));
        s.fsw = (s.fsw & ~X87Stack.CC) | (s.f.flags & X87Stack.CC);
    }

    private static void ftst(X87State s) {
        if (X87Stack.empty(s, 0)) {
            compareUnderflow(s, 0);
            return;
        }
        s.f.test(X87Stack.sig(s, 0), X87Stack.se(s, 0));
        compareCommit(s, 0, 0);
    }

    // ---------------------------------------------------------------- D9 F0-FF

    private static final int UNARY_CHS = 0, UNARY_ABS = 1, UNARY_SQRT = 2, UNARY_RNDINT = 3,
            UNARY_F2XM1 = 4, UNARY_SIN = 5, UNARY_COS = 6;

    /**
     * D9 F0 F2XM1, F1 FYL2X, F2 FPTAN, F3 FPATAN, F4 FXTRACT, F5 FPREM1, F6 FDECSTP,
     * F7 FINCSTP.
     */
    static void groupF0(Cpu c, Insn i, int low) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        s.f.setControl(s.fcw);
        if (low == 2 || low == 5) {
            s.fsw &= ~X87Stack.C2; // FPTAN, FPREM1: C2 reports "incomplete", clear by default
        }
        switch (low) {
            case 0: unary(s, UNARY_F2XM1); break;
            case 1: binaryIntoSt1(s, 0); break;
            case 2: pushingPair(s, 0); break;
            case 3: binaryIntoSt1(s, 1); break;
            case 4: pushingPair(s, 2); break;
            case 5: remainder(s, true); break;
            case 6: X87Control.rotateTop(s, -1); break;
            default: X87Control.rotateTop(s, 1); break;
        }
    }

    /** D9 F8 FPREM, F9 FYL2XP1, FA FSQRT, FB FSINCOS, FC FRNDINT, FD FSCALE, FE FSIN, FF FCOS. */
    static void groupF8(Cpu c, Insn i, int low) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        s.f.setControl(s.fcw);
        if (low == 0 || low == 3 || low >= 6) {
            s.fsw &= ~X87Stack.C2; // FPREM, FSINCOS, FSIN, FCOS: C2 set only when incomplete
        }
        switch (low) {
            case 0: remainder(s, false); break;
            case 1: binaryIntoSt1(s, 2); break;
            case 2: unary(s, UNARY_SQRT); break;
            case 3: pushingPair(s, 1); break;
            case 4: unary(s, UNARY_RNDINT); break;
            case 5: scale(s); break;
            case 6: unary(s, UNARY_SIN); break;
            default: unary(s, UNARY_COS); break;
        }
    }

    /** An operation on ST(0) alone, result to ST(0). */
    private static void unary(X87State s, int which) {
        if (X87Stack.empty(s, 0)) {
            X87Stack.underflowResult(s, 0, 0);
            return;
        }
        long as = X87Stack.sig(s, 0);
        int ae = X87Stack.se(s, 0);
        F80 f = s.f;
        f.setControl(s.fcw);
        X87Transcendental t = s.t;
        switch (which) {
            case UNARY_CHS: f.chs(as, ae); break;
            case UNARY_ABS: f.abs(as, ae); break;
            case UNARY_SQRT: f.sqrt(as, ae); break;
            case UNARY_RNDINT: f.rndint(as, ae); break;
            case UNARY_F2XM1: t.f2xm1(as, ae); break;
            case UNARY_SIN: t.sin(as, ae); break;
            default: t.cos(as, ae); break;
        }
        boolean trig = which == UNARY_SIN || which == UNARY_COS;
        if (trig && (f.flags & X87Stack.C2) != 0) {
            outOfRange(s);
            return;
        }
        X87Stack.commit(s, 0, 0, 0);
        if (trig) {
            s.fsw &= ~X87Stack.C2;
        }
    }

    /** |ST(0)| >= 2^63 for FSIN, FCOS, FSINCOS, FPTAN: C2 set, C1 clear, nothing else. */
    private static void outOfRange(X87State s) {
        s.fsw = (s.fsw | X87Stack.C2) & ~X87Stack.C1;
    }

    /** FYL2X (0), FPATAN (1), FYL2XP1 (2): ST(1) = f(ST(1), ST(0)), then pop. */
    private static void binaryIntoSt1(X87State s, int which) {
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, 1)) {
            X87Stack.underflowResult(s, 1, 1);
            return;
        }
        long ys = X87Stack.sig(s, 1);
        int ye = X87Stack.se(s, 1);
        long xs = X87Stack.sig(s, 0);
        int xe = X87Stack.se(s, 0);
        X87Transcendental t = s.t;
        switch (which) {
            case 0: t.yl2x(ys, ye, xs, xe); break;
            case 1: t.patan(ys, ye, xs, xe); break;
            default: t.yl2xp1(ys, ye, xs, xe); break;
        }
        X87Stack.commit(s, 1, 1, 0);
    }

    /** FPTAN (0), FSINCOS (1), FXTRACT (2): ST(0) = primary result, then push the second. */
    private static void pushingPair(X87State s, int which) {
        if (X87Stack.empty(s, 0)) {
            if (X87Stack.underflow(s)) {
                X87Stack.set(s, 0, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
                X87Stack.push(s, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
            }
            return;
        }
        if (X87Stack.full(s)) {
            if (X87Stack.overflow(s)) {
                X87Stack.set(s, 0, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
                X87Stack.push(s, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
            }
            return;
        }
        long as = X87Stack.sig(s, 0);
        int ae = X87Stack.se(s, 0);
        F80 f = s.f;
        switch (which) {
            case 0: s.t.ptan(as, ae); break;
            case 1: s.t.sincos(as, ae); break;
            default: f.xtract(as, ae); break;
        }
        if (which != 2 && (f.flags & X87Stack.C2) != 0) {
            outOfRange(s);
            return;
        }
        int unmasked = X87Stack.signal(s, f.flags);
        X87Stack.setC1(s, f.flags);
        if (which != 2) {
            s.fsw &= ~X87Stack.C2;
        }
        if ((unmasked & X87Stack.PRE_COMPUTATION) != 0) {
            return;
        }
        X87Stack.setResult(s, 0);
        X87Stack.push(s, f.sig2, f.se2);
    }

    /** FPREM (ieee false) and FPREM1: ST(0) = remainder of ST(0) / ST(1); C0-C3 from it. */
    private static void remainder(X87State s, boolean ieee) {
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, 1)) {
            X87Stack.underflowResult(s, 0, 0);
            return;
        }
        F80 f = s.f;
        long as = X87Stack.sig(s, 0);
        int ae = X87Stack.se(s, 0);
        long bs = X87Stack.sig(s, 1);
        int be = X87Stack.se(s, 1);
        f.prem(as, ae, bs, be, ieee);
        int flags = f.flags;
        boolean nan = F80.classify(as, ae) >= F80.K_QNAN || F80.classify(bs, be) >= F80.K_QNAN;
        int unmasked = X87Stack.signal(s, flags);
        s.fsw &= ~X87Stack.C1;
        if ((unmasked & X87Stack.PRE_COMPUTATION) != 0) {
            return;
        }
        X87Stack.setResult(s, 0);
        if ((flags & X87Stack.IE) == 0 && !nan) {
            // The quotient bits; a NaN or invalid operand leaves C0 and C3 as they were.
            s.fsw = (s.fsw & ~X87Stack.CC) | (flags & X87Stack.CC);
        }
    }

    /** FSCALE: ST(0) = ST(0) * 2^trunc(ST(1)). */
    private static void scale(X87State s) {
        if (X87Stack.empty(s, 0) || X87Stack.empty(s, 1)) {
            X87Stack.underflowResult(s, 0, 0);
            return;
        }
        s.f.scale(X87Stack.sig(s, 0), X87Stack.se(s, 0), X87Stack.sig(s, 1),
                X87Stack.se(s, 1));
        X87Stack.commit(s, 0, 0, 0);
    }
}

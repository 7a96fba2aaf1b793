package dev.splitvisor.cpu;

import dev.splitvisor.cpu.x87.X87State;

/**
 * x87 control instructions: FWAIT, FNOP, FLDCW, FNSTCW, FNSTSW (memory and AX), FNCLEX,
 * FNINIT, the DB E0/E1/E4 no-ops, FFREE/FFREEP, FINCSTP/FDECSTP, and the environment and
 * whole-state instructions FLDENV, FNSTENV, FRSTOR and FNSAVE in their 32-bit (28 and 108
 * bytes) and, with a 66 prefix, 16-bit (14 and 94 bytes) protected-mode layouts (SDM vol. 1,
 * figures 8-9 to 8-12; the waiting forms FSTENV, FSAVE, FSTSW, FSTCW, FCLEX, FINIT are FWAIT
 * followed by these). The layouts are in {@link X87Image}.
 *
 * <p>Control instructions leave FOP, FIP and FDP alone. Precise: FNSTENV and FNSAVE probe
 * their whole area before the first store, FLDENV and FRSTOR read the whole area before they
 * change anything.
 */
final class X87Control {
    private X87Control() {
    }

    /** FWAIT: raises the pending #MF, if any. */
    static void fwait(Cpu c) {
        X87Stack.checkPending(c.fpu);
    }

    /** FNOP (D9 D0): a waiting instruction that only records itself. */
    static void fnop(Cpu c, Insn i) {
        X87Stack.checkPending(c.fpu);
        X87Stack.record(c, i);
    }

    /** FLDCW m2byte: then an exception flag whose mask was cleared is pending. */
    static void fldcw(Cpu c, Insn i) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        s.setControlWord(c.mem.read16(c.ea(i)));
    }

    /** FNSTCW m2byte. */
    static void fnstcw(Cpu c, Insn i) {
        c.mem.write16(c.ea(i), c.fpu.fcw);
    }

    /** FNSTSW m2byte. */
    static void fnstswMemory(Cpu c, Insn i) {
        c.mem.write16(c.ea(i), c.fpu.statusWord());
    }

    /** FNSTSW AX (DF E0). */
    static void fnstswAx(Cpu c) {
        c.setReg(Cpu.RAX, 2, c.fpu.statusWord());
    }

    /** DB E0-E7: FNENI, FNDISI and FNSETPM do nothing; FNCLEX, FNINIT; E5-E7 are #UD. */
    static void group(Cpu c, Insn i, int low) {
        switch (low) {
            case 0:
            case 1:
            case 4:
                return; // 8087/287 leftovers, no operation on 387 and later
            case 2:
                c.fpu.clearExceptions();
                return;
            case 3:
                c.fpu.init();
                return;
            default:
                throw Unimplemented.undefined(c, i);
        }
    }

    /** FFREE ST(i) (DD C0+i) and FFREEP ST(i) (DF C0+i, which also pops). */
    static void ffree(Cpu c, Insn i, int sti, boolean pop) {
        X87State s = c.fpu;
        X87Stack.checkPending(s);
        X87Stack.record(c, i);
        s.fsw &= ~X87Stack.C1;
        s.free(sti);
        if (pop) {
            X87Stack.pop(s);
        }
    }

    /** FDECSTP (-1) and FINCSTP (+1): TOP moves, tags stay, C1 is cleared. */
    static void rotateTop(X87State s, int delta) {
        if (delta > 0) {
            s.incrementTop();
        } else {
            s.decrementTop();
        }
        s.fsw &= ~X87Stack.C1;
    }

    // ---------------------------------------------------------------- environment

    /** FNSTENV m14/28byte: stores the environment, then masks every exception. */
    static void fnstenv(Cpu c, Insn i) {
        long ea = c.ea(i);
        boolean small = i.has(Insn.P_66);
        c.mem.probeWrite(ea, X87Image.envSize(small));
        X87Image.storeEnvironment(c, ea, small);
        c.fpu.setControlWord(c.fpu.fcw | X87Stack.EXCEPTIONS); // ES and B clear with it
    }

    /** FLDENV m14/28byte. */
    static void fldenv(Cpu c, Insn i) {
        X87Stack.checkPending(c.fpu);
        long ea = c.ea(i);
        boolean small = i.has(Insn.P_66);
        c.mem.probeRead(ea, X87Image.envSize(small));
        X87Image.loadEnvironment(c, ea, small);
    }

    /** FNSAVE m94/108byte: environment and registers, then FNINIT. */
    static void fnsave(Cpu c, Insn i) {
        long ea = c.ea(i);
        boolean small = i.has(Insn.P_66);
        int env = X87Image.envSize(small);
        c.mem.probeWrite(ea, env + 80);
        X87Image.storeEnvironment(c, ea, small);
        X87Image.storeRegisters(c, ea + env);
        c.fpu.init();
    }

    /** FRSTOR m94/108byte. */
    static void frstor(Cpu c, Insn i) {
        X87Stack.checkPending(c.fpu);
        long ea = c.ea(i);
        boolean small = i.has(Insn.P_66);
        int env = X87Image.envSize(small);
        c.mem.probeRead(ea, env + 80);
        int tags = X87Image.loadEnvironment(c, ea, small);
        X87Image.loadRegisters(c, ea + env);
        c.fpu.setTagWord(tags); // now that the registers hold their new values

    }
}

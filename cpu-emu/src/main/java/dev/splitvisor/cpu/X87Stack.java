package dev.splitvisor.cpu;

import dev.splitvisor.cpu.x87.F80;
import dev.splitvisor.cpu.x87.X87State;

/**
 * The register-stack and status-word rules that every x87 executor shares: ST(i) access,
 * push and pop, stack faults, the exception flags and error summary (ES), the deferred #MF of
 * waiting instructions, and the last-instruction pointers (FOP, FIP, FCS, FDP, FDS).
 *
 * <p>Rules measured on an AMD Zen 4 (see X87OpsGoldenTest): an exception raises its FSW flag;
 * an unmasked one also sets ES and B, and the NEXT waiting x87 instruction raises #MF before
 * it does anything. C0, C2 and C3, which the manual leaves undefined after arithmetic, keep
 * their values. Every non-control instruction that runs records its opcode and address (and
 * the operand's address if it has one); FCS reads 0x33, the Linux user code selector, as on
 * that machine.
 *
 * <p>Hot path: static methods on the per-CPU state, no allocation.
 */
final class X87Stack {
    /** FSW bits. */
    static final int IE = F80.IE, DE = F80.DE, ZE = F80.ZE, SF = F80.SF, ES = F80.ES,
            C0 = F80.C0, C1 = F80.C1, C2 = F80.C2, C3 = F80.C3;
    static final int CC = C0 | C1 | C2 | C3;
    /** The six exception flags IE..PE (also the FCW mask bits). */
    static final int EXCEPTIONS = 0x3F;
    /** Exceptions that, unmasked, leave the destination unwritten (SDM vol. 1, 8.5). */
    static final int PRE_COMPUTATION = IE | DE | ZE;
    /** CS selector of 64-bit Linux user code, recorded as FCS. */
    static final int USER_CS = 0x33;

    private X87Stack() {
    }

    // ---------------------------------------------------------------- registers

    /** True when ST(i) is empty. */
    static boolean empty(X87State s, int i) {
        return s.stEmpty(i);
    }

    static long sig(X87State s, int i) {
        return s.sig(i);
    }

    static int se(X87State s, int i) {
        return s.se(i);
    }

    /** Writes ST(i); its tag follows the value. */
    static void set(X87State s, int i, long sig, int se) {
        s.write(i, sig, se);
    }

    /** Writes the primary result of the arithmetic unit to ST(i). */
    static void setResult(X87State s, int i) {
        s.write(i, s.f.sig, s.f.se);
    }

    /** Pushes a value (the caller has checked for overflow with {@link #full}). */
    static void push(X87State s, long sig, int se) {
        s.top = (s.top - 1) & 7;
        s.write(0, sig, se);
    }

    /** Marks ST(0) empty and increments TOP; the register keeps its bits, as in hardware. */
    static void pop(X87State s) {
        s.pop();
    }

    /** True when a push would overflow: the register below TOP is in use. */
    static boolean full(X87State s) {
        return !s.isEmpty((s.top - 1) & 7);
    }

    // ---------------------------------------------------------------- exceptions

    /** #MF if an unmasked exception is pending: the first step of every waiting instruction. */
    static void checkPending(X87State s) {
        if ((s.fsw & ES) != 0) {
            throw GuestFault.of(GuestFault.MF);
        }
    }

    /** Raises FSW exception flags (IE..PE, SF); returns the unmasked ones among IE..PE. */
    static int signal(X87State s, int flags) {
        s.raise(flags);
        return flags & ~s.fcw & EXCEPTIONS;
    }

    /** Sets C1 to the given FSW bits' C1 (the round-up indicator of an arithmetic result). */
    static void setC1(X87State s, int flags) {
        s.fsw = (s.fsw & ~C1) | (flags & C1);
    }

    /**
     * Stack underflow (an empty source register): IE and SF, C1 clear. Returns true when IE is
     * masked, so that the caller delivers the QNaN indefinite.
     */
    static boolean underflow(X87State s) {
        s.fsw &= ~C1;
        return signal(s, IE | SF) == 0;
    }

    /** Stack overflow (push onto a register in use): IE, SF and C1; true when IE is masked. */
    static boolean overflow(X87State s) {
        s.fsw |= C1;
        return signal(s, IE | SF) == 0;
    }

    /**
     * Commits an arithmetic result from the unit: raises its flags (plus {@code extra}, those
     * of converting a memory operand), sets C1, and unless an unmasked IE, DE or ZE forbids it,
     * writes ST(dest) and pops {@code pops} times.
     */
    static void commit(X87State s, int dest, int pops, int extra) {
        int flags = s.f.flags | extra;
        if ((flags & ~s.fcw & PRE_COMPUTATION) != 0) {
            // The hardware stops before computing: no OE, UE, PE, no rounding indicator.
            signal(s, flags & (PRE_COMPUTATION | SF));
            s.fsw &= ~C1;
            return;
        }
        signal(s, flags);
        setC1(s, flags);
        setResult(s, dest);
        for (int k = 0; k < pops; k++) {
            pop(s);
        }
    }

    /** An empty operand: masked, ST(dest) gets the indefinite and the pops happen. */
    static void underflowResult(X87State s, int dest, int pops) {
        if (!underflow(s)) {
            return;
        }
        set(s, dest, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
        for (int k = 0; k < pops; k++) {
            pop(s);
        }
    }

    // ---------------------------------------------------------------- pointers

    /** Records a non-control instruction: FOP, FIP (its linear address) and FCS. */
    static void record(Cpu c, Insn i) {
        X87State s = c.fpu;
        s.fop = ((i.opcode & 7) << 8) | (i.modrm & 0xFF);
        s.fip = c.rip;
        s.fcs = USER_CS;
    }

    /** Records a non-control instruction with a memory operand at linear address ea. */
    static void record(Cpu c, Insn i, long ea) {
        record(c, i);
        c.fpu.fdp = ea;
        c.fpu.fds = 0;
    }
}

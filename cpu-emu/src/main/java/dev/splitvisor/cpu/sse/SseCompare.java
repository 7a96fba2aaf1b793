package dev.splitvisor.cpu.sse;

import static dev.splitvisor.cpu.sse.Mxcsr.IE;
import static dev.splitvisor.cpu.sse.SoftFloat.F32;
import static dev.splitvisor.cpu.sse.SoftFloat.F64;

/**
 * One lane of CMPPS/CMPSS/CMPPD/CMPSD (imm8 predicates 0-7) and the scalar compares
 * COMISS/UCOMISS/COMISD/UCOMISD.
 *
 * <p>Compares return an all-ones or all-zero lane mask. The COMIS family returns ZF, PF and CF
 * at their RFLAGS bit positions ({@link #ZF}, {@link #PF}, {@link #CF}); the caller clears OF,
 * SF and AF. DAZ applies to the sources; DE is raised for denormal sources unless a NaN is
 * involved. Exceptions go to {@code m.pending} as with every lane operation.
 *
 * <p>Hot path: no allocation, no exceptions.
 */
public final class SseCompare {
    /** RFLAGS.CF: the first source is less than the second, or unordered. */
    public static final int CF = 1;
    /** RFLAGS.PF: unordered. */
    public static final int PF = 1 << 2;
    /** RFLAGS.ZF: equal, or unordered. */
    public static final int ZF = 1 << 6;

    /** Predicate EQ_OQ: equal, quiet. */
    public static final int EQ = 0;
    /** Predicate LT_OS: less than, signals on QNaN. */
    public static final int LT = 1;
    /** Predicate LE_OS: less or equal, signals on QNaN. */
    public static final int LE = 2;
    /** Predicate UNORD_Q: either source is a NaN. */
    public static final int UNORD = 3;
    /** Predicate NEQ_UQ: not equal (true if unordered), quiet. */
    public static final int NEQ = 4;
    /** Predicate NLT_US: not less than (true if unordered), signals on QNaN. */
    public static final int NLT = 5;
    /** Predicate NLE_US: not less or equal (true if unordered), signals on QNaN. */
    public static final int NLE = 6;
    /** Predicate ORD_Q: neither source is a NaN. */
    public static final int ORD = 7;

    private SseCompare() {
    }

    /** CMPSS lane with predicate imm8[2:0]: all ones if true, else zero. */
    public static int cmp32(Mxcsr m, int a, int b, int imm8) {
        return compare(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, imm8) ? -1 : 0;
    }

    /** CMPSD lane with predicate imm8[2:0]: all ones if true, else zero. */
    public static long cmp64(Mxcsr m, long a, long b, int imm8) {
        return compare(m, a, b, F64, imm8) ? -1L : 0L;
    }

    /** COMISS: ZF/PF/CF of comparing a with b; IE on any NaN. */
    public static int comiss(Mxcsr m, int a, int b) {
        return comis(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, true);
    }

    /** UCOMISS: ZF/PF/CF of comparing a with b; IE only on SNaN. */
    public static int ucomiss(Mxcsr m, int a, int b) {
        return comis(m, a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, F32, false);
    }

    /** COMISD: ZF/PF/CF of comparing a with b; IE on any NaN. */
    public static int comisd(Mxcsr m, long a, long b) {
        return comis(m, a, b, F64, true);
    }

    /** UCOMISD: ZF/PF/CF of comparing a with b; IE only on SNaN. */
    public static int ucomisd(Mxcsr m, long a, long b) {
        return comis(m, a, b, F64, false);
    }

    static boolean compare(Mxcsr m, long a, long b, int f, int imm8) {
        int predicate = imm8 & 7;
        a = SoftFloat.daz(a, f, m.value);
        b = SoftFloat.daz(b, f, m.value);
        boolean unordered = SoftFloat.isNaN(a, f) || SoftFloat.isNaN(b, f);
        if (unordered) {
            boolean signals = predicate == LT || predicate == LE || predicate == NLT
                    || predicate == NLE;
            if (signals || SoftFloat.isSignaling(a, f) || SoftFloat.isSignaling(b, f)) {
                m.pending |= IE;
            }
        } else {
            SoftFloat.checkDenormal(m, a, f);
            SoftFloat.checkDenormal(m, b, f);
        }
        return evaluate(predicate, unordered, a, b, f);
    }

    private static boolean evaluate(int predicate, boolean unordered, long a, long b, int f) {
        switch (predicate) {
            case EQ:
                return !unordered && SoftFloat.equal(a, b, f);
            case LT:
                return !unordered && SoftFloat.less(a, b, f);
            case LE:
                return !unordered && !SoftFloat.less(b, a, f);
            case UNORD:
                return unordered;
            case NEQ:
                return unordered || !SoftFloat.equal(a, b, f);
            case NLT:
                return unordered || !SoftFloat.less(a, b, f);
            case NLE:
                return unordered || SoftFloat.less(b, a, f);
            default:
                return !unordered;
        }
    }

    static int comis(Mxcsr m, long a, long b, int f, boolean signalQuiet) {
        a = SoftFloat.daz(a, f, m.value);
        b = SoftFloat.daz(b, f, m.value);
        if (SoftFloat.isNaN(a, f) || SoftFloat.isNaN(b, f)) {
            if (signalQuiet || SoftFloat.isSignaling(a, f) || SoftFloat.isSignaling(b, f)) {
                m.pending |= IE;
            }
            return ZF | PF | CF;
        }
        SoftFloat.checkDenormal(m, a, f);
        SoftFloat.checkDenormal(m, b, f);
        if (SoftFloat.less(a, b, f)) {
            return CF;
        }
        return SoftFloat.equal(a, b, f) ? ZF : 0;
    }
}

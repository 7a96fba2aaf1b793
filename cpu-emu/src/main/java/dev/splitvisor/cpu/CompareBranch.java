package dev.splitvisor.cpu;

/**
 * Compare-and-branch entries: a CMP or TEST followed by a Jcc, fused into one block entry by
 * {@link BlockLinker} and run by {@link BlockRunner}. The entry records the compare's lazy flags
 * as the CMP alone would, for any later reader, and decides the branch straight from the
 * operands: CF, ZF, SF and OF of the compare form a 4-bit index into the condition's truth
 * table ({@link Insn#condTable}), with no branch on the condition code. P and NP have no table
 * (PF needs a bit count); such a Jcc stays an entry of its own.
 *
 * <p>Hot path: no allocation, and no branch but the guest's own.
 */
final class CompareBranch {
    /** Bits of the index into a condition truth table: CF, ZF, SF and OF of the compare. */
    private static final int T_CF = 1, T_ZF = 2, T_SF = 4, T_OF = 8;
    /** Truth tables of the condition codes, 0 for P and NP, which the tables do not cover. */
    private static final int[] COND_TABLES = new int[16];

    static {
        for (int cc = 0; cc < 16; cc++) {
            for (int flags = 0; flags < 16 && (cc >>> 1) != 5; flags++) {
                if (holds(cc, flags)) {
                    COND_TABLES[cc] |= 1 << flags;
                }
            }
        }
    }

    private static final long MASK32 = 0xFFFFFFFFL;

    private CompareBranch() {
    }

    /** The compare-and-branch form of compare form {@code fast}, or NONE when it has none. */
    static int fusedForm(int fast) {
        switch (fast) {
            case FastPath.CMP64_RR: return FastPath.CMP64_RR_JCC;
            case FastPath.CMP32_RR: return FastPath.CMP32_RR_JCC;
            case FastPath.CMP64_RI: return FastPath.CMP64_RI_JCC;
            case FastPath.CMP32_RI: return FastPath.CMP32_RI_JCC;
            case FastPath.CMP8_RI: return FastPath.CMP8_RI_JCC;
            case FastPath.CMP8_MI: return FastPath.CMP8_MI_JCC;
            case FastPath.TEST64_RR: return FastPath.TEST64_RR_JCC;
            case FastPath.TEST32_RR: return FastPath.TEST32_RR_JCC;
            default: return FastPath.NONE;
        }
    }

    /**
     * The truth table of condition code {@code cc}: bit {@code n} is set when the condition
     * holds for the flags {@code n} (a sum of T_CF, T_ZF, T_SF, T_OF). 0 for P and NP.
     */
    static int conditionTable(int cc) {
        return COND_TABLES[cc];
    }

    private static boolean holds(int cc, int flags) {
        boolean cf = (flags & T_CF) != 0;
        boolean zf = (flags & T_ZF) != 0;
        boolean lt = ((flags & T_SF) != 0) != ((flags & T_OF) != 0);
        boolean r;
        switch (cc >>> 1) {
            case 0: r = (flags & T_OF) != 0; break;
            case 1: r = cf; break;
            case 2: r = zf; break;
            case 3: r = cf || zf; break;
            case 4: r = (flags & T_SF) != 0; break;
            case 6: r = lt; break;
            default: r = zf || lt; break;
        }
        return r ^ ((cc & 1) != 0);
    }

    /**
     * Whether a compare {@code a - b} satisfies the condition whose truth table is
     * {@code table}. The operands sit in the top bits of the longs (shifted left by 64 minus
     * the operand width), so that 64-bit arithmetic gives the flags of any width. Branch-free.
     */
    static boolean subTaken(long a, long b, int table) {
        long res = a - b;
        long borrow = ((~a & b) | (~(a ^ b) & res)) >>> 63;
        long overflow = ((a ^ b) & (a ^ res)) >>> 63;
        int flags = (int) borrow | (res == 0 ? T_ZF : 0) | (int) (res >>> 63) << 2
                | (int) overflow << 3;
        return ((table >>> flags) & 1) != 0;
    }

    /** Whether a TEST whose result {@code res} sits in the top bits satisfies the condition. */
    static boolean logicTaken(long res, int table) {
        int flags = (res == 0 ? T_ZF : 0) | (int) (res >>> 63) << 2;
        return ((table >>> flags) & 1) != 0;
    }

    /** 64-bit CMP fused with a Jcc: records the flags and decides the branch. */
    static boolean cmp64Taken(Cpu c, long dst, long src, int table) {
        c.lazy(Flags.K_SUB, 8, dst, src, dst - src);
        return subTaken(dst, src, table);
    }

    /** 32-bit CMP fused with a Jcc. */
    static boolean cmp32Taken(Cpu c, long dst, long src, int table) {
        long d = dst & MASK32;
        long s = src & MASK32;
        c.lazy(Flags.K_SUB, 4, d, s, d - s);
        return subTaken(d << 32, s << 32, table);
    }

    /** 8-bit CMP of the low byte of {@code v} with the low byte of {@code imm}, fused. */
    static boolean cmp8Taken(Cpu c, long v, long imm, int table) {
        long d = v & 0xFF;
        long s = imm & 0xFF;
        c.lazy(Flags.K_SUB, 1, d, s, d - s);
        return subTaken(d << 56, s << 56, table);
    }

    /** 64-bit TEST fused with a Jcc; {@code res} is the AND of the operands. */
    static boolean test64Taken(Cpu c, long res, int table) {
        c.lazy(Flags.K_LOGIC, 8, 0, 0, res);
        return logicTaken(res, table);
    }

    /** 32-bit TEST fused with a Jcc. */
    static boolean test32Taken(Cpu c, long res, int table) {
        c.lazy(Flags.K_LOGIC, 4, 0, 0, res);
        return logicTaken(res << 32, table);
    }
}

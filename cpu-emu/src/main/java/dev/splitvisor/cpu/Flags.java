package dev.splitvisor.cpu;

/**
 * RFLAGS bits and the lazy evaluation of the arithmetic flags.
 *
 * <p>Arithmetic instructions do not compute CF, PF, AF, ZF, SF and OF; they record the kind of
 * operation, its size and its operands and result in the {@link Cpu}'s {@code lazy*} fields.
 * A flag is worked out only when something reads it: a Jcc, SETcc, CMOVcc, ADC, PUSHF. Most
 * results are never read, and a Jcc after CMP or TEST is answered straight from the operands.
 *
 * <p>Hot path: {@link #condition} runs for every conditional branch.
 */
public final class Flags {
    public static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100,
            IF = 0x200, DF = 0x400, OF = 0x800, NT = 0x4000, AC = 0x40000, ID = 0x200000;
    /** The six status flags that arithmetic defines. */
    public static final long ARITH = CF | PF | AF | ZF | SF | OF;
    /** Bits that a CPL-3 POPF may change. */
    public static final long USER_WRITABLE = ARITH | TF | DF | NT | AC | ID;

    /** Lazy operation kinds in {@link Cpu#lazyKind}. */
    public static final int K_NONE = 0, K_ADD = 1, K_ADC = 2, K_SUB = 3, K_SBB = 4, K_LOGIC = 5,
            K_INC = 6, K_DEC = 7, K_NEG = 8;

    private Flags() {
    }

    /** All-ones mask of an operand of {@code size} bytes. */
    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (size << 3)) - 1;
    }

    /** The sign bit of an operand of {@code size} bytes. */
    public static long signBit(int size) {
        return 1L << ((size << 3) - 1);
    }

    /** Sign-extends the low {@code size} bytes of {@code v}. */
    public static long signExtend(long v, int size) {
        int s = 64 - (size << 3);
        return (v << s) >> s;
    }

    /** PF for a result: set when its low byte has an even number of one bits. */
    public static long parity(long result) {
        return (~Integer.bitCount((int) result & 0xFF) & 1) << 2;
    }

    /** ZF, SF and PF of a result of {@code size} bytes. */
    public static long zsp(long result, int size) {
        long r = result & mask(size);
        return (r == 0 ? ZF : 0) | ((r & signBit(size)) != 0 ? SF : 0) | parity(r);
    }

    /** Works out the six status flags from the lazy state. */
    static long arithmetic(Cpu c) {
        int size = c.lazySize;
        long m = mask(size);
        long sign = signBit(size);
        long dst = c.lazyDst & m;
        long src = c.lazySrc & m;
        long res = c.lazyRes & m;
        long f = zsp(res, size);
        switch (c.lazyKind) {
            case K_ADD:
                f |= (Long.compareUnsigned(res, dst) < 0 ? CF : 0) | af(dst, src, res);
                return f | (((dst ^ res) & (src ^ res) & sign) != 0 ? OF : 0);
            case K_ADC: {
                boolean carry = c.lazyAux != 0 ? Long.compareUnsigned(res, dst) <= 0
                        : Long.compareUnsigned(res, dst) < 0;
                f |= (carry ? CF : 0) | af(dst, src, res);
                return f | (((dst ^ res) & (src ^ res) & sign) != 0 ? OF : 0);
            }
            case K_SUB:
                f |= (Long.compareUnsigned(dst, src) < 0 ? CF : 0) | af(dst, src, res);
                return f | (((dst ^ src) & (dst ^ res) & sign) != 0 ? OF : 0);
            case K_SBB: {
                boolean borrow = c.lazyAux != 0 ? Long.compareUnsigned(dst, src) <= 0
                        : Long.compareUnsigned(dst, src) < 0;
                f |= (borrow ? CF : 0) | af(dst, src, res);
                return f | (((dst ^ src) & (dst ^ res) & sign) != 0 ? OF : 0);
            }
            case K_LOGIC:
                return f;
            case K_INC:
                return f | (c.lazyAux & CF) | af(dst, 1, res) | (res == sign ? OF : 0);
            case K_DEC:
                return f | (c.lazyAux & CF) | af(dst, 1, res) | (res == sign - 1 ? OF : 0);
            case K_NEG:
                return f | (src != 0 ? CF : 0) | af(0, src, res) | (res == sign ? OF : 0);
            default:
                return c.rflags & ARITH;
        }
    }

    /** CF alone (0 or 1), without working out the other flags: INC, DEC, ADC, SBB need it. */
    static int carry(Cpu c) {
        int size = c.lazySize;
        long m = mask(size);
        switch (c.lazyKind) {
            case K_NONE: return (int) (c.rflags & CF);
            case K_ADD: return Long.compareUnsigned(c.lazyRes & m, c.lazyDst & m) < 0 ? 1 : 0;
            case K_SUB: return Long.compareUnsigned(c.lazyDst & m, c.lazySrc & m) < 0 ? 1 : 0;
            case K_LOGIC: return 0;
            case K_INC: case K_DEC: return (int) (c.lazyAux & CF);
            case K_NEG: return (c.lazySrc & m) != 0 ? 1 : 0;
            default: return (int) (arithmetic(c) & CF);
        }
    }

    private static long af(long dst, long src, long res) {
        return (dst ^ src ^ res) & AF;
    }

    /**
     * Evaluates condition code {@code cc} (the low nibble of Jcc/SETcc/CMOVcc): O, NO, B, AE,
     * E, NE, BE, A, S, NS, P, NP, L, GE, LE, G.
     */
    public static boolean condition(Cpu c, int cc) {
        // Kept tiny so that the JIT inlines it into every Jcc, SETcc and CMOVcc.
        return c.lazyKind == K_SUB ? subCondition(c, cc) : otherCondition(c, cc);
    }

    private static boolean otherCondition(Cpu c, int cc) {
        int kind = c.lazyKind;
        if (kind != K_NONE) {
            int test = cc >>> 1;
            if (test == 2) { // E/NE: ZF alone, straight from the result
                return ((c.lazyRes & mask(c.lazySize)) == 0) ^ ((cc & 1) != 0);
            }
            if (test == 4) { // S/NS
                return ((c.lazyRes & signBit(c.lazySize)) != 0) ^ ((cc & 1) != 0);
            }
        }
        long f = c.lazyKind == K_NONE ? c.rflags : arithmetic(c);
        boolean r;
        switch (cc >>> 1) {
            case 0: r = (f & OF) != 0; break;
            case 1: r = (f & CF) != 0; break;
            case 2: r = (f & ZF) != 0; break;
            case 3: r = (f & (CF | ZF)) != 0; break;
            case 4: r = (f & SF) != 0; break;
            case 5: r = (f & PF) != 0; break;
            case 6: r = ((f & SF) != 0) != ((f & OF) != 0); break;
            default: r = (f & ZF) != 0 || (((f & SF) != 0) != ((f & OF) != 0)); break;
        }
        return r ^ ((cc & 1) != 0);
    }

    /** CMP/SUB answered from the operands, without computing any flag. */
    private static boolean subCondition(Cpu c, int cc) {
        int size = c.lazySize;
        long m = mask(size);
        boolean r;
        switch (cc >>> 1) {
            case 1: r = Long.compareUnsigned(c.lazyDst & m, c.lazySrc & m) < 0; break;
            case 2: r = (c.lazyRes & m) == 0; break;
            case 3: r = Long.compareUnsigned(c.lazyDst & m, c.lazySrc & m) <= 0; break;
            case 4: r = (c.lazyRes & signBit(size)) != 0; break;
            case 6: r = signExtend(c.lazyDst, size) < signExtend(c.lazySrc, size); break;
            case 7: r = signExtend(c.lazyDst, size) <= signExtend(c.lazySrc, size); break;
            default: {
                long f = arithmetic(c);
                r = cc >>> 1 == 0 ? (f & OF) != 0 : (f & PF) != 0;
                break;
            }
        }
        return r ^ ((cc & 1) != 0);
    }
}

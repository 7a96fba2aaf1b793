package dev.splitvisor.cpu;

/**
 * The lane-wise integer operations of SSE2 to SSE4.1, worked on one 64-bit half of an XMM
 * register at a time: PADD*, PSUB* (wrapping and saturating), PMIN*, PMAX*, PCMPEQ*, PCMPGT*,
 * PAVG*, PSIGN*, PABS*, the multiplies (PMULLW/D, PMULHW, PMULHUW, PMULHRSW, PMULUDQ, PMULDQ,
 * PMADDWD, PMADDUBSW), PSADBW and the bitwise PAND, PANDN, POR, PXOR.
 *
 * <p>None of these move data between the two halves of a register, so an executor calls
 * {@link #apply} once for the low and once for the high quadword. An operation code is
 * {@code kind << 2 | log2(lane bytes)}; the constants below name them after the instructions.
 *
 * <p>Hot path: no allocation. Wrapping add and subtract, the bitwise operations and the
 * byte/word/dword compares, minimums and maximums (the string-function workhorses) use whole
 * quadword arithmetic; the rest walk the lanes.
 */
final class PackedArith {
    private static final int ADD = 0, SUB = 1, ADDS = 2, ADDUS = 3, SUBS = 4, SUBUS = 5,
            MINS = 6, MINU = 7, MAXS = 8, MAXU = 9, CMPEQ = 10, CMPGT = 11, AVG = 12,
            SIGN = 13, ABS = 14, MULL = 15, MULHS = 16, MULHU = 17, MULHRS = 18, MULUDQ = 19,
            MULDQ = 20, MADDWD = 21, MADDUBSW = 22, SADBW = 23, AND = 24, ANDN = 25, OR = 26,
            XOR = 27;
    private static final int B = 0, W = 1, D = 2, Q = 3;

    static final int PADDB = op(ADD, B), PADDW = op(ADD, W), PADDD = op(ADD, D),
            PADDQ = op(ADD, Q), PSUBB = op(SUB, B), PSUBW = op(SUB, W), PSUBD = op(SUB, D),
            PSUBQ = op(SUB, Q);
    static final int PADDSB = op(ADDS, B), PADDSW = op(ADDS, W), PADDUSB = op(ADDUS, B),
            PADDUSW = op(ADDUS, W), PSUBSB = op(SUBS, B), PSUBSW = op(SUBS, W),
            PSUBUSB = op(SUBUS, B), PSUBUSW = op(SUBUS, W);
    static final int PMINSB = op(MINS, B), PMINSW = op(MINS, W), PMINSD = op(MINS, D),
            PMINUB = op(MINU, B), PMINUW = op(MINU, W), PMINUD = op(MINU, D),
            PMAXSB = op(MAXS, B), PMAXSW = op(MAXS, W), PMAXSD = op(MAXS, D),
            PMAXUB = op(MAXU, B), PMAXUW = op(MAXU, W), PMAXUD = op(MAXU, D);
    static final int PCMPEQB = op(CMPEQ, B), PCMPEQW = op(CMPEQ, W), PCMPEQD = op(CMPEQ, D),
            PCMPEQQ = op(CMPEQ, Q), PCMPGTB = op(CMPGT, B), PCMPGTW = op(CMPGT, W),
            PCMPGTD = op(CMPGT, D), PCMPGTQ = op(CMPGT, Q);
    static final int PAVGB = op(AVG, B), PAVGW = op(AVG, W), PSIGNB = op(SIGN, B),
            PSIGNW = op(SIGN, W), PSIGND = op(SIGN, D), PABSB = op(ABS, B), PABSW = op(ABS, W),
            PABSD = op(ABS, D);
    static final int PMULLW = op(MULL, W), PMULLD = op(MULL, D), PMULHW = op(MULHS, W),
            PMULHUW = op(MULHU, W), PMULHRSW = op(MULHRS, W), PMULUDQ = op(MULUDQ, Q),
            PMULDQ = op(MULDQ, Q), PMADDWD = op(MADDWD, D), PMADDUBSW = op(MADDUBSW, W),
            PSADBW = op(SADBW, Q);
    static final int PAND = op(AND, Q), PANDN = op(ANDN, Q), POR = op(OR, Q),
            PXOR = op(XOR, Q);

    private static final long HIGH_BITS_B = 0x8080808080808080L;
    private static final long HIGH_BITS_W = 0x8000800080008000L;
    private static final long HIGH_BITS_D = 0x8000000080000000L;

    private PackedArith() {
    }

    private static int op(int kind, int width) {
        return kind << 2 | width;
    }

    /** The result quadword of operation {@code op} on destination half d and source half s. */
    static long apply(int op, long d, long s) {
        int kind = op >>> 2;
        switch (kind) {
            case ADD: return add(d, s, op & 3);
            case SUB: return subtract(d, s, op & 3);
            case AND: return d & s;
            case ANDN: return ~d & s;
            case OR: return d | s;
            case XOR: return d ^ s;
            case CMPEQ: case CMPGT: case MINS: case MINU: case MAXS: case MAXU:
                if ((op & 3) != Q) {
                    return compareSelect(kind, d, s, op & 3);
                }
                return lanes(kind, d, s, 64);
            default: return lanes(kind, d, s, 8 << (op & 3));
        }
    }

    /**
     * PCMPEQ, PCMPGT, PMIN and PMAX on byte, word and dword lanes without a loop: a lane-wise
     * subtract gives each lane's borrow, which is the unsigned "less than"; flipping the top
     * bits first turns it into the signed one.
     */
    private static long compareSelect(int kind, long d, long s, int width) {
        long high = highBits(width);
        if (kind == CMPEQ) {
            long x = d ^ s;
            // A lane is zero when neither its top bit nor the carry out of its low bits is set.
            long nonZero = ((x & ~high) + ~high) | x;
            return spread(~nonZero & high, width);
        }
        boolean signed = kind == CMPGT || kind == MINS || kind == MAXS;
        long flip = signed ? high : 0;
        if (kind == CMPGT) {
            return lessThan(s ^ flip, d ^ flip, width);
        }
        long dLess = lessThan(d ^ flip, s ^ flip, width);
        boolean min = kind == MINS || kind == MINU;
        return min ? (d & dLess) | (s & ~dLess) : (s & dLess) | (d & ~dLess);
    }

    /** All ones in the lanes where a is below b, unsigned. */
    private static long lessThan(long a, long b, int width) {
        long diff = subtract(a, b, width);
        long borrow = (~a & b) | (~(a ^ b) & diff);
        return spread(borrow & highBits(width), width);
    }

    /** Widens the top bit of each lane to the whole lane. */
    private static long spread(long tops, int width) {
        int w = 8 << width;
        long lane = (1L << w) - 1;
        return (tops >>> (w - 1)) * lane;
    }

    /** Lane-wise wrapping add: carries stop at each lane's top bit. */
    private static long add(long d, long s, int width) {
        if (width == Q) {
            return d + s;
        }
        long high = highBits(width);
        return ((d & ~high) + (s & ~high)) ^ ((d ^ s) & high);
    }

    /** Lane-wise wrapping subtract: borrows stop at each lane's top bit. */
    private static long subtract(long d, long s, int width) {
        if (width == Q) {
            return d - s;
        }
        long high = highBits(width);
        // Setting the top bits of d first keeps a borrow from leaving its lane.
        return ((d | high) - (s & ~high)) ^ ((d ^ s ^ high) & high);
    }

    private static long highBits(int width) {
        return width == B ? HIGH_BITS_B : width == W ? HIGH_BITS_W : HIGH_BITS_D;
    }

    private static long lanes(int kind, long d, long s, int w) {
        long m = w == 64 ? -1L : (1L << w) - 1;
        long r = 0;
        for (int sh = 0; sh < 64; sh += w) {
            r |= (lane(kind, (d >>> sh) & m, (s >>> sh) & m, w) & m) << sh;
        }
        return r;
    }

    /** One lane: a and b hold the lane zero-extended; the result is cut to w bits after. */
    private static long lane(int kind, long a, long b, int w) {
        switch (kind) {
            case ADDS: return saturateSigned(sx(a, w) + sx(b, w), w);
            case ADDUS: return Math.min(a + b, (1L << w) - 1);
            case SUBS: return saturateSigned(sx(a, w) - sx(b, w), w);
            case SUBUS: return Math.max(a - b, 0);
            case MINS: return sx(a, w) < sx(b, w) ? a : b;
            case MINU: return a < b ? a : b;
            case MAXS: return sx(a, w) > sx(b, w) ? a : b;
            case MAXU: return a > b ? a : b;
            case CMPEQ: return a == b ? -1L : 0;
            case CMPGT: return sx(a, w) > sx(b, w) ? -1L : 0;
            case AVG: return (a + b + 1) >>> 1;
            case SIGN: return sign(a, sx(b, w));
            case ABS: return Math.abs(sx(b, w));
            default: return multiply(kind, a, b, w);
        }
    }

    private static long multiply(int kind, long a, long b, int w) {
        switch (kind) {
            case MULL: return a * b;
            case MULHS: return (sx(a, w) * sx(b, w)) >> w;
            case MULHU: return (a * b) >>> w;
            // PMULHRSW: the 32-bit product scaled by 2^-15 with rounding to nearest.
            case MULHRS: return ((sx(a, w) * sx(b, w) >> 14) + 1) >> 1;
            case MULUDQ: return (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
            case MULDQ: return (long) (int) a * (int) b;
            case MADDWD: return (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
            case MADDUBSW: return maddubs(a, b);
            case SADBW: return sumOfAbsoluteDifferences(a, b);
            default: throw new IllegalArgumentException("no packed operation kind " + kind);
        }
    }

    private static long sx(long v, int w) {
        return (v << (64 - w)) >> (64 - w);
    }

    private static long saturateSigned(long v, int w) {
        long max = (1L << (w - 1)) - 1;
        return v > max ? max : v < -max - 1 ? -max - 1 : v;
    }

    private static long sign(long a, long control) {
        return control < 0 ? -a : control == 0 ? 0 : a;
    }

    /** PMADDUBSW: unsigned bytes of the destination times signed bytes of the source. */
    private static long maddubs(long a, long b) {
        long low = (a & 0xFF) * (byte) b;
        long high = ((a >>> 8) & 0xFF) * (byte) (b >>> 8);
        return saturateSigned(low + high, 16);
    }

    private static long sumOfAbsoluteDifferences(long a, long b) {
        long sum = 0;
        for (int sh = 0; sh < 64; sh += 8) {
            sum += Math.abs(((a >>> sh) & 0xFF) - ((b >>> sh) & 0xFF));
        }
        return sum;
    }
}

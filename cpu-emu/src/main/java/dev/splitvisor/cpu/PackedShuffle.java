package dev.splitvisor.cpu;

/**
 * Instructions that rearrange lanes across a whole XMM register: PUNPCKL* and PUNPCKH*, the
 * saturating packs PACKSSWB, PACKUSWB, PACKSSDW and PACKUSDW, PSHUFD, PSHUFHW, PSHUFLW,
 * PSHUFB, the blends PBLENDW and PBLENDVB, and the widening moves PMOVSX* and PMOVZX*.
 *
 * <p>Each takes the destination register as {@code x[d]} (low quadword) and {@code x[d + 1]}
 * (high) and the source as two quadwords already loaded, reads everything it needs into locals
 * and only then writes the destination, so a source that is the destination works.
 *
 * <p>Hot path: no allocation.
 */
final class PackedShuffle {
    static final int PUNPCKLBW = 0, PUNPCKLWD = 1, PUNPCKLDQ = 2, PUNPCKLQDQ = 3,
            PUNPCKHBW = 4, PUNPCKHWD = 5, PUNPCKHDQ = 6, PUNPCKHQDQ = 7, PACKSSWB = 8,
            PACKUSWB = 9, PACKSSDW = 10, PACKUSDW = 11, PSHUFD = 12, PSHUFHW = 13,
            PSHUFLW = 14, PSHUFB = 15, PBLENDW = 16, PBLENDVB = 17;

    private PackedShuffle() {
    }

    /** Runs shuffle {@code op} with destination {@code x[d..d+1]} and source sLo:sHi. */
    static void apply(int op, long[] x, int d, long sLo, long sHi, int imm8) {
        switch (op) {
            case PUNPCKLBW: case PUNPCKLWD: case PUNPCKLDQ:
                unpack(x, d, x[d], sLo, 8 << op);
                break;
            case PUNPCKHBW: case PUNPCKHWD: case PUNPCKHDQ:
                unpack(x, d, x[d + 1], sHi, 8 << (op - PUNPCKHBW));
                break;
            case PUNPCKLQDQ: x[d + 1] = sLo; break;
            case PUNPCKHQDQ: x[d] = x[d + 1]; x[d + 1] = sHi; break;
            case PACKSSWB: pack(x, d, sLo, sHi, 16, true); break;
            case PACKUSWB: pack(x, d, sLo, sHi, 16, false); break;
            case PACKSSDW: pack(x, d, sLo, sHi, 32, true); break;
            case PACKUSDW: pack(x, d, sLo, sHi, 32, false); break;
            case PSHUFD: shuffleDwords(x, d, sLo, sHi, imm8); break;
            case PSHUFHW: x[d] = sLo; x[d + 1] = shuffleWords(sHi, imm8); break;
            case PSHUFLW: x[d] = shuffleWords(sLo, imm8); x[d + 1] = sHi; break;
            case PSHUFB: shuffleBytes(x, d, sLo, sHi); break;
            case PBLENDW: blendWords(x, d, sLo, sHi, imm8); break;
            default: blendBytes(x, d, sLo, sHi); break;
        }
    }

    /** Interleaves the lanes of the low 32 bits of a and b into the destination register. */
    private static void unpack(long[] x, int d, long a, long b, int w) {
        x[d] = interleave(a, b, w);
        x[d + 1] = interleave(a >>> 32, b >>> 32, w);
    }

    /** The lanes of the low 32 bits of a and b interleaved, a's lane first, in a quadword. */
    static long interleave(long a, long b, int w) {
        long m = (1L << w) - 1;
        long r = 0;
        for (int k = 0; k < 32 / w; k++) {
            r |= ((a >>> (k * w)) & m) << (2 * k * w);
            r |= ((b >>> (k * w)) & m) << ((2 * k + 1) * w);
        }
        return r;
    }

    /** Narrows w-bit signed lanes to w/2 bits with signed or unsigned saturation. */
    private static void pack(long[] x, int d, long sLo, long sHi, int w, boolean signed) {
        long dLo = x[d];
        long dHi = x[d + 1];
        x[d] = narrow(dLo, w, signed) | narrow(dHi, w, signed) << 32;
        x[d + 1] = narrow(sLo, w, signed) | narrow(sHi, w, signed) << 32;
    }

    /** The w-bit signed lanes of q narrowed to w/2 bits with saturation, in the low half. */
    static long narrow(long q, int w, boolean signed) {
        int half = w / 2;
        long max = signed ? (1L << (half - 1)) - 1 : (1L << half) - 1;
        long min = signed ? -max - 1 : 0;
        long r = 0;
        for (int k = 0; k < 64 / w; k++) {
            long v = (q << (64 - w - k * w)) >> (64 - w);
            v = v > max ? max : v < min ? min : v;
            r |= (v & ((1L << half) - 1)) << (k * half);
        }
        return r;
    }

    private static void shuffleDwords(long[] x, int d, long sLo, long sHi, int imm8) {
        x[d] = dword(sLo, sHi, imm8) | dword(sLo, sHi, imm8 >>> 2) << 32;
        x[d + 1] = dword(sLo, sHi, imm8 >>> 4) | dword(sLo, sHi, imm8 >>> 6) << 32;
    }

    /** Dword {@code sel & 3} of lo:hi. */
    private static long dword(long lo, long hi, int sel) {
        long q = (sel & 2) == 0 ? lo : hi;
        return (q >>> ((sel & 1) * 32)) & 0xFFFFFFFFL;
    }

    /** PSHUFLW on one quadword: word k of the result is word imm8[2k+1:2k] of q. */
    static long shuffleWords(long q, int imm8) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int sel = (imm8 >>> (2 * k)) & 3;
            r |= ((q >>> (sel * 16)) & 0xFFFF) << (k * 16);
        }
        return r;
    }

    /** PSHUFB: the destination is the table, the source holds one index byte per lane. */
    private static void shuffleBytes(long[] x, int d, long sLo, long sHi) {
        long tLo = x[d];
        long tHi = x[d + 1];
        x[d] = lookup(tLo, tHi, sLo);
        x[d + 1] = lookup(tLo, tHi, sHi);
    }

    /** PSHUFB on one quadword of indices into the 16-byte table tLo:tHi. */
    static long lookup(long tLo, long tHi, long indices) {
        long r = 0;
        for (int k = 0; k < 64; k += 8) {
            int idx = (int) (indices >>> k) & 0xFF;
            if (idx < 0x80) {
                long t = (idx & 8) == 0 ? tLo : tHi;
                r |= ((t >>> ((idx & 7) * 8)) & 0xFF) << k;
            }
        }
        return r;
    }

    private static void blendWords(long[] x, int d, long sLo, long sHi, int imm8) {
        x[d] = select(x[d], sLo, wordMask(imm8));
        x[d + 1] = select(x[d + 1], sHi, wordMask(imm8 >>> 4));
    }

    /** Four imm8 bits to a quadword with 0xFFFF in the chosen words. */
    private static long wordMask(int bits) {
        long m = 0;
        for (int k = 0; k < 4; k++) {
            if ((bits >>> k & 1) != 0) {
                m |= 0xFFFFL << (k * 16);
            }
        }
        return m;
    }

    /** PBLENDVB: bytes whose mask byte in XMM0 has its top bit set come from the source. */
    private static void blendBytes(long[] x, int d, long sLo, long sHi) {
        long mLo = byteMask(x[0]);
        long mHi = byteMask(x[1]);
        x[d] = select(x[d], sLo, mLo);
        x[d + 1] = select(x[d + 1], sHi, mHi);
    }

    /** Spreads the top bit of each byte over the whole byte. */
    private static long byteMask(long q) {
        long tops = (q >>> 7) & 0x0101010101010101L;
        return tops * 0xFF;
    }

    private static long select(long d, long s, long mask) {
        return (d & ~mask) | (s & mask);
    }

    /**
     * PMOVSX and PMOVZX: widens the low lanes of {@code src} from {@code from} to {@code to}
     * bits and writes them to the destination.
     */
    static void extend(long[] x, int d, long src, int from, int to, boolean signed) {
        int perHalf = 64 / to;
        x[d] = widen(src, from, to, signed);
        x[d + 1] = widen(src >>> (perHalf * from), from, to, signed);
    }

    private static long widen(long src, int from, int to, boolean signed) {
        long toMask = to == 64 ? -1L : (1L << to) - 1;
        long r = 0;
        for (int k = 0; k < 64 / to; k++) {
            long v = (src >>> (k * from)) << (64 - from);
            v = signed ? v >> (64 - from) : v >>> (64 - from);
            r |= (v & toMask) << (k * to);
        }
        return r;
    }
}

package dev.splitvisor.cpu;

/**
 * Instructions that combine lanes of one register: the SSSE3 horizontal adds and subtracts
 * (PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW), the SSE4.1 PHMINPOSUW, MPSADBW and
 * PTEST.
 *
 * <p>Destination register {@code x[d]} (low quadword) and {@code x[d + 1]} (high); the source
 * comes as two loaded quadwords. Hot path: no allocation.
 */
final class PackedHorizontal {
    static final int PHADDW = 0, PHADDD = 1, PHADDSW = 2, PHSUBW = 3, PHSUBD = 4, PHSUBSW = 5;

    private PackedHorizontal() {
    }

    /**
     * A horizontal add or subtract: adjacent lane pairs of the destination give the low half
     * of the result, those of the source the high half.
     */
    static void pairs(int op, long[] x, int d, long sLo, long sHi) {
        long dLo = x[d];
        long dHi = x[d + 1];
        x[d] = pairHalf(op, dLo) | pairHalf(op, dHi) << 32;
        x[d + 1] = pairHalf(op, sLo) | pairHalf(op, sHi) << 32;
    }

    /** The 32 result bits of one quadword: two word results or one dword result. */
    static long pairHalf(int op, long q) {
        if (op == PHADDD || op == PHSUBD) {
            long a = (int) q;
            long b = (int) (q >>> 32);
            return ((op == PHADDD ? a + b : a - b)) & 0xFFFFFFFFL;
        }
        return pairWord(op, (short) q, (short) (q >>> 16))
                | pairWord(op, (short) (q >>> 32), (short) (q >>> 48)) << 16;
    }

    private static long pairWord(int op, int a, int b) {
        int v;
        switch (op) {
            case PHADDW: v = a + b; break;
            case PHSUBW: v = a - b; break;
            case PHADDSW: v = saturateWord(a + b); break;
            default: v = saturateWord(a - b); break;
        }
        return v & 0xFFFFL;
    }

    private static int saturateWord(int v) {
        return v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : v;
    }

    /**
     * PHMINPOSUW: the smallest unsigned word of the source in bits 0-15, its lowest index in
     * bits 16-18, zeros above.
     */
    static void minPosition(long[] x, int d, long sLo, long sHi) {
        int min = 0x10000;
        int at = 0;
        for (int k = 0; k < 8; k++) {
            int w = (int) ((k < 4 ? sLo : sHi) >>> ((k & 3) * 16)) & 0xFFFF;
            if (w < min) {
                min = w;
                at = k;
            }
        }
        x[d] = min | (long) at << 16;
        x[d + 1] = 0;
    }

    /**
     * MPSADBW: eight sums of absolute differences between a four-byte block of the source
     * (picked by imm8 bits 1:0) and the eight overlapping four-byte windows of the destination
     * starting at byte 0 or 4 (imm8 bit 2).
     */
    static void multipleSad(long[] x, int d, long sLo, long sHi, int imm8) {
        long dLo = x[d];
        long dHi = x[d + 1];
        int srcOff = (imm8 & 3) * 4;
        long block = ((srcOff < 8 ? sLo : sHi) >>> ((srcOff & 7) * 8)) & 0xFFFFFFFFL;
        int dstOff = (imm8 & 4);
        // The eleven destination bytes used, from dstOff on: at most bytes 4..14.
        long lowWindow = dstOff == 0 ? dLo : dLo >>> 32 | dHi << 32;
        long highWindow = dstOff == 0 ? dHi : dHi >>> 32;
        long lo = 0;
        long hi = 0;
        for (int j = 0; j < 4; j++) {
            lo |= sad4(bytesAt(lowWindow, highWindow, j), block) << (j * 16);
            hi |= sad4(bytesAt(lowWindow, highWindow, j + 4), block) << (j * 16);
        }
        x[d] = lo;
        x[d + 1] = hi;
    }

    /** Four bytes of lo:hi from byte j (j at most 7). */
    private static long bytesAt(long lo, long hi, int j) {
        long v = j == 0 ? lo : lo >>> (j * 8) | hi << (64 - j * 8);
        return v & 0xFFFFFFFFL;
    }

    private static long sad4(long a, long b) {
        long sum = 0;
        for (int sh = 0; sh < 32; sh += 8) {
            sum += Math.abs(((a >>> sh) & 0xFF) - ((b >>> sh) & 0xFF));
        }
        return sum;
    }

    /** PTEST: ZF when destination AND source is zero, CF when source AND NOT destination is. */
    static long testFlags(long dLo, long dHi, long sLo, long sHi) {
        long zf = ((dLo & sLo) | (dHi & sHi)) == 0 ? Flags.ZF : 0;
        long cf = ((~dLo & sLo) | (~dHi & sHi)) == 0 ? Flags.CF : 0;
        return zf | cf;
    }
}

package dev.splitvisor.cpu;

/**
 * Packed shifts: PSLLW/D/Q, PSRLW/D/Q and PSRAW/D by a count (an imm8 or the low quadword of
 * an XMM register or m128), the whole-register byte shifts PSLLDQ and PSRLDQ, and PALIGNR.
 *
 * <p>A count of at least the lane width clears a lane on a logical shift and fills it with its
 * sign on an arithmetic one; the count is compared as an unsigned 64-bit value, so huge counts
 * behave like large ones, as on hardware.
 *
 * <p>Hot path: no allocation.
 */
final class PackedShift {
    /** Shift kinds for {@link #bits}. */
    static final int LEFT = 0, RIGHT = 1, RIGHT_ARITHMETIC = 2;

    private static final long ONES_B = 0x0101010101010101L;
    private static final long ONES_W = 0x0001000100010001L;
    private static final long ONES_D = 0x0000000100000001L;

    private PackedShift() {
    }

    /** Shifts each w-bit lane of quadword x by {@code count} (unsigned) bits. */
    static long bits(int kind, int w, long x, long count) {
        boolean tooFar = Long.compareUnsigned(count, w) >= 0;
        if (kind == RIGHT_ARITHMETIC) {
            return arithmetic(w, x, tooFar ? w - 1 : (int) count);
        }
        if (tooFar) {
            return 0;
        }
        int n = (int) count;
        if (w == 64) {
            return kind == LEFT ? x << n : x >>> n;
        }
        long laneMask = (1L << w) - 1;
        long ones = w == 8 ? ONES_B : w == 16 ? ONES_W : ONES_D;
        // Bits that cross into the neighbouring lane are cut off by a replicated lane mask.
        if (kind == LEFT) {
            return (x << n) & (((laneMask << n) & laneMask) * ones);
        }
        return (x >>> n) & ((laneMask >>> n) * ones);
    }

    private static long arithmetic(int w, long x, int n) {
        long m = (1L << w) - 1;
        long r = 0;
        for (int sh = 0; sh < 64; sh += w) {
            long lane = ((x >>> sh) << (64 - w)) >> (64 - w);
            r |= ((lane >> n) & m) << sh;
        }
        return r;
    }

    /** PSLLDQ: shifts XMM register {@code x[d..d+1]} left by {@code bytes} (over 15 clears). */
    static void bytesLeft(long[] x, int d, int bytes) {
        long lo = x[d];
        long hi = x[d + 1];
        int b = bytes > 15 ? 128 : bytes * 8;
        if (b == 0) {
            return;
        }
        if (b < 64) {
            x[d + 1] = hi << b | lo >>> (64 - b);
            x[d] = lo << b;
        } else {
            x[d + 1] = b < 128 ? lo << (b - 64) : 0;
            x[d] = 0;
        }
    }

    /** PSRLDQ: shifts XMM register {@code x[d..d+1]} right by {@code bytes} (over 15 clears). */
    static void bytesRight(long[] x, int d, int bytes) {
        long lo = x[d];
        long hi = x[d + 1];
        int b = bytes > 15 ? 128 : bytes * 8;
        if (b == 0) {
            return;
        }
        if (b < 64) {
            x[d] = lo >>> b | hi << (64 - b);
            x[d + 1] = hi >>> b;
        } else {
            x[d] = b < 128 ? hi >>> (b - 64) : 0;
            x[d + 1] = 0;
        }
    }

    /**
     * PALIGNR: the destination and source side by side (destination high), shifted right by
     * imm8 bytes; the low 16 bytes are the result.
     */
    static void alignRight(long[] x, int d, long sLo, long sHi, int imm8) {
        long dLo = x[d];
        long dHi = x[d + 1];
        x[d] = window(imm8, sLo, sHi, dLo, dHi);
        x[d + 1] = window(imm8 + 8, sLo, sHi, dLo, dHi);
    }

    /** Eight bytes of the 32-byte concatenation q0..q3 from byte {@code offset}, zeros past it. */
    static long window(int offset, long q0, long q1, long q2, long q3) {
        if (offset >= 32) {
            return 0;
        }
        int sh = (offset & 7) * 8;
        long low = quad(offset >>> 3, q0, q1, q2, q3) >>> sh;
        return sh == 0 ? low : low | quad((offset >>> 3) + 1, q0, q1, q2, q3) << (64 - sh);
    }

    private static long quad(int k, long q0, long q1, long q2, long q3) {
        switch (k) {
            case 0: return q0;
            case 1: return q1;
            case 2: return q2;
            case 3: return q3;
            default: return 0;
        }
    }
}

package dev.splitvisor.testsuite.oracle;

import java.nio.charset.StandardCharsets;

/**
 * The input state of one oracle vector, derived from (seed, template name, vector number) with
 * splitmix64 and biased toward edge cases, exactly as make_inputs() in harness.c derives it.
 * Any change here must be made there too, and the data regenerated.
 *
 * <p>One instance is reused for every vector; {@link #derive} allocates nothing.
 */
final class OracleInputs {
    static final long CODE = 0x10000000L;
    static final long DATA = 0x20000000L;
    static final int DATA_SIZE = 0x2000;
    static final int WIN_OFF = 0xE00;
    static final int WIN_SIZE = 0x400;
    static final int WIN_WORDS = WIN_SIZE / 8;
    static final long PTR = DATA + 0x1000;
    static final long STACK = DATA + 0x1100;
    static final int FX_WORDS = 52;
    private static final int[] PC = {0, 2, 3, 3};

    final long[] gpr = new long[16];
    long rflags;
    final long[] xmm = new long[32];
    final byte[] win = new byte[WIN_SIZE];
    final long[] stSig = new long[8];
    final int[] stSe = new int[8];
    int mxcsr;
    int fcw;
    int fsw;
    int top;
    int depth;
    private long rng;

    private long next() {
        long z = rng += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** Fills this state with the inputs of vector {@code vec} of {@code t}. */
    void derive(OracleTemplate t, long nameHash, long seed, int vec) {
        rng = seed ^ nameHash ^ ((vec & 0xFFFFFFFFL) * 0xD1B54A32D192ED03L);
        for (int r = 0; r < 16; r++) {
            long a = next();
            gpr[r] = randInt(a, next());
        }
        rflags = (next() & 0x8D5) | 0x202;
        for (int k = 0; k < WIN_WORDS; k++) {
            long a = next();
            putLong(win, 8 * k, randInt(a, next()));
        }
        for (int k = 0; k < 32; k++) {
            long a = next();
            xmm[k] = randHalf(a, next());
        }
        for (int k = 0; k < 8; k++) {
            long a = next();
            randF80(k, a, next());
        }
        controlWords(t, next(), next(), next(), next());
        // MMn is the significand of physical register n, which is ST((n - TOP) mod 8).
        for (int n = 0; t.mmx && n < 8; n++) {
            long a = next();
            stSig[(n - top) & 7] = randInt(a, next());
        }
        gpr[4] = STACK;
        for (OracleTemplate.Constraint c : t.constraints) {
            apply(c);
        }
    }

    private void controlWords(OracleTemplate t, long x, long y, long z, long w) {
        top = (int) (x & 7);
        depth = t.depth >= 0 ? t.depth : (int) ((x >>> 3) % 6) + 2;
        fsw = (int) ((top << 11) | ((x >>> 8) & 0x4700));
        fcw = t.fcwRandom ? (int) (0x7F | (PC[(int) (y & 3)] << 8) | (((y >>> 2) & 3) << 10))
                : 0x37F;
        mxcsr = 0x1F80;
        if (t.mxcsrMode != 0) {
            mxcsr |= (int) (((z & 3) << 13) | (((z >>> 2) & 1) << 15) | (((z >>> 3) & 1) << 6));
        }
        if (t.mxcsrMode == 2) {
            mxcsr = (mxcsr & ~0x1F80) | (int) (((z >>> 4) & 0x3F) << 7);
        }
        if (t.dfRandom) {
            rflags |= (w & 1) << 10;
        }
    }

    /** An integer biased toward the edges: zero, one, all ones, sign bits, maxima, small. */
    static long randInt(long a, long b) {
        int bits = 8 << (int) (b & 3);
        long sign = 1L << (bits - 1);
        switch ((int) (a >>> 59)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1L;
            case 3: return sign;
            case 4: return sign - 1;
            case 5: return bits == 64 ? -1L : (1L << bits) - 1;
            case 6: return b & 0xFF;
            case 7: return ~(b & 0xFF);
            case 8: return 1L << (b & 63);
            case 9: return b & 0xFFFF;
            case 10: return b & 0xFFFFFFFFL;
            case 11: return (int) b;
            default: return b;
        }
    }

    static int randF32(int sel, int b) {
        int sign = b & 0x80000000;
        switch (sel) {
            case 0: return 0;
            case 1: return 0x80000000;
            case 2: return 0x3F800000 | sign;
            case 3: return 0x7F800000 | sign;
            case 4: return 0x7FC00000 | (b & 0x803FFFFF);
            case 5: return 0x7F800001 | (b & 0x803FFFFF);
            case 6: return b & 0x807FFFFF;
            case 7: return 0x00800000 | sign;
            case 8: return 0x7F7FFFFF | sign;
            case 9: case 10: return (b & 0x807FFFFF) | ((124 + ((b >>> 23) & 7)) << 23);
            case 11: return Float.floatToRawIntBits((float) (b & 0xFFFF) + 0.5f) | sign;
            case 12: return Float.floatToRawIntBits((float) (b & 0xFF) - 128.0f);
            case 13: return (b & 0x800000FF) | ((127 + ((b & 0x100) != 0 ? 63 : 31)) << 23);
            default: return b;
        }
    }

    static long randF64(int sel, long b) {
        long sign = b & 0x8000000000000000L;
        switch (sel) {
            case 0: return 0;
            case 1: return 0x8000000000000000L;
            case 2: return 0x3FF0000000000000L | sign;
            case 3: return 0x7FF0000000000000L | sign;
            case 4: return 0x7FF8000000000000L | (b & 0x8007FFFFFFFFFFFFL);
            case 5: return 0x7FF0000000000001L | (b & 0x8007FFFFFFFFFFFFL);
            case 6: return b & 0x800FFFFFFFFFFFFFL;
            case 7: return 0x0010000000000000L | sign;
            case 8: return 0x7FEFFFFFFFFFFFFFL | sign;
            case 9: case 10:
                return (b & 0x800FFFFFFFFFFFFFL) | ((1020L + ((b >>> 52) & 7)) << 52);
            case 11: return Double.doubleToRawLongBits((double) (b & 0xFFFFFFFFL) + 0.5) | sign;
            case 12: return Double.doubleToRawLongBits((double) (b & 0xFF) - 128.0);
            case 13:
                return (b & 0x800000000000FFFFL)
                        | ((1023L + ((b & 0x10000) != 0 ? 63 : 31) - ((b >>> 17) & 1)) << 52);
            default: return b;
        }
    }

    /** One 64-bit half of an XMM register: two binary32 values, one binary64 or raw bits. */
    static long randHalf(long a, long b) {
        switch ((int) (a & 3)) {
            case 0: case 1:
                return (randF32((int) (a >>> 60), (int) b) & 0xFFFFFFFFL)
                        | ((long) randF32((int) (a >>> 56) & 15, (int) (b >>> 32)) << 32);
            case 2: return randF64((int) (a >>> 60), b);
            default: return b;
        }
    }

    private void f80OfDouble(int k, double d) {
        long u = Double.doubleToRawLongBits(d);
        int sign = (int) ((u >>> 48) & 0x8000);
        long e = (u >>> 52) & 0x7FF;
        if (e == 0) {
            stSig[k] = 0;
            stSe[k] = sign;
        } else {
            stSig[k] = 0x8000000000000000L | (u << 11);
            stSe[k] = (int) (sign | (e - 1023 + 16383));
        }
    }

    private void randF80(int k, long a, long b) {
        int sign = (int) (((a >>> 59) & 1) << 15);
        long j = 0x8000000000000000L;
        long sig;
        int se;
        switch ((int) (a >>> 60)) {
            case 0: sig = 0; se = 0; break;
            case 1: sig = j; se = 0x3FFF; break;
            case 2: sig = j; se = 0x7FFF; break;
            case 3: sig = 0xC000000000000000L | (b & 0x3FFFFFFFFFFFFFFFL); se = 0x7FFF; break;
            case 4: sig = j | (b & 0x3FFFFFFFFFFFFFFFL) | 1; se = 0x7FFF; break;
            case 5: sig = b & 0x7FFFFFFFFFFFFFFFL; se = 0; break;
            case 6: sig = b | j; se = 0; break;
            case 7: sig = b & 0x7FFFFFFFFFFFFFFFL; se = (int) (1 + ((a >>> 16) & 0x3FFF)); break;
            case 8: sig = b | j; se = (int) (0x3FFF + ((a >>> 40) & 15) - 8); break;
            case 9: f80OfDouble(k, (double) (b & 0xFFFF)); sig = stSig[k]; se = stSe[k]; break;
            case 10:
                f80OfDouble(k, (double) (b & 0xFFFFF) + 0.5);
                sig = stSig[k];
                se = stSe[k];
                break;
            case 11: sig = b | j; se = (int) (0x3FFF + 62 + ((a >>> 40) & 3) - 1); break;
            case 12: sig = b | j; se = (int) (0x3FFF - 0x200 + ((a >>> 16) & 0x3FF)); break;
            case 13:
                sig = (b & 0xFFFFFFFFFFFFF800L) | j;
                se = (int) (0x3FFF + ((a >>> 40) & 15) - 8);
                break;
            default: sig = b | j; se = (int) (0x3FFF + ((a >>> 16) & 0x7F) - 64); break;
        }
        stSig[k] = sig;
        stSe[k] = (se | sign) & 0xFFFF;
    }

    // ---------------------------------------------------------------- constraints

    private static long sizeMask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    private long read(OracleTemplate.Loc l) {
        long v;
        switch (l.kind) {
            case OracleTemplate.L_GPR: v = gpr[l.reg] >>> l.shift; break;
            case OracleTemplate.L_MEM:
                v = getLong(win, (int) (PTR - DATA - WIN_OFF) + l.off);
                break;
            case OracleTemplate.L_XMM: v = xmm[2 * l.reg]; break;
            case OracleTemplate.L_MXCSR: v = mxcsr & 0xFFFFFFFFL; break;
            case OracleTemplate.L_MM: v = stSig[(l.reg - top) & 7]; break;
            default: v = fcw; break;
        }
        return v & sizeMask(l.size);
    }

    private void write(OracleTemplate.Loc l, long value) {
        long m = sizeMask(l.size);
        long v = value & m;
        switch (l.kind) {
            case OracleTemplate.L_GPR:
                gpr[l.reg] = (gpr[l.reg] & ~(m << l.shift)) | (v << l.shift);
                break;
            case OracleTemplate.L_MEM: {
                int at = (int) (PTR - DATA - WIN_OFF) + l.off;
                for (int k = 0; k < l.size; k++) {
                    win[at + k] = (byte) (v >>> (8 * k));
                }
                break;
            }
            case OracleTemplate.L_XMM: xmm[2 * l.reg] = v; break;
            case OracleTemplate.L_MXCSR: mxcsr = (int) v; break;
            case OracleTemplate.L_MM: stSig[(l.reg - top) & 7] = v; break;
            default: fcw = (int) v; break;
        }
    }

    private void apply(OracleTemplate.Constraint c) {
        long v = read(c.dst);
        switch (c.op) {
            case OracleTemplate.OP_SET: v = c.value; break;
            case OracleTemplate.OP_COPY: v = read(c.src); break;
            case OracleTemplate.OP_SX:
                v = ((read(c.src) >>> (8 * c.src.size - 1)) & 1) != 0 ? -1L : 0;
                break;
            case OracleTemplate.OP_MOD: v = Long.remainderUnsigned(v, c.modulus) + c.bias; break;
            case OracleTemplate.OP_NZ: v = v != 0 ? v : 1; break;
            case OracleTemplate.OP_LT: {
                long d = read(c.src);
                v = d != 0 ? Long.remainderUnsigned(v, d) : v;
                break;
            }
            case OracleTemplate.OP_AND: v &= c.value; break;
            default: v |= c.value; break;
        }
        write(c.dst, v);
    }

    // ---------------------------------------------------------------- FXSAVE image

    /** Writes the FXSAVE image of this state (x87 environment, ST(i), MXCSR, XMM) to fx. */
    void fxImage(byte[] fx) {
        java.util.Arrays.fill(fx, (byte) 0);
        putShort(fx, 0, fcw);
        putShort(fx, 2, fsw);
        int ftw = 0;
        for (int i = 0; i < depth && i < 8; i++) {
            ftw |= 1 << ((top + i) & 7);
        }
        fx[4] = (byte) ftw;
        putLong(fx, 24, mxcsr & 0xFFFFFFFFL);
        fx[28] = 0;
        for (int i = 0; i < 8; i++) {
            putLong(fx, 32 + 16 * i, stSig[i]);
            putShort(fx, 40 + 16 * i, stSe[i]);
        }
        for (int k = 0; k < 32; k++) {
            putLong(fx, 160 + 8 * k, xmm[k]);
        }
    }

    /** Bytes of each FXSAVE word that are compared (FOP, FIP, FDP, reserved bytes are not). */
    static long fxWordMask(int k) {
        if (k == 0) {
            return 0xFFFFFFFFFFL;
        }
        if (k == 1 || k == 2) {
            return 0;
        }
        if (k == 3) {
            return 0xFFFFFFFFL;
        }
        if (k < 20) {
            return (k & 1) != 0 ? 0xFFFF : -1L;
        }
        return -1L;
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[at + k] & 0xFF);
        }
        return v;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int k = 0; k < 8; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }
}

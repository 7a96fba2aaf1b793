package dev.splitvisor.cpu.sse;

/**
 * The SSE4.2 string compares PCMPESTRI, PCMPESTRM, PCMPISTRI and PCMPISTRM.
 *
 * <p>All four share one core, {@link #compare}: the caller works out the two lengths (from
 * EAX/EDX or RAX/RDX with {@link #explicitLength} for the E forms, by searching for the first
 * zero element with {@link #implicitLength} for the I forms), calls {@code compare}, and then
 * takes from its outcome ECX with {@link #index} (the I*I forms), XMM0 with {@link #maskLow} and
 * {@link #maskHigh} (the *M forms) and RFLAGS with {@link #rflags} (all forms). Operand a is
 * the first operand (XMM register in ModRM.reg), b the second (register or m128); each is
 * given as its low and high quadwords.
 *
 * <p>imm8: bit 0 words instead of bytes; bit 1 signed elements; bits 3:2 aggregation (equal
 * any, ranges, equal each, equal ordered); bits 5:4 polarity (positive, negative, positive,
 * masked negative); bit 6 most significant index (I forms) or a byte/word mask instead of a bit
 * mask (M forms). Bit 7 is ignored.
 *
 * <p>Hot path: no allocation, no exceptions.
 */
public final class PackedCompareString {
    /** RFLAGS.CF: IntRes2 is not zero. */
    public static final int CF = 1;
    /** RFLAGS.ZF: the second operand is shorter than a full register. */
    public static final int ZF = 1 << 6;
    /** RFLAGS.SF: the first operand is shorter than a full register. */
    public static final int SF = 1 << 7;
    /** RFLAGS.OF: bit 0 of IntRes2. */
    public static final int OF = 1 << 11;

    private static final int EQUAL_ANY = 0;
    private static final int RANGES = 1;
    private static final int EQUAL_EACH = 2;

    private PackedCompareString() {
    }

    /** Number of elements in a register: 16 bytes or 8 words. */
    public static int elements(int imm8) {
        return (imm8 & 1) != 0 ? 8 : 16;
    }

    /**
     * Length from EAX/EDX (sign-extended to long) or RAX/RDX: the absolute value, saturated to
     * the element count.
     */
    public static int explicitLength(long reg, int imm8) {
        int n = elements(imm8);
        long abs = reg < 0 ? -reg : reg;
        // -Long.MIN_VALUE stays negative; it saturates like every other huge length.
        return abs < 0 || abs > n ? n : (int) abs;
    }

    /** Length of a null-terminated string in a register: index of the first zero element. */
    public static int implicitLength(long lo, long hi, int imm8) {
        int n = elements(imm8);
        for (int i = 0; i < n; i++) {
            if (element(lo, hi, i, imm8) == 0) {
                return i;
            }
        }
        return n;
    }

    /**
     * Compares a (lenA valid elements) against b (lenB valid elements) per imm8.
     *
     * @return the outcome: IntRes2 in bits 0-15, the RFLAGS image in bits 32-63
     */
    public static long compare(long aLo, long aHi, long bLo, long bHi, int lenA, int lenB,
            int imm8) {
        int n = elements(imm8);
        int res1 = 0;
        for (int j = 0; j < n; j++) {
            if (aggregate(aLo, aHi, bLo, bHi, lenA, lenB, imm8, j)) {
                res1 |= 1 << j;
            }
        }
        int res2 = applyPolarity(res1, lenB, n, imm8);
        int flags = (res2 != 0 ? CF : 0) | (lenB < n ? ZF : 0) | (lenA < n ? SF : 0)
                | ((res2 & 1) != 0 ? OF : 0);
        return ((long) flags << 32) | res2;
    }

    /** ECX for PCMPxSTRI: least or most significant set bit of IntRes2, or the count. */
    public static int index(long outcome, int imm8) {
        int res2 = (int) outcome & 0xFFFF;
        if (res2 == 0) {
            return elements(imm8);
        }
        return (imm8 & 0x40) != 0 ? 31 - Integer.numberOfLeadingZeros(res2)
                : Integer.numberOfTrailingZeros(res2);
    }

    /** Low quadword of XMM0 for PCMPxSTRM. */
    public static long maskLow(long outcome, int imm8) {
        int res2 = (int) outcome & 0xFFFF;
        return (imm8 & 0x40) != 0 ? expand(res2, imm8, 0) : res2;
    }

    /** High quadword of XMM0 for PCMPxSTRM. */
    public static long maskHigh(long outcome, int imm8) {
        int res2 = (int) outcome & 0xFFFF;
        return (imm8 & 0x40) != 0 ? expand(res2, imm8, elements(imm8) / 2) : 0;
    }

    /** The RFLAGS bits CF, ZF, SF and OF; AF and PF are always cleared. */
    public static int rflags(long outcome) {
        return (int) (outcome >>> 32);
    }

    private static long expand(int res2, int imm8, int first) {
        int n = elements(imm8) / 2;
        int width = 64 / n;
        long elementMask = (imm8 & 1) != 0 ? 0xFFFFL : 0xFFL;
        long out = 0;
        for (int i = 0; i < n; i++) {
            if ((res2 >>> (first + i) & 1) != 0) {
                out |= elementMask << (i * width);
            }
        }
        return out;
    }

    /** Element i of a register, zero- or sign-extended per imm8[1]. */
    static int element(long lo, long hi, int i, int imm8) {
        boolean words = (imm8 & 1) != 0;
        int perHalf = words ? 4 : 8;
        long half = i < perHalf ? lo : hi;
        int shift = (i % perHalf) * (words ? 16 : 8);
        long raw = half >>> shift;
        boolean signed = (imm8 & 2) != 0;
        if (words) {
            return signed ? (short) raw : (int) raw & 0xFFFF;
        }
        return signed ? (byte) raw : (int) raw & 0xFF;
    }

    private static boolean aggregate(long aLo, long aHi, long bLo, long bHi, int lenA,
            int lenB, int imm8, int j) {
        int mode = (imm8 >>> 2) & 3;
        if (mode == EQUAL_EACH) {
            boolean aValid = j < lenA;
            boolean bValid = j < lenB;
            if (aValid && bValid) {
                return element(aLo, aHi, j, imm8) == element(bLo, bHi, j, imm8);
            }
            // Past the end of both strings counts as equal, past one of them as different.
            return !aValid && !bValid;
        }
        if (mode == EQUAL_ANY || mode == RANGES) {
            return j < lenB && inSet(aLo, aHi, lenA, element(bLo, bHi, j, imm8), imm8, mode);
        }
        return substringAt(aLo, aHi, bLo, bHi, lenA, lenB, imm8, j);
    }

    private static boolean inSet(long aLo, long aHi, int lenA, int c, int imm8, int mode) {
        if (mode == EQUAL_ANY) {
            for (int i = 0; i < lenA; i++) {
                if (element(aLo, aHi, i, imm8) == c) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i + 1 < lenA; i += 2) {
            if (element(aLo, aHi, i, imm8) <= c && c <= element(aLo, aHi, i + 1, imm8)) {
                return true;
            }
        }
        return false;
    }

    private static boolean substringAt(long aLo, long aHi, long bLo, long bHi, int lenA,
            int lenB, int imm8, int j) {
        int n = elements(imm8);
        // The needle a matches at j if each valid needle element equals b[j + k]; needle
        // elements past lenA match anything, haystack elements past lenB match nothing.
        for (int k = 0; k < n - j && k < lenA; k++) {
            if (j + k >= lenB
                    || element(aLo, aHi, k, imm8) != element(bLo, bHi, j + k, imm8)) {
                return false;
            }
        }
        return true;
    }

    private static int applyPolarity(int res1, int lenB, int n, int imm8) {
        int all = (1 << n) - 1;
        switch ((imm8 >>> 4) & 3) {
            case 1:
                return ~res1 & all;
            case 3:
                return res1 ^ ((1 << lenB) - 1);
            default:
                return res1;
        }
    }
}

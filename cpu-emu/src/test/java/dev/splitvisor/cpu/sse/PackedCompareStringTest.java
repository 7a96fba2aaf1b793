package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The idioms compilers and libc emit for the string compares, as readable examples. */
class PackedCompareStringTest {
    private static final int EQUAL_ANY = 0x00;
    private static final int RANGES = 0x04;
    private static final int EQUAL_EACH = 0x08;
    private static final int EQUAL_ORDERED = 0x0C;
    private static final int NEGATIVE = 0x10;
    private static final int MOST_SIGNIFICANT = 0x40;

    private static long[] xmm(String s) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(s.getBytes(StandardCharsets.ISO_8859_1));
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    /** PCMPISTRI: returns ECX, and the flags through the given array. */
    private static int istri(String a, String b, int imm8, int[] flags) {
        long[] x = xmm(a);
        long[] y = xmm(b);
        int lenA = PackedCompareString.implicitLength(x[0], x[1], imm8);
        int lenB = PackedCompareString.implicitLength(y[0], y[1], imm8);
        long outcome = PackedCompareString.compare(x[0], x[1], y[0], y[1], lenA, lenB, imm8);
        flags[0] = PackedCompareString.rflags(outcome);
        return PackedCompareString.index(outcome, imm8);
    }

    @Test
    void strpbrkFindsTheFirstVowel() {
        int[] flags = new int[1];
        assertEquals(1, istri("aeiou", "hello world", EQUAL_ANY, flags));
        int cf = PackedCompareString.CF;
        assertEquals(cf | PackedCompareString.ZF | PackedCompareString.SF, flags[0]);
        assertEquals(7, istri("aeiou", "hello world", EQUAL_ANY | MOST_SIGNIFICANT, flags));
    }

    @Test
    void rangesFindTheFirstLowerCaseLetter() {
        int[] flags = new int[1];
        assertEquals(3, istri("az", "ABCdef", RANGES, flags));
        assertEquals(16, istri("az", "ABCDEFGHIJKLMNOP", RANGES, flags));
        assertEquals(0, flags[0] & PackedCompareString.CF);
    }

    @Test
    void strcmpFindsTheFirstDifference() {
        int[] flags = new int[1];
        assertEquals(3, istri("hello", "help!", EQUAL_EACH | NEGATIVE, flags));
        assertEquals(16, istri("same", "same", EQUAL_EACH | NEGATIVE, flags));
    }

    @Test
    void strstrFindsTheNeedleAndPartialMatchesAtTheEnd() {
        int[] flags = new int[1];
        assertEquals(3, istri("lo", "hello world", EQUAL_ORDERED, flags));
        // A needle running past the end of the register still matches as a prefix.
        assertEquals(14, istri("xyz", "aaaaaaaaaaaaaaxy", EQUAL_ORDERED, flags));
    }

    @Test
    void explicitLengthsAreAbsoluteAndSaturated() {
        assertEquals(5, PackedCompareString.explicitLength(-5, 0));
        assertEquals(16, PackedCompareString.explicitLength(100, 0));
        assertEquals(8, PackedCompareString.explicitLength(100, 1));
        assertEquals(16, PackedCompareString.explicitLength(Long.MIN_VALUE, 0));
        assertEquals(16, PackedCompareString.explicitLength(Integer.MIN_VALUE, 0));
    }

    @Test
    void byteMaskExpandsEachMatch() {
        long[] x = xmm("a");
        long[] y = xmm("banana");
        int imm8 = EQUAL_ANY | MOST_SIGNIFICANT;
        long outcome = PackedCompareString.compare(x[0], x[1], y[0], y[1], 1, 6, imm8);
        assertEquals(0x0000_FF00_FF00_FF00L, PackedCompareString.maskLow(outcome, imm8));
        assertEquals(0, PackedCompareString.maskHigh(outcome, imm8));
        assertEquals(0b101010, PackedCompareString.maskLow(outcome, EQUAL_ANY));
    }
}

package dev.splitvisor.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Replays the vectors recorded on real x87 hardware (src/test/native/x87/gen.sh) against
 * {@link F80} and {@link X87Transcendental}: exact results and flags for arithmetic,
 * conversions and compares; within one ulp for transcendentals (C1 not compared there, PE
 * only when the results are equal).
 */
class X87GoldenTest {
    private static boolean transcendental(String op) {
        switch (op) {
            case "fsin":
            case "fcos":
            case "fsincos":
            case "fptan":
            case "f2xm1":
            case "fpatan":
            case "fyl2x":
            case "fyl2xp1":
                return true;
            default:
                return false;
        }
    }

    @Test
    void arithmeticConversionsAndComparesMatchHardwareExactly() throws Exception {
        GoldenReplay g = new GoldenReplay();
        g.run(op -> !transcendental(op));
        assertTrue(g.total() > 90_000, "too few vectors: " + g.total());
        assertEquals(0, g.failures(), g.report());
    }

    @Test
    void transcendentalsWithinOneUlpOfHardware() throws Exception {
        GoldenReplay g = new GoldenReplay();
        g.run(X87GoldenTest::transcendental);
        assertTrue(g.total() > 20_000, "too few vectors: " + g.total());
        assertEquals(0, g.failures(), g.report());
    }
}

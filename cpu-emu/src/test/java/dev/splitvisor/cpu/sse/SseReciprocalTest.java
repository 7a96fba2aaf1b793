package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SseReciprocalTest {
    private static final double BOUND = 1.5 * Math.scalb(1.0, -12);

    @Test
    void approximationsStayWithinTheArchitecturalBound() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 1_000_000; i++) {
            int x = random.nextInt() & 0x7FFF_FFFF;
            float f = Float.intBitsToFloat(x);
            int exp = x >>> 23;
            if (exp == 0 || exp >= 253) {
                continue;
            }
            double rcp = Float.intBitsToFloat(SseReciprocal.rcp32(x));
            double rsqrt = Float.intBitsToFloat(SseReciprocal.rsqrt32(x));
            assertTrue(Math.abs(rcp * f - 1) <= BOUND, () -> "RCP " + f);
            assertTrue(Math.abs(rsqrt * Math.sqrt(f) - 1) <= BOUND, () -> "RSQRT " + f);
        }
    }

    @Test
    void specialCasesFollowHardware() {
        assertEquals(0x7F80_0000, SseReciprocal.rcp32(0));
        assertEquals(0xFF80_0000, SseReciprocal.rcp32(0x8000_0001));
        assertEquals(0x8000_0000, SseReciprocal.rcp32(0xFF80_0000));
        assertEquals(0, SseReciprocal.rcp32(0x7E80_0000));
        assertEquals(0x7FC0_0001, SseReciprocal.rcp32(0x7F80_0001));
        assertEquals(0xFFC0_0000, SseReciprocal.rsqrt32(0xBF80_0000));
        assertEquals(0xFF80_0000, SseReciprocal.rsqrt32(0x8000_0000));
        assertEquals(0, SseReciprocal.rsqrt32(0x7F80_0000));
    }
}

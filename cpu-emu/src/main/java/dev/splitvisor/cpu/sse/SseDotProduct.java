package dev.splitvisor.cpu.sse;

/**
 * DPPS and DPPD (SSE4.1 dot products).
 *
 * <p>The order of operations is the one in the Intel SDM pseudocode and was confirmed on an AMD
 * Zen 4 by SseGoldenTest: each selected product (imm8[7:4] for DPPS, imm8[5:4] for DPPD) is
 * rounded on its own, unselected products are +0.0 and are never computed (so they raise
 * nothing); DPPS then adds (p0 + p1) and (p2 + p3), each rounded, and adds the two sums, rounded
 * again; DPPD adds p0 + p1 once. Every multiply and add raises its flags under MXCSR as the
 * scalar operations do. The sum is written to the lanes selected by imm8[3:0] (DPPS) or
 * imm8[1:0] (DPPD); the other lanes become +0.0, see {@link #lane}. Each stage (multiplies,
 * first additions, last addition) is like one packed instruction: an unmasked exception stops
 * the instruction there, the flags of earlier stages still reach MXCSR, and the returned value
 * is meaningless ({@link Mxcsr#endStage()}). A denormal product feeding an addition raises DE.
 *
 * <p>Hot path: no allocation, no exceptions.
 */
public final class SseDotProduct {
    private SseDotProduct() {
    }

    /**
     * DPPS: the dot product of the selected lanes of a and b (each 128-bit operand given as its
     * low and high quadwords; lane 0 is the low 32 bits of lo).
     */
    public static int dpps(Mxcsr m, long aLo, long aHi, long bLo, long bHi, int imm8) {
        int p0 = product(m, (int) aLo, (int) bLo, imm8, 0);
        int p1 = product(m, (int) (aLo >>> 32), (int) (bLo >>> 32), imm8, 1);
        int p2 = product(m, (int) aHi, (int) bHi, imm8, 2);
        int p3 = product(m, (int) (aHi >>> 32), (int) (bHi >>> 32), imm8, 3);
        if (m.endStage()) {
            return 0;
        }
        int low = SseArith.add32(m, p0, p1);
        int high = SseArith.add32(m, p2, p3);
        if (m.endStage()) {
            return 0;
        }
        return SseArith.add32(m, low, high);
    }

    /** DPPD: the dot product of the selected lanes of a = (a0, a1) and b = (b0, b1). */
    public static long dppd(Mxcsr m, long a0, long a1, long b0, long b1, int imm8) {
        long p0 = (imm8 & 0x10) != 0 ? SseArith.mul64(m, a0, b0) : 0;
        long p1 = (imm8 & 0x20) != 0 ? SseArith.mul64(m, a1, b1) : 0;
        if (m.endStage()) {
            return 0;
        }
        return SseArith.add64(m, p0, p1);
    }

    /** Destination lane i of DPPS (i in 0-3) or DPPD (i in 0-1): the sum, or +0.0. */
    public static long lane(long sum, int imm8, int i) {
        return (imm8 >>> i & 1) != 0 ? sum : 0;
    }

    private static int product(Mxcsr m, int a, int b, int imm8, int i) {
        return (imm8 >>> (4 + i) & 1) != 0 ? SseArith.mul32(m, a, b) : 0;
    }
}

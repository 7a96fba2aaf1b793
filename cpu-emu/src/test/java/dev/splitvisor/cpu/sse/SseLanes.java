package dev.splitvisor.cpu.sse;

/**
 * Maps the instruction kinds of the golden data (the enum in src/test/native/sse/gen.c) to the
 * lane operations, the way the interpreter is expected to use them.
 */
final class SseLanes {
    static final int RCPSS = 18;
    static final int RSQRTSS = 19;

    private SseLanes() {
    }

    /** Bits of the recorded scalar result that the instruction defines. */
    static long resultMask(int kind) {
        switch (kind) {
            case 10: case 12: case 14: case 32: case 34:
            case 20: case 21: case 22: case 23: case 24: case 25: case 26: case 27:
            case 28: case 29: case 35: case 36: case 37:
                return -1L;
            default:
                return kind >= 40 ? -1L : 0xFFFF_FFFFL;
        }
    }

    static long scalar(Mxcsr m, int kind, int imm, long a, long b) {
        int fa = (int) a;
        int fb = (int) b;
        switch (kind) {
            case 0: return SseArith.add32(m, fa, fb);
            case 1: return SseArith.sub32(m, fa, fb);
            case 2: return SseArith.mul32(m, fa, fb);
            case 3: return SseArith.div32(m, fa, fb);
            case 4: return SseArith.sqrt32(m, fb);
            case 5: return SseArith.min32(m, fa, fb);
            case 6: return SseArith.max32(m, fa, fb);
            case 7: return SseCompare.cmp32(m, fa, fb, imm);
            case 8: return SseCompare.comiss(m, fa, fb);
            case 9: return SseCompare.ucomiss(m, fa, fb);
            case 10: return SseConvert.cvtss2sd(m, fb);
            case 11: return SseConvert.cvtss2si(m, fb);
            case 12: return SseConvert.cvtss2si64(m, fb);
            case 13: return SseConvert.cvttss2si(m, fb);
            case 14: return SseConvert.cvttss2si64(m, fb);
            case 15: return SseConvert.cvtsi2ss(m, (int) a);
            case 16: return SseConvert.cvtsi2ss(m, a);
            case 17: return SseConvert.round32(m, fb, imm);
            case RCPSS: return SseReciprocal.rcp32(fb);
            case RSQRTSS: return SseReciprocal.rsqrt32(fb);
            default: return scalar64(m, kind, imm, a, b);
        }
    }

    private static long scalar64(Mxcsr m, int kind, int imm, long a, long b) {
        switch (kind) {
            case 20: return SseArith.add64(m, a, b);
            case 21: return SseArith.sub64(m, a, b);
            case 22: return SseArith.mul64(m, a, b);
            case 23: return SseArith.div64(m, a, b);
            case 24: return SseArith.sqrt64(m, b);
            case 25: return SseArith.min64(m, a, b);
            case 26: return SseArith.max64(m, a, b);
            case 27: return SseCompare.cmp64(m, a, b, imm);
            case 28: return SseCompare.comisd(m, a, b);
            case 29: return SseCompare.ucomisd(m, a, b);
            case 30: return SseConvert.cvtsd2ss(m, b);
            case 31: return SseConvert.cvtsd2si(m, b);
            case 32: return SseConvert.cvtsd2si64(m, b);
            case 33: return SseConvert.cvttsd2si(m, b);
            case 34: return SseConvert.cvttsd2si64(m, b);
            case 35: return SseConvert.cvtsi2sd(m, (int) a);
            case 36: return SseConvert.cvtsi2sd(m, a);
            case 37: return SseConvert.round64(m, b, imm);
            default: throw new IllegalArgumentException("unknown scalar kind " + kind);
        }
    }

    static void packed(Mxcsr m, int kind, int imm, long a0, long a1, long b0, long b1,
            long[] out) {
        switch (kind) {
            case 40: case 41: case 42:
                out[0] = ps(m, kind, a0, b0);
                out[1] = ps(m, kind, a1, b1);
                break;
            case 43: {
                long dot = SseDotProduct.dpps(m, a0, a1, b0, b1, imm) & 0xFFFF_FFFFL;
                out[0] = SseDotProduct.lane(dot, imm, 0) | SseDotProduct.lane(dot, imm, 1) << 32;
                out[1] = SseDotProduct.lane(dot, imm, 2) | SseDotProduct.lane(dot, imm, 3) << 32;
                break;
            }
            case 44: {
                long dot = SseDotProduct.dppd(m, a0, a1, b0, b1, imm);
                out[0] = SseDotProduct.lane(dot, imm, 0);
                out[1] = SseDotProduct.lane(dot, imm, 1);
                break;
            }
            case 45:
                out[0] = pair(SseArith.add32(m, (int) a0, (int) (a0 >>> 32)),
                        SseArith.add32(m, (int) a1, (int) (a1 >>> 32)));
                out[1] = pair(SseArith.add32(m, (int) b0, (int) (b0 >>> 32)),
                        SseArith.add32(m, (int) b1, (int) (b1 >>> 32)));
                break;
            case 46:
                out[0] = pair(SseArith.sub32(m, (int) a0, (int) b0),
                        SseArith.add32(m, (int) (a0 >>> 32), (int) (b0 >>> 32)));
                out[1] = pair(SseArith.sub32(m, (int) a1, (int) b1),
                        SseArith.add32(m, (int) (a1 >>> 32), (int) (b1 >>> 32)));
                break;
            case 47:
                out[0] = SseArith.sqrt64(m, b0);
                out[1] = SseArith.sqrt64(m, b1);
                break;
            case 48:
                out[0] = SseArith.mul64(m, a0, b0);
                out[1] = SseArith.mul64(m, a1, b1);
                break;
            default:
                throw new IllegalArgumentException("unknown packed kind " + kind);
        }
    }

    private static long ps(Mxcsr m, int kind, long a, long b) {
        return pair(op(m, kind, (int) a, (int) b), op(m, kind, (int) (a >>> 32), (int) (b >>> 32)));
    }

    private static int op(Mxcsr m, int kind, int a, int b) {
        if (kind == 40) {
            return SseArith.add32(m, a, b);
        }
        return kind == 41 ? SseArith.mul32(m, a, b) : SseArith.div32(m, a, b);
    }

    private static long pair(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | (long) hi << 32;
    }
}

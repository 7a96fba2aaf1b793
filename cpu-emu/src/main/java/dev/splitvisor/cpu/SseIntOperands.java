package dev.splitvisor.cpu;

/**
 * Operand forms of the SSE integer instructions: where the 128-bit source comes from (an XMM
 * register or m128, with the legacy-SSE 16-byte alignment rule), and the common shapes
 * "destination op= source" that the executors in {@link SseIntOps} are built from.
 *
 * <p>Legacy (non-VEX) SSE requires m128 operands to be 16-byte aligned, except for MOVDQU,
 * LDDQU and the SSE4.2 string compares; a misaligned one raises #GP(0) before any access.
 * Narrower operands (PMOVSX/ZX, MOVD, MOVQ, PINSR*, PEXTR*) may sit at any address.
 * Every form reads all of its sources before it writes the destination, so a #PF on the
 * second quadword of a source changes nothing.
 *
 * <p>Hot path: no allocation except the fault itself.
 */
final class SseIntOperands {
    private SseIntOperands() {
    }

    /** The effective address of an m128 operand that must be 16-byte aligned. */
    static long aligned(Cpu c, Insn i) {
        long a = c.ea(i);
        if ((a & 15) != 0) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
        return a;
    }

    /** The source address (0 for a register source), checked for alignment when asked. */
    static long source(Cpu c, Insn i, boolean mustAlign) {
        if (i.rm >= 0) {
            return 0;
        }
        return mustAlign ? aligned(c, i) : c.ea(i);
    }

    /** Low quadword of the source register, or of m128 at {@code a}. */
    static long low(Cpu c, Insn i, long a) {
        return i.rm >= 0 ? c.xmm[i.rm << 1] : c.mem.read64(a);
    }

    /** High quadword of the source register, or of m128 at {@code a}. */
    static long high(Cpu c, Insn i, long a) {
        return i.rm >= 0 ? c.xmm[(i.rm << 1) + 1] : c.mem.read64(a + 8);
    }

    /** XMM(reg) = op(XMM(reg), xmm/m128) for a lane-wise {@link PackedArith} operation. */
    static void lanes(Cpu c, Insn i, int op) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        long[] x = c.xmm;
        int d = i.reg << 1;
        x[d] = PackedArith.apply(op, x[d], sLo);
        x[d + 1] = PackedArith.apply(op, x[d + 1], sHi);
    }

    /** A {@link PackedShuffle} operation with an aligned xmm/m128 source. */
    static void shuffle(Cpu c, Insn i, int op) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        PackedShuffle.apply(op, c.xmm, i.reg << 1, sLo, sHi, (int) i.imm & 0xFF);
    }

    /** A {@link PackedHorizontal} pair operation with an aligned xmm/m128 source. */
    static void pairs(Cpu c, Insn i, int op) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        PackedHorizontal.pairs(op, c.xmm, i.reg << 1, sLo, sHi);
    }

    /** PSLL/PSRL/PSRA xmm, xmm/m128: the count is the whole low quadword of the source. */
    static void shiftByRegister(Cpu c, Insn i, int kind, int w) {
        long a = source(c, i, true);
        // Aligned, so the ignored upper quadword lies on the same page and cannot fault alone.
        long count = low(c, i, a);
        shift(c.xmm, i.reg << 1, kind, w, count);
    }

    /**
     * Groups 12, 13 and 14 (66 0F 71, 72, 73 /digit ib): PSRLW/D/Q (/2), PSRAW/D (/4),
     * PSLLW/D/Q (/6), PSRLDQ (/3) and PSLLDQ (/7) of XMM(rm) by imm8; register forms only.
     */
    static void shiftByImmediate(Cpu c, Insn i) {
        int sub = (i.modrm >>> 3) & 7;
        int w = 16 << ((i.opcode & 0xFF) - 0x71);
        boolean quad = w == 64;
        if (i.rm < 0 || (quad && sub == 4) || (!quad && (sub & 1) != 0)) {
            throw Unimplemented.undefined(c, i);
        }
        int d = i.rm << 1;
        int count = (int) i.imm & 0xFF;
        switch (sub) {
            case 2: shift(c.xmm, d, PackedShift.RIGHT, w, count); break;
            case 3: PackedShift.bytesRight(c.xmm, d, count); break;
            case 4: shift(c.xmm, d, PackedShift.RIGHT_ARITHMETIC, w, count); break;
            case 6: shift(c.xmm, d, PackedShift.LEFT, w, count); break;
            case 7: PackedShift.bytesLeft(c.xmm, d, count); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** Shifts both quadwords of the register at {@code x[d]} lane by lane. */
    static void shift(long[] x, int d, int kind, int w, long count) {
        x[d] = PackedShift.bits(kind, w, x[d], count);
        x[d + 1] = PackedShift.bits(kind, w, x[d + 1], count);
    }

    /**
     * PMOVSX/PMOVZX: the source is the low {@code 16 * from / to} bytes of an XMM register or
     * an unaligned memory operand of that size.
     */
    static void extend(Cpu c, Insn i, int from, int to, boolean signed) {
        long src;
        if (i.rm >= 0) {
            src = c.xmm[i.rm << 1];
        } else {
            src = c.load(c.ea(i), 16 * from / to);
        }
        PackedShuffle.extend(c.xmm, i.reg << 1, src, from, to, signed);
    }

    /** PALIGNR xmm, xmm/m128, imm8. */
    static void alignRight(Cpu c, Insn i) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        PackedShift.alignRight(c.xmm, i.reg << 1, sLo, sHi, (int) i.imm & 0xFF);
    }

    /** PHMINPOSUW xmm, xmm/m128. */
    static void minPosition(Cpu c, Insn i) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        PackedHorizontal.minPosition(c.xmm, i.reg << 1, sLo, sHi);
    }

    /** MPSADBW xmm, xmm/m128, imm8. */
    static void multipleSad(Cpu c, Insn i) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        PackedHorizontal.multipleSad(c.xmm, i.reg << 1, sLo, sHi, (int) i.imm);
    }

    /** PTEST xmm, xmm/m128: sets ZF and CF, clears AF, OF, PF and SF. */
    static void test(Cpu c, Insn i) {
        long a = source(c, i, true);
        long sLo = low(c, i, a);
        long sHi = high(c, i, a);
        int d = i.reg << 1;
        c.setArith(PackedHorizontal.testFlags(c.xmm[d], c.xmm[d + 1], sLo, sHi));
    }
}

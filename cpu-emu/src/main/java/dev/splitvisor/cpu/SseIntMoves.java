package dev.splitvisor.cpu;

/**
 * SSE integer data movement: MOVD/MOVQ between general registers, memory and XMM registers,
 * MOVDQA, MOVDQU, LDDQU, MOVNTDQ, MOVNTDQA, the lane inserts and extracts PINSRB/W/D/Q and
 * PEXTRB/W/D/Q, PMOVMSKB and MASKMOVDQU.
 *
 * <p>Stores of 16 bytes check the whole destination before the first write (an unaligned one
 * can span two pages), so a fault leaves memory as it was. General-register writes follow the
 * x86-64 rule that a 32-bit write clears bits 63:32. Hot path: no allocation.
 */
final class SseIntMoves {
    private SseIntMoves() {
    }

    /** 66 [REX.W] 0F 6E: MOVD/MOVQ xmm, r/m32 or r/m64, zeroing the rest of the register. */
    static void toXmm(Cpu c, Insn i) {
        long v = c.readRm(i, i.has(Insn.P_REXW) ? 8 : 4);
        c.xmm[i.reg << 1] = v;
        c.xmm[(i.reg << 1) + 1] = 0;
    }

    /** 66 [REX.W] 0F 7E: MOVD/MOVQ r/m32 or r/m64, xmm. */
    static void fromXmm(Cpu c, Insn i) {
        c.writeRm(i, i.has(Insn.P_REXW) ? 8 : 4, c.xmm[i.reg << 1]);
    }

    /** F3 0F 7E: MOVQ xmm, xmm/m64 (the upper quadword is cleared). */
    static void loadQuad(Cpu c, Insn i) {
        long v = i.rm >= 0 ? c.xmm[i.rm << 1] : c.mem.read64(c.ea(i));
        c.xmm[i.reg << 1] = v;
        c.xmm[(i.reg << 1) + 1] = 0;
    }

    /** 66 0F D6: MOVQ xmm/m64, xmm (a register destination has its upper quadword cleared). */
    static void storeQuad(Cpu c, Insn i) {
        long v = c.xmm[i.reg << 1];
        if (i.rm >= 0) {
            c.xmm[i.rm << 1] = v;
            c.xmm[(i.rm << 1) + 1] = 0;
        } else {
            c.mem.write64(c.ea(i), v);
        }
    }

    /** MOVDQA/MOVDQU/LDDQU/MOVNTDQA xmm, xmm/m128; {@code memoryOnly} forms #UD on a register. */
    static void load(Cpu c, Insn i, boolean mustAlign, boolean memoryOnly) {
        if (memoryOnly && i.rm >= 0) {
            throw Unimplemented.undefined(c, i);
        }
        long a = SseIntOperands.source(c, i, mustAlign);
        long lo = SseIntOperands.low(c, i, a);
        long hi = SseIntOperands.high(c, i, a);
        c.xmm[i.reg << 1] = lo;
        c.xmm[(i.reg << 1) + 1] = hi;
    }

    /** MOVDQA/MOVDQU/MOVNTDQ xmm/m128, xmm; {@code memoryOnly} forms #UD on a register. */
    static void store(Cpu c, Insn i, boolean mustAlign, boolean memoryOnly) {
        long lo = c.xmm[i.reg << 1];
        long hi = c.xmm[(i.reg << 1) + 1];
        if (i.rm >= 0) {
            if (memoryOnly) {
                throw Unimplemented.undefined(c, i);
            }
            c.xmm[i.rm << 1] = lo;
            c.xmm[(i.rm << 1) + 1] = hi;
            return;
        }
        long a = mustAlign ? SseIntOperands.aligned(c, i) : c.ea(i);
        if ((a & 0xFFF) > 0xFF0) {
            // Only a store that spans two pages can fault after its first half is written.
            c.mem.probeWrite(a, 16);
        }
        c.mem.write64(a, lo);
        c.mem.write64(a + 8, hi);
    }

    /** PINSRB/PINSRW/PINSRD/PINSRQ: lane imm8 of XMM(reg) from r32/r64 or memory. */
    static void insert(Cpu c, Insn i, int size) {
        long v = i.rm >= 0 ? c.gpr[i.rm] : c.load(c.ea(i), size);
        int lanes = 16 / size;
        int lane = (int) i.imm & (lanes - 1);
        int half = lane < lanes / 2 ? 0 : 1;
        int shift = (lane % (lanes / 2)) * size * 8;
        long m = Flags.mask(size) << shift;
        int d = (i.reg << 1) + half;
        c.xmm[d] = (c.xmm[d] & ~m) | ((v << shift) & m);
    }

    /** Lane imm8 of XMM {@code xmm}, zero-extended. */
    static long lane(Cpu c, int xmm, int size, long imm) {
        int lanes = 16 / size;
        int lane = (int) imm & (lanes - 1);
        long q = c.xmm[(xmm << 1) + (lane < lanes / 2 ? 0 : 1)];
        return (q >>> ((lane % (lanes / 2)) * size * 8)) & Flags.mask(size);
    }

    /**
     * 66 0F3A 14/15/16: PEXTRB/PEXTRW/PEXTRD/PEXTRQ r/m, xmm, imm8. A register destination
     * gets the lane zero-extended to 64 bits (PEXTRD writes 32 bits, which clears the rest).
     */
    static void extract(Cpu c, Insn i, int size) {
        long v = lane(c, i.reg, size, i.imm);
        if (i.rm >= 0) {
            c.gpr[i.rm] = v;
        } else {
            c.store(c.ea(i), size, v);
        }
    }

    /** 66 0F C5: PEXTRW r32, xmm, imm8 (register forms only). */
    static void extractWord(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        c.gpr[i.reg] = lane(c, i.rm, 2, i.imm);
    }

    /** 66 0F D7: PMOVMSKB r32, xmm: the top bit of each byte, zero-extended. */
    static void moveMask(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        long m = byteSigns(c.xmm[i.rm << 1]) | byteSigns(c.xmm[(i.rm << 1) + 1]) << 8;
        c.gpr[i.reg] = m;
    }

    /** The top bits of the eight bytes of q as an 8-bit value. */
    static long byteSigns(long q) {
        // Gather bit 7 of every byte into the top byte with one multiply, then move it down.
        long tops = (q >>> 7) & 0x0101010101010101L;
        return (tops * 0x0102040810204080L) >>> 56;
    }

    /**
     * 66 0F F7: MASKMOVDQU xmm1, xmm2: stores the bytes of xmm1 whose byte in xmm2 has its top
     * bit set to [RDI] (EDI with 67, DS or an FS/GS override). Every chosen byte is checked for
     * writability before the first one is stored.
     */
    static void maskedStore(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        long base = maskedStoreAddress(c, i);
        long mask = byteSigns(c.xmm[i.rm << 1]) | byteSigns(c.xmm[(i.rm << 1) + 1]) << 8;
        for (int k = 0; k < 16; k++) {
            if ((mask >>> k & 1) != 0) {
                c.mem.probeWrite(base + k, 1);
            }
        }
        for (int k = 0; k < 16; k++) {
            if ((mask >>> k & 1) != 0) {
                c.mem.write8(base + k, (int) lane(c, i.reg, 1, k));
            }
        }
    }

    /** The destination of MASKMOVDQU and MASKMOVQ: RDI (EDI with 67) plus an FS/GS base. */
    static long maskedStoreAddress(Cpu c, Insn i) {
        long a = c.gpr[Cpu.RDI];
        if (i.has(Insn.P_67)) {
            a &= 0xFFFFFFFFL;
        }
        if (i.seg != Insn.SEG_NONE) {
            a += i.seg == Insn.SEG_FS ? c.fsBase : c.gsBase;
        }
        return a;
    }
}

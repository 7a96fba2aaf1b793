package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.MmxOperands.checkPending;
import static dev.splitvisor.cpu.MmxOperands.reg;
import static dev.splitvisor.cpu.MmxOperands.write;

/**
 * MMX data movement: MOVD/MOVQ between MMX registers, general registers and memory, MOVNTQ,
 * PINSRW, PEXTRW, PMOVMSKB, MASKMOVQ, MOVQ2DQ and MOVDQ2Q between MMX and XMM registers, and
 * EMMS.
 *
 * <p>An instruction that only reads an MMX register still switches the FPU to MMX operation
 * (TOP 0, no register empty), after its store has succeeded; see {@link MmxOperands} for the
 * rules every MMX instruction follows. Hot path: no allocation.
 */
final class MmxMoves {
    private MmxMoves() {
    }

    /** 0F 6E: MOVD mm, r/m32 (zero-extended), or MOVQ mm, r/m64 with REX.W. */
    static void toMmx(Cpu c, Insn i) {
        checkPending(c);
        long v = c.readRm(i, i.has(Insn.P_REXW) ? 8 : 4);
        write(c, reg(i), v);
    }

    /** 0F 7E: MOVD r/m32, mm, or MOVQ r/m64, mm with REX.W. */
    static void fromMmx(Cpu c, Insn i) {
        checkPending(c);
        c.writeRm(i, i.has(Insn.P_REXW) ? 8 : 4, c.fpu.mmx(reg(i)));
        c.fpu.enterMmx();
    }

    /** 0F 6F: MOVQ mm, mm/m64. */
    static void load(Cpu c, Insn i) {
        checkPending(c);
        write(c, reg(i), MmxOperands.source(c, i));
    }

    /** 0F 7F MOVQ mm/m64, mm and 0F E7 MOVNTQ m64, mm ({@code memoryOnly}: #UD on a register). */
    static void store(Cpu c, Insn i, boolean memoryOnly) {
        if (memoryOnly && i.rm >= 0) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        long v = c.fpu.mmx(reg(i));
        if (i.rm >= 0) {
            write(c, i.rm & 7, v);
        } else {
            c.mem.write64(c.ea(i), v);
            c.fpu.enterMmx();
        }
    }

    /** 0F C4: PINSRW mm, r32/m16, imm8 (word imm8 mod 4). */
    static void insertWord(Cpu c, Insn i) {
        checkPending(c);
        long v = i.rm >= 0 ? c.gpr[i.rm] : c.load(c.ea(i), 2);
        int shift = ((int) i.imm & 3) * 16;
        int d = reg(i);
        long m = 0xFFFFL << shift;
        write(c, d, (c.fpu.mmx(d) & ~m) | ((v << shift) & m));
    }

    /** 0F C5: PEXTRW r32, mm, imm8, zero-extended (register forms only). */
    static void extractWord(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        long q = c.fpu.mmx(i.rm & 7);
        c.gpr[i.reg] = (q >>> (((int) i.imm & 3) * 16)) & 0xFFFF;
        c.fpu.enterMmx();
    }

    /** 0F D7: PMOVMSKB r32, mm: the top bit of each byte, zero-extended. */
    static void moveMask(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        c.gpr[i.reg] = SseIntMoves.byteSigns(c.fpu.mmx(i.rm & 7));
        c.fpu.enterMmx();
    }

    /**
     * 0F F7: MASKMOVQ mm1, mm2: stores the bytes of mm1 whose byte in mm2 has its top bit set
     * to [RDI], as MASKMOVDQU does; every chosen byte is checked before the first is stored.
     */
    static void maskedStore(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        long base = SseIntMoves.maskedStoreAddress(c, i);
        long mask = SseIntMoves.byteSigns(c.fpu.mmx(i.rm & 7));
        long v = c.fpu.mmx(reg(i));
        for (int k = 0; k < 8; k++) {
            if ((mask >>> k & 1) != 0) {
                c.mem.probeWrite(base + k, 1);
            }
        }
        for (int k = 0; k < 8; k++) {
            if ((mask >>> k & 1) != 0) {
                c.mem.write8(base + k, (int) (v >>> (8 * k)));
            }
        }
        c.fpu.enterMmx();
    }

    /** F3 0F D6: MOVQ2DQ xmm, mm (the upper quadword is cleared; register forms only). */
    static void toXmm(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        c.xmm[i.reg << 1] = c.fpu.mmx(i.rm & 7);
        c.xmm[(i.reg << 1) + 1] = 0;
        c.fpu.enterMmx();
    }

    /** F2 0F D6: MOVDQ2Q mm, xmm (the low quadword; register forms only). */
    static void fromXmm(Cpu c, Insn i) {
        if (i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        write(c, reg(i), c.xmm[i.rm << 1]);
    }

    /** 0F 77: EMMS: TOP 0 and every x87 register empty, so x87 code can follow. */
    static void emms(Cpu c) {
        checkPending(c);
        c.fpu.emptyAll();
    }
}

package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.PackedShuffle.PACKSSDW;
import static dev.splitvisor.cpu.PackedShuffle.PACKSSWB;
import static dev.splitvisor.cpu.PackedShuffle.PACKUSWB;
import static dev.splitvisor.cpu.PackedShuffle.PSHUFB;
import static dev.splitvisor.cpu.PackedShuffle.PSHUFLW;
import static dev.splitvisor.cpu.PackedShuffle.PUNPCKHBW;
import static dev.splitvisor.cpu.PackedShuffle.PUNPCKHDQ;
import static dev.splitvisor.cpu.PackedShuffle.PUNPCKHWD;
import static dev.splitvisor.cpu.PackedShuffle.PUNPCKLBW;
import static dev.splitvisor.cpu.PackedShuffle.PUNPCKLDQ;
import static dev.splitvisor.cpu.PackedShuffle.PUNPCKLWD;

import dev.splitvisor.cpu.x87.F80;
import dev.splitvisor.cpu.x87.X87State;

/**
 * Operand forms of the MMX instructions, and the rules all of them share with the x87 unit
 * whose registers they borrow.
 *
 * <p>MMn is the significand (bits 63..0) of x87 physical register Rn, whatever TOP is. Every
 * MMX instruction first raises #MF if an unmasked x87 exception is pending (FSW.ES), as a
 * waiting x87 instruction does; then it loads its sources and stores to memory; only then does
 * it switch the FPU to MMX operation (TOP 0, no register empty, see {@link X87State#enterMmx})
 * and write its result register, whose exponent and sign become all ones. So a #PF leaves TOP
 * and the tags as they were, as the native oracle's CPU does. (The conversions of
 * {@link MmxConvert} raise #XM between the switch and the write.) REX.R and REX.B do not extend
 * MMX register numbers, and MMX memory operands need no alignment.
 *
 * <p>The lane arithmetic is {@link PackedArith}'s, which already works on one quadword; the
 * rearranging operations use the quadword steps of {@link PackedShuffle},
 * {@link PackedHorizontal} and {@link PackedShift}.
 *
 * <p>Hot path: no allocation except the fault itself.
 */
final class MmxOperands {
    private MmxOperands() {
    }

    /** #MF if an unmasked x87 exception is pending: the first step of every MMX instruction. */
    static void checkPending(Cpu c) {
        if ((c.fpu.fsw & F80.ES) != 0) {
            throw GuestFault.of(GuestFault.MF);
        }
    }

    /** The MMX register named by ModRM.reg. */
    static int reg(Insn i) {
        return i.reg & 7;
    }

    /** The mm/m64 source: MM(rm) or the quadword in memory. */
    static long source(Cpu c, Insn i) {
        return i.rm >= 0 ? c.fpu.mmx(i.rm & 7) : c.mem.read64(c.ea(i));
    }

    /** The mm/m32 source of PUNPCKL*: only the low doubleword is read from memory. */
    static long sourceLow(Cpu c, Insn i) {
        return i.rm >= 0 ? c.fpu.mmx(i.rm & 7) : c.mem.read32(c.ea(i)) & 0xFFFFFFFFL;
    }

    /** Ends an MMX instruction that wrote MMn: switches to MMX operation and stores v. */
    static void write(Cpu c, int n, long v) {
        X87State f = c.fpu;
        f.enterMmx();
        f.writeMmx(n, v);
    }

    /** MM(reg) = op(MM(reg), mm/m64) for a lane-wise {@link PackedArith} operation. */
    static void lanes(Cpu c, Insn i, int op) {
        checkPending(c);
        long s = source(c, i);
        int d = reg(i);
        write(c, d, PackedArith.apply(op, c.fpu.mmx(d), s));
    }

    /**
     * MM(reg) = op(MM(reg), mm/m64 or m32) for the {@link PackedShuffle} operations that have
     * an MMX form: PUNPCK*, PACKSSWB, PACKUSWB, PACKSSDW, PSHUFB and PSHUFW (as PSHUFLW).
     */
    static void shuffle(Cpu c, Insn i, int op) {
        checkPending(c);
        long s = op <= PUNPCKLDQ ? sourceLow(c, i) : source(c, i);
        int d = reg(i);
        write(c, d, shuffled(op, c.fpu.mmx(d), s, (int) i.imm & 0xFF));
    }

    private static long shuffled(int op, long d, long s, int imm8) {
        switch (op) {
            case PUNPCKLBW: case PUNPCKLWD: case PUNPCKLDQ:
                return PackedShuffle.interleave(d, s, 8 << op);
            case PUNPCKHBW: case PUNPCKHWD: case PUNPCKHDQ:
                return PackedShuffle.interleave(d >>> 32, s >>> 32, 8 << (op - PUNPCKHBW));
            case PACKSSWB: return pack(d, s, 16, true);
            case PACKUSWB: return pack(d, s, 16, false);
            case PACKSSDW: return pack(d, s, 32, true);
            case PSHUFLW: return PackedShuffle.shuffleWords(s, imm8);
            // Eight table bytes: index bits 6..3 are ignored, so the table is seen twice.
            case PSHUFB: return PackedShuffle.lookup(d, d, s);
            default: throw new IllegalArgumentException("no MMX form of shuffle " + op);
        }
    }

    private static long pack(long d, long s, int w, boolean signed) {
        return PackedShuffle.narrow(d, w, signed) | PackedShuffle.narrow(s, w, signed) << 32;
    }

    /** PHADD*, PHSUB*: pairs in MM(reg) make the low half of the result, mm/m64 the high. */
    static void pairs(Cpu c, Insn i, int op) {
        checkPending(c);
        long s = source(c, i);
        int d = reg(i);
        long r = PackedHorizontal.pairHalf(op, c.fpu.mmx(d))
                | PackedHorizontal.pairHalf(op, s) << 32;
        write(c, d, r);
    }

    /** PALIGNR mm, mm/m64, imm8: MM(reg):source shifted right by imm8 bytes, low 8 bytes. */
    static void alignRight(Cpu c, Insn i) {
        checkPending(c);
        long s = source(c, i);
        int d = reg(i);
        write(c, d, PackedShift.window((int) i.imm & 0xFF, s, c.fpu.mmx(d), 0, 0));
    }

    /** PSLL/PSRL/PSRA mm, mm/m64: the count is the whole source quadword. */
    static void shiftByRegister(Cpu c, Insn i, int kind, int w) {
        checkPending(c);
        long count = source(c, i);
        int d = reg(i);
        write(c, d, PackedShift.bits(kind, w, c.fpu.mmx(d), count));
    }

    /**
     * Groups 12, 13 and 14 without a prefix (0F 71, 72, 73 /digit ib): PSRLW/D/Q (/2),
     * PSRAW/D (/4) and PSLLW/D/Q (/6) of MM(rm) by imm8. The byte shifts /3 and /7 exist only
     * for XMM registers; memory forms are #UD.
     */
    static void shiftByImmediate(Cpu c, Insn i) {
        int sub = (i.modrm >>> 3) & 7;
        int w = 16 << ((i.opcode & 0xFF) - 0x71);
        int kind;
        switch (sub) {
            case 2: kind = PackedShift.RIGHT; break;
            case 4: kind = PackedShift.RIGHT_ARITHMETIC; break;
            case 6: kind = PackedShift.LEFT; break;
            default: throw Unimplemented.undefined(c, i);
        }
        if (i.rm < 0 || (w == 64 && sub == 4)) {
            throw Unimplemented.undefined(c, i);
        }
        checkPending(c);
        int d = i.rm & 7;
        write(c, d, PackedShift.bits(kind, w, c.fpu.mmx(d), i.imm & 0xFF));
    }
}

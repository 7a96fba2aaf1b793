package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.PackedArith.*;
import static dev.splitvisor.cpu.PackedHorizontal.*;
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

/**
 * Dispatch of the MMX instructions: the 0F, 0F38 and 0F3A opcodes of the packed-integer group
 * without a mandatory prefix, where the register operands are MMX registers. This covers MMX
 * itself, the SSE and SSE2 additions on MMX registers (PSHUFW, PINSRW, PEXTRW, PMOVMSKB,
 * PMINUB/PMAXUB/PMINSW/PMAXSW, PAVGB/W, PMULHUW, PSADBW, MASKMOVQ, MOVNTQ, PADDQ, PSUBQ,
 * PMULUDQ) and the SSSE3 forms. This file holds the opcode table only; the work is done by
 * {@link MmxOperands}, {@link MmxMoves} and the shared {@link PackedArith}. MOVQ2DQ, MOVDQ2Q
 * and the CVT*PI* conversions carry a prefix or belong to the SSE floating-point group, so
 * they are dispatched from {@link SseIntOps} and {@link SseFpConvert}.
 *
 * <p>Hot path: one switch on the opcode.
 */
final class MmxOps {
    private MmxOps() {
    }

    static void execute(Cpu c, Insn i) {
        if (i.opcode < 0x200) {
            twoByte(c, i);
        } else if (i.opcode < 0x300) {
            threeByte38(c, i);
        } else if (i.opcode == 0x30F) {
            MmxOperands.alignRight(c, i);                                     // PALIGNR
        } else {
            throw Unimplemented.undefined(c, i);
        }
    }

    /** 0F 60-7F and the moves and shuffles of 0F C4-F7. */
    private static void twoByte(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0x60: MmxOperands.shuffle(c, i, PUNPCKLBW); break;
            case 0x61: MmxOperands.shuffle(c, i, PUNPCKLWD); break;
            case 0x62: MmxOperands.shuffle(c, i, PUNPCKLDQ); break;
            case 0x63: MmxOperands.shuffle(c, i, PACKSSWB); break;
            case 0x64: MmxOperands.lanes(c, i, PCMPGTB); break;
            case 0x65: MmxOperands.lanes(c, i, PCMPGTW); break;
            case 0x66: MmxOperands.lanes(c, i, PCMPGTD); break;
            case 0x67: MmxOperands.shuffle(c, i, PACKUSWB); break;
            case 0x68: MmxOperands.shuffle(c, i, PUNPCKHBW); break;
            case 0x69: MmxOperands.shuffle(c, i, PUNPCKHWD); break;
            case 0x6A: MmxOperands.shuffle(c, i, PUNPCKHDQ); break;
            case 0x6B: MmxOperands.shuffle(c, i, PACKSSDW); break;
            case 0x6E: MmxMoves.toMmx(c, i); break;                           // MOVD/MOVQ
            case 0x6F: MmxMoves.load(c, i); break;                            // MOVQ
            case 0x70: MmxOperands.shuffle(c, i, PSHUFLW); break;             // PSHUFW
            case 0x71: case 0x72: case 0x73: MmxOperands.shiftByImmediate(c, i); break;
            case 0x74: MmxOperands.lanes(c, i, PCMPEQB); break;
            case 0x75: MmxOperands.lanes(c, i, PCMPEQW); break;
            case 0x76: MmxOperands.lanes(c, i, PCMPEQD); break;
            case 0x77: MmxMoves.emms(c); break;
            case 0x7E: MmxMoves.fromMmx(c, i); break;                         // MOVD/MOVQ
            case 0x7F: MmxMoves.store(c, i, false); break;                    // MOVQ
            case 0xC4: MmxMoves.insertWord(c, i); break;                      // PINSRW
            case 0xC5: MmxMoves.extractWord(c, i); break;                     // PEXTRW
            case 0xD7: MmxMoves.moveMask(c, i); break;                        // PMOVMSKB
            case 0xE7: MmxMoves.store(c, i, true); break;                     // MOVNTQ
            case 0xF7: MmxMoves.maskedStore(c, i); break;                     // MASKMOVQ
            default: arithmetic(c, i); break;
        }
    }

    /** 0F D1-FE without the moves. */
    private static void arithmetic(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0xD1: MmxOperands.shiftByRegister(c, i, PackedShift.RIGHT, 16); break;
            case 0xD2: MmxOperands.shiftByRegister(c, i, PackedShift.RIGHT, 32); break;
            case 0xD3: MmxOperands.shiftByRegister(c, i, PackedShift.RIGHT, 64); break;
            case 0xD4: MmxOperands.lanes(c, i, PADDQ); break;
            case 0xD5: MmxOperands.lanes(c, i, PMULLW); break;
            case 0xD8: MmxOperands.lanes(c, i, PSUBUSB); break;
            case 0xD9: MmxOperands.lanes(c, i, PSUBUSW); break;
            case 0xDA: MmxOperands.lanes(c, i, PMINUB); break;
            case 0xDB: MmxOperands.lanes(c, i, PAND); break;
            case 0xDC: MmxOperands.lanes(c, i, PADDUSB); break;
            case 0xDD: MmxOperands.lanes(c, i, PADDUSW); break;
            case 0xDE: MmxOperands.lanes(c, i, PMAXUB); break;
            case 0xDF: MmxOperands.lanes(c, i, PANDN); break;
            case 0xE0: MmxOperands.lanes(c, i, PAVGB); break;
            case 0xE1:
                MmxOperands.shiftByRegister(c, i, PackedShift.RIGHT_ARITHMETIC, 16);
                break;
            case 0xE2:
                MmxOperands.shiftByRegister(c, i, PackedShift.RIGHT_ARITHMETIC, 32);
                break;
            case 0xE3: MmxOperands.lanes(c, i, PAVGW); break;
            case 0xE4: MmxOperands.lanes(c, i, PMULHUW); break;
            case 0xE5: MmxOperands.lanes(c, i, PMULHW); break;
            case 0xE8: MmxOperands.lanes(c, i, PSUBSB); break;
            case 0xE9: MmxOperands.lanes(c, i, PSUBSW); break;
            case 0xEA: MmxOperands.lanes(c, i, PMINSW); break;
            case 0xEB: MmxOperands.lanes(c, i, POR); break;
            case 0xEC: MmxOperands.lanes(c, i, PADDSB); break;
            case 0xED: MmxOperands.lanes(c, i, PADDSW); break;
            case 0xEE: MmxOperands.lanes(c, i, PMAXSW); break;
            case 0xEF: MmxOperands.lanes(c, i, PXOR); break;
            case 0xF1: MmxOperands.shiftByRegister(c, i, PackedShift.LEFT, 16); break;
            case 0xF2: MmxOperands.shiftByRegister(c, i, PackedShift.LEFT, 32); break;
            case 0xF3: MmxOperands.shiftByRegister(c, i, PackedShift.LEFT, 64); break;
            case 0xF4: MmxOperands.lanes(c, i, PMULUDQ); break;
            case 0xF5: MmxOperands.lanes(c, i, PMADDWD); break;
            case 0xF6: MmxOperands.lanes(c, i, PSADBW); break;
            case 0xF8: MmxOperands.lanes(c, i, PSUBB); break;
            case 0xF9: MmxOperands.lanes(c, i, PSUBW); break;
            case 0xFA: MmxOperands.lanes(c, i, PSUBD); break;
            case 0xFB: MmxOperands.lanes(c, i, PSUBQ); break;
            case 0xFC: MmxOperands.lanes(c, i, PADDB); break;
            case 0xFD: MmxOperands.lanes(c, i, PADDW); break;
            case 0xFE: MmxOperands.lanes(c, i, PADDD); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** 0F 38 00-0B and 1C-1E: the SSSE3 instructions on MMX registers. */
    private static void threeByte38(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0x00: MmxOperands.shuffle(c, i, PSHUFB); break;
            case 0x01: MmxOperands.pairs(c, i, PHADDW); break;
            case 0x02: MmxOperands.pairs(c, i, PHADDD); break;
            case 0x03: MmxOperands.pairs(c, i, PHADDSW); break;
            case 0x04: MmxOperands.lanes(c, i, PMADDUBSW); break;
            case 0x05: MmxOperands.pairs(c, i, PHSUBW); break;
            case 0x06: MmxOperands.pairs(c, i, PHSUBD); break;
            case 0x07: MmxOperands.pairs(c, i, PHSUBSW); break;
            case 0x08: MmxOperands.lanes(c, i, PSIGNB); break;
            case 0x09: MmxOperands.lanes(c, i, PSIGNW); break;
            case 0x0A: MmxOperands.lanes(c, i, PSIGND); break;
            case 0x0B: MmxOperands.lanes(c, i, PMULHRSW); break;
            case 0x1C: MmxOperands.lanes(c, i, PABSB); break;
            case 0x1D: MmxOperands.lanes(c, i, PABSW); break;
            case 0x1E: MmxOperands.lanes(c, i, PABSD); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }
}

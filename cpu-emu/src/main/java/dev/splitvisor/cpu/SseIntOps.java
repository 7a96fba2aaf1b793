package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.PackedArith.*;
import static dev.splitvisor.cpu.PackedShuffle.*;
import static dev.splitvisor.cpu.PackedHorizontal.*;

/**
 * Dispatch of the SSE2 to SSE4.2 integer, move and shuffle instructions of the 0F, 0F38 and
 * 0F3A maps by mandatory prefix and opcode. This file holds the opcode table only; the work is
 * done by {@link SseIntOperands} (operand forms), {@link PackedArith}, {@link PackedShift},
 * {@link PackedShuffle}, {@link PackedHorizontal}, {@link SseIntMoves} and
 * {@link SseIntStrings}.
 *
 * <p>The forms without a mandatory prefix work on MMX registers and go to {@link MmxOps}; so do
 * MOVQ2DQ and MOVDQ2Q (F3/F2 0F D6). AES, PCLMULQDQ, SHA, GFNI and SSE4a are not reported by
 * CPUID and raise #UD. A prefix that the opcode does not define (F2 or F3 on a 66 form) is #UD
 * as well, as this machine's CPU does.
 *
 * <p>Hot path: a switch on the prefix and one on the opcode.
 */
final class SseIntOps {
    private SseIntOps() {
    }

    static void execute(Cpu c, Insn i) {
        switch (i.simdPrefix()) {
            case 1:
                if (i.opcode < 0x200) {
                    twoByte(c, i);
                } else if (i.opcode < 0x300) {
                    threeByte38(c, i);
                } else {
                    threeByte3A(c, i);
                }
                break;
            case 2: prefixF3(c, i); break;
            case 3: prefixF2(c, i); break;
            default: MmxOps.execute(c, i); break;
        }
    }

    /** 66 0F xx. */
    private static void twoByte(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0x60: SseIntOperands.shuffle(c, i, PUNPCKLBW); break;
            case 0x61: SseIntOperands.shuffle(c, i, PUNPCKLWD); break;
            case 0x62: SseIntOperands.shuffle(c, i, PUNPCKLDQ); break;
            case 0x63: SseIntOperands.shuffle(c, i, PACKSSWB); break;
            case 0x64: SseIntOperands.lanes(c, i, PCMPGTB); break;
            case 0x65: SseIntOperands.lanes(c, i, PCMPGTW); break;
            case 0x66: SseIntOperands.lanes(c, i, PCMPGTD); break;
            case 0x67: SseIntOperands.shuffle(c, i, PACKUSWB); break;
            case 0x68: SseIntOperands.shuffle(c, i, PUNPCKHBW); break;
            case 0x69: SseIntOperands.shuffle(c, i, PUNPCKHWD); break;
            case 0x6A: SseIntOperands.shuffle(c, i, PUNPCKHDQ); break;
            case 0x6B: SseIntOperands.shuffle(c, i, PACKSSDW); break;
            case 0x6C: SseIntOperands.shuffle(c, i, PUNPCKLQDQ); break;
            case 0x6D: SseIntOperands.shuffle(c, i, PUNPCKHQDQ); break;
            case 0x6E: SseIntMoves.toXmm(c, i); break;
            case 0x6F: SseIntMoves.load(c, i, true, false); break;          // MOVDQA
            case 0x70: SseIntOperands.shuffle(c, i, PSHUFD); break;
            case 0x71: case 0x72: case 0x73: SseIntOperands.shiftByImmediate(c, i); break;
            case 0x74: SseIntOperands.lanes(c, i, PCMPEQB); break;
            case 0x75: SseIntOperands.lanes(c, i, PCMPEQW); break;
            case 0x76: SseIntOperands.lanes(c, i, PCMPEQD); break;
            case 0x7E: SseIntMoves.fromXmm(c, i); break;
            case 0x7F: SseIntMoves.store(c, i, true, false); break;         // MOVDQA
            case 0xC4: SseIntMoves.insert(c, i, 2); break;                  // PINSRW
            case 0xC5: SseIntMoves.extractWord(c, i); break;                // PEXTRW
            case 0xD6: SseIntMoves.storeQuad(c, i); break;                  // MOVQ
            case 0xD7: SseIntMoves.moveMask(c, i); break;                   // PMOVMSKB
            case 0xE7: SseIntMoves.store(c, i, true, true); break;          // MOVNTDQ
            case 0xF7: SseIntMoves.maskedStore(c, i); break;                // MASKMOVDQU
            default: twoByteArithmetic(c, i); break;
        }
    }

    /** 66 0F D1-FE without the moves. */
    private static void twoByteArithmetic(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0xD1: SseIntOperands.shiftByRegister(c, i, PackedShift.RIGHT, 16); break;
            case 0xD2: SseIntOperands.shiftByRegister(c, i, PackedShift.RIGHT, 32); break;
            case 0xD3: SseIntOperands.shiftByRegister(c, i, PackedShift.RIGHT, 64); break;
            case 0xD4: SseIntOperands.lanes(c, i, PADDQ); break;
            case 0xD5: SseIntOperands.lanes(c, i, PMULLW); break;
            case 0xD8: SseIntOperands.lanes(c, i, PSUBUSB); break;
            case 0xD9: SseIntOperands.lanes(c, i, PSUBUSW); break;
            case 0xDA: SseIntOperands.lanes(c, i, PMINUB); break;
            case 0xDB: SseIntOperands.lanes(c, i, PAND); break;
            case 0xDC: SseIntOperands.lanes(c, i, PADDUSB); break;
            case 0xDD: SseIntOperands.lanes(c, i, PADDUSW); break;
            case 0xDE: SseIntOperands.lanes(c, i, PMAXUB); break;
            case 0xDF: SseIntOperands.lanes(c, i, PANDN); break;
            case 0xE0: SseIntOperands.lanes(c, i, PAVGB); break;
            case 0xE1:
                SseIntOperands.shiftByRegister(c, i, PackedShift.RIGHT_ARITHMETIC, 16);
                break;
            case 0xE2:
                SseIntOperands.shiftByRegister(c, i, PackedShift.RIGHT_ARITHMETIC, 32);
                break;
            case 0xE3: SseIntOperands.lanes(c, i, PAVGW); break;
            case 0xE4: SseIntOperands.lanes(c, i, PMULHUW); break;
            case 0xE5: SseIntOperands.lanes(c, i, PMULHW); break;
            case 0xE8: SseIntOperands.lanes(c, i, PSUBSB); break;
            case 0xE9: SseIntOperands.lanes(c, i, PSUBSW); break;
            case 0xEA: SseIntOperands.lanes(c, i, PMINSW); break;
            case 0xEB: SseIntOperands.lanes(c, i, POR); break;
            case 0xEC: SseIntOperands.lanes(c, i, PADDSB); break;
            case 0xED: SseIntOperands.lanes(c, i, PADDSW); break;
            case 0xEE: SseIntOperands.lanes(c, i, PMAXSW); break;
            case 0xEF: SseIntOperands.lanes(c, i, PXOR); break;
            case 0xF1: SseIntOperands.shiftByRegister(c, i, PackedShift.LEFT, 16); break;
            case 0xF2: SseIntOperands.shiftByRegister(c, i, PackedShift.LEFT, 32); break;
            case 0xF3: SseIntOperands.shiftByRegister(c, i, PackedShift.LEFT, 64); break;
            case 0xF4: SseIntOperands.lanes(c, i, PMULUDQ); break;
            case 0xF5: SseIntOperands.lanes(c, i, PMADDWD); break;
            case 0xF6: SseIntOperands.lanes(c, i, PSADBW); break;
            case 0xF8: SseIntOperands.lanes(c, i, PSUBB); break;
            case 0xF9: SseIntOperands.lanes(c, i, PSUBW); break;
            case 0xFA: SseIntOperands.lanes(c, i, PSUBD); break;
            case 0xFB: SseIntOperands.lanes(c, i, PSUBQ); break;
            case 0xFC: SseIntOperands.lanes(c, i, PADDB); break;
            case 0xFD: SseIntOperands.lanes(c, i, PADDW); break;
            case 0xFE: SseIntOperands.lanes(c, i, PADDD); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** 66 0F 38 xx. */
    private static void threeByte38(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0x00: SseIntOperands.shuffle(c, i, PSHUFB); break;
            case 0x01: SseIntOperands.pairs(c, i, PHADDW); break;
            case 0x02: SseIntOperands.pairs(c, i, PHADDD); break;
            case 0x03: SseIntOperands.pairs(c, i, PHADDSW); break;
            case 0x04: SseIntOperands.lanes(c, i, PMADDUBSW); break;
            case 0x05: SseIntOperands.pairs(c, i, PHSUBW); break;
            case 0x06: SseIntOperands.pairs(c, i, PHSUBD); break;
            case 0x07: SseIntOperands.pairs(c, i, PHSUBSW); break;
            case 0x08: SseIntOperands.lanes(c, i, PSIGNB); break;
            case 0x09: SseIntOperands.lanes(c, i, PSIGNW); break;
            case 0x0A: SseIntOperands.lanes(c, i, PSIGND); break;
            case 0x0B: SseIntOperands.lanes(c, i, PMULHRSW); break;
            case 0x10: SseIntOperands.shuffle(c, i, PBLENDVB); break;
            case 0x17: SseIntOperands.test(c, i); break;                     // PTEST
            case 0x1C: SseIntOperands.lanes(c, i, PABSB); break;
            case 0x1D: SseIntOperands.lanes(c, i, PABSW); break;
            case 0x1E: SseIntOperands.lanes(c, i, PABSD); break;
            case 0x20: SseIntOperands.extend(c, i, 8, 16, true); break;     // PMOVSXBW
            case 0x21: SseIntOperands.extend(c, i, 8, 32, true); break;
            case 0x22: SseIntOperands.extend(c, i, 8, 64, true); break;
            case 0x23: SseIntOperands.extend(c, i, 16, 32, true); break;
            case 0x24: SseIntOperands.extend(c, i, 16, 64, true); break;
            case 0x25: SseIntOperands.extend(c, i, 32, 64, true); break;
            case 0x28: SseIntOperands.lanes(c, i, PMULDQ); break;
            case 0x29: SseIntOperands.lanes(c, i, PCMPEQQ); break;
            case 0x2A: SseIntMoves.load(c, i, true, true); break;          // MOVNTDQA
            case 0x2B: SseIntOperands.shuffle(c, i, PACKUSDW); break;
            case 0x30: SseIntOperands.extend(c, i, 8, 16, false); break;    // PMOVZXBW
            case 0x31: SseIntOperands.extend(c, i, 8, 32, false); break;
            case 0x32: SseIntOperands.extend(c, i, 8, 64, false); break;
            case 0x33: SseIntOperands.extend(c, i, 16, 32, false); break;
            case 0x34: SseIntOperands.extend(c, i, 16, 64, false); break;
            case 0x35: SseIntOperands.extend(c, i, 32, 64, false); break;
            case 0x37: SseIntOperands.lanes(c, i, PCMPGTQ); break;
            default: threeByte38MinMax(c, i); break;
        }
    }

    /** 66 0F 38 38-41. */
    private static void threeByte38MinMax(Cpu c, Insn i) {
        switch (i.opcode & 0xFF) {
            case 0x38: SseIntOperands.lanes(c, i, PMINSB); break;
            case 0x39: SseIntOperands.lanes(c, i, PMINSD); break;
            case 0x3A: SseIntOperands.lanes(c, i, PMINUW); break;
            case 0x3B: SseIntOperands.lanes(c, i, PMINUD); break;
            case 0x3C: SseIntOperands.lanes(c, i, PMAXSB); break;
            case 0x3D: SseIntOperands.lanes(c, i, PMAXSD); break;
            case 0x3E: SseIntOperands.lanes(c, i, PMAXUW); break;
            case 0x3F: SseIntOperands.lanes(c, i, PMAXUD); break;
            case 0x40: SseIntOperands.lanes(c, i, PMULLD); break;
            case 0x41: SseIntOperands.minPosition(c, i); break;              // PHMINPOSUW
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** 66 0F 3A xx ib. */
    private static void threeByte3A(Cpu c, Insn i) {
        int wide = i.has(Insn.P_REXW) ? 8 : 4;
        switch (i.opcode & 0xFF) {
            case 0x0E: SseIntOperands.shuffle(c, i, PBLENDW); break;
            case 0x0F: SseIntOperands.alignRight(c, i); break;               // PALIGNR
            case 0x14: SseIntMoves.extract(c, i, 1); break;                 // PEXTRB
            case 0x15: SseIntMoves.extract(c, i, 2); break;                 // PEXTRW
            case 0x16: SseIntMoves.extract(c, i, wide); break;              // PEXTRD/Q
            case 0x20: SseIntMoves.insert(c, i, 1); break;                  // PINSRB
            case 0x22: SseIntMoves.insert(c, i, wide); break;               // PINSRD/Q
            case 0x42: SseIntOperands.multipleSad(c, i); break;              // MPSADBW
            case 0x60: case 0x61: case 0x62: case 0x63: SseIntStrings.compare(c, i); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** F3 0F xx. */
    private static void prefixF3(Cpu c, Insn i) {
        switch (i.opcode) {
            case 0x16F: SseIntMoves.load(c, i, false, false); break;        // MOVDQU
            case 0x17F: SseIntMoves.store(c, i, false, false); break;       // MOVDQU
            case 0x17E: SseIntMoves.loadQuad(c, i); break;                  // MOVQ
            case 0x170: SseIntOperands.shuffle(c, i, PSHUFHW); break;
            case 0x1D6: MmxMoves.toXmm(c, i); break;                        // MOVQ2DQ
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** F2 0F xx. */
    private static void prefixF2(Cpu c, Insn i) {
        switch (i.opcode) {
            case 0x170: SseIntOperands.shuffle(c, i, PSHUFLW); break;
            case 0x1F0: SseIntMoves.load(c, i, false, true); break;         // LDDQU
            case 0x1D6: MmxMoves.fromXmm(c, i); break;                      // MOVDQ2Q
            default: throw Unimplemented.undefined(c, i);
        }
    }
}

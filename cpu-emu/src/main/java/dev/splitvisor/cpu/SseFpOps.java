package dev.splitvisor.cpu;

/**
 * SSE, SSE2, SSE3 and SSE4.1 floating-point instructions (packed and scalar single and
 * double): the dispatch from opcode to executor, nothing else. The mandatory prefix
 * ({@link Insn#simdPrefix()}: none PS, 66 PD, F3 SS, F2 SD) is passed on; each executor raises
 * #UD for the prefixes its opcode does not define.
 *
 * <ul>
 *   <li>{@link SseFpMoves}: moves, unpacks, shuffles, blends, bitwise logic, MOVMSK,
 *       EXTRACTPS, INSERTPS (no MXCSR involvement);
 *   <li>{@link SseFpArith}: arithmetic, compares, rounding, horizontal ops, dot products;
 *   <li>{@link SseFpConvert}: conversions and COMIS/UCOMIS.
 * </ul>
 *
 * <p>Hot path: one tableswitch per instruction.
 */
final class SseFpOps {
    private SseFpOps() {
    }

    static void execute(Cpu c, Insn i) {
        int p = i.simdPrefix();
        switch (i.opcode) {
            case 0x110: SseFpMoves.moveLoad(c, i, p); break;
            case 0x111: SseFpMoves.moveStore(c, i, p); break;
            case 0x112: SseFpMoves.moveLow(c, i, p); break;
            case 0x113: SseFpMoves.storeHalf(c, i, p, false); break;
            case 0x114: SseFpMoves.unpack(c, i, p, false); break;
            case 0x115: SseFpMoves.unpack(c, i, p, true); break;
            case 0x116: SseFpMoves.moveHigh(c, i, p); break;
            case 0x117: SseFpMoves.storeHalf(c, i, p, true); break;
            case 0x128: SseFpMoves.moveAlignedLoad(c, i, p); break;
            case 0x129: SseFpMoves.moveAlignedStore(c, i, p, false); break;
            case 0x12A: SseFpConvert.fromInteger(c, i, p); break;
            case 0x12B: SseFpMoves.moveAlignedStore(c, i, p, true); break;
            case 0x12C: case 0x12D: SseFpConvert.toInteger(c, i, p); break;
            case 0x12E: case 0x12F: SseFpConvert.compareFlags(c, i, p); break;
            case 0x150: SseFpMoves.moveMask(c, i, p); break;
            case 0x151: case 0x158: case 0x159: case 0x15C: case 0x15D: case 0x15E: case 0x15F:
            case 0x1C2:
                SseFpArith.arith(c, i, p);
                break;
            case 0x152: case 0x153: SseFpArith.reciprocal(c, i, p); break;
            case 0x154: case 0x155: case 0x156: case 0x157: SseFpMoves.logic(c, i, p); break;
            case 0x15A: SseFpConvert.floatFormat(c, i, p); break;
            case 0x15B: SseFpConvert.singleInteger(c, i, p); break;
            case 0x17C: case 0x17D: SseFpArith.horizontal(c, i, p); break;
            case 0x1C6: SseFpMoves.shuffle(c, i, p); break;
            case 0x1D0: SseFpArith.addSubtract(c, i, p); break;
            case 0x1E6: SseFpConvert.doubleInteger(c, i, p); break;
            case 0x214: case 0x215: case 0x30C: case 0x30D: SseFpMoves.blend(c, i, p); break;
            case 0x308: case 0x309: case 0x30A: case 0x30B: SseFpArith.round(c, i, p); break;
            case 0x317: SseFpMoves.extract(c, i, p); break;
            case 0x321: SseFpMoves.insert(c, i, p); break;
            case 0x340: case 0x341: SseFpArith.dotProduct(c, i, p); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }
}

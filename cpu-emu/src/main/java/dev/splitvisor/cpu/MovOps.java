package dev.splitvisor.cpu;

/**
 * Data movement: MOV in every form (88-8B, A0-A3, B0-BF, C6, C7), LEA, MOVSXD, MOVZX, MOVSX,
 * CMOVcc, CBW/CWDE/CDQE, CWD/CDQ/CQO, XLAT, MOVNTI and the segment-register moves.
 *
 * <p>Hot path. None of these touch the flags.
 */
final class MovOps {
    /** Selector values a 64-bit Linux process sees in its segment registers. */
    private static final int USER_CS = 0x33, USER_SS = 0x2B;

    private MovOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        int size = i.osize;
        switch (op) {
            case 0x88: case 0x89: c.writeRm(i, size, c.readRegOperand(i, size)); break;
            case 0x8A: case 0x8B: c.writeRegOperand(i, size, c.readRm(i, size)); break;
            case 0x8D: lea(c, i); break;
            case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6:
            case 0xB7:
                c.setReg(i.regB, 1, i.imm);
                break;
            case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE:
            case 0xBF:
                c.setReg(i.reg, size, i.imm);
                break;
            case 0xC6: case 0xC7: c.writeRm(i, size, i.imm); break;
            case 0x63: movsxd(c, i); break;
            case 0x1B6: c.writeRegOperand(i, size, c.readRm(i, 1)); break;
            case 0x1B7: c.writeRegOperand(i, size, c.readRm(i, 2)); break;
            case 0x1BE: c.writeRegOperand(i, size, Flags.signExtend(c.readRm(i, 1), 1)); break;
            case 0x1BF: c.writeRegOperand(i, size, Flags.signExtend(c.readRm(i, 2), 2)); break;
            case 0xA0: case 0xA1: c.setReg(0, size, c.load(moffs(c, i), size)); break;
            case 0xA2: case 0xA3: c.store(moffs(c, i), size, c.getReg(0, size)); break;
            case 0x98: signExtendAccumulator(c, size); break;
            case 0x99: signIntoDx(c, size); break;
            case 0xD7: xlat(c, i); break;
            case 0x1C3: movnti(c, i); break;
            case 0x8C: c.writeRm(i, i.isMemory() ? 2 : size, selector((i.modrm >>> 3) & 7)); break;
            case 0x8E: loadSegment(c, i); break;
            default:
                if (op >= 0x140 && op <= 0x14F) {
                    cmov(c, i, op & 0xF);
                    break;
                }
                throw Unimplemented.undefined(c, i);
        }
    }

    private static void lea(Cpu c, Insn i) {
        if (i.rm >= 0) {
            throw Unimplemented.undefined(c, i);
        }
        // LEA yields the offset only: no segment base even with an FS/GS prefix.
        long a = c.offset(i);
        c.writeRegOperand(i, i.osize, a);
    }

    private static void movsxd(Cpu c, Insn i) {
        long v = c.readRm(i, 4);
        c.writeRegOperand(i, i.osize, i.osize == 8 ? (long) (int) v : v);
    }

    private static long moffs(Cpu c, Insn i) {
        long a = i.imm;
        if (i.seg != Insn.SEG_NONE) {
            a += i.seg == Insn.SEG_FS ? c.fsBase : c.gsBase;
        }
        return a;
    }

    private static void signExtendAccumulator(Cpu c, int size) {
        int half = size / 2;
        c.setReg(0, size, Flags.signExtend(c.getReg(0, half), half));
    }

    private static void signIntoDx(Cpu c, int size) {
        long sign = (c.getReg(0, size) & Flags.signBit(size)) != 0 ? -1L : 0;
        c.setReg(Cpu.RDX, size, sign);
    }

    private static void xlat(Cpu c, Insn i) {
        long a = c.gpr[Cpu.RBX] + (c.gpr[Cpu.RAX] & 0xFF);
        if (i.has(Insn.P_67)) {
            a &= 0xFFFFFFFFL;
        }
        if (i.seg != Insn.SEG_NONE) {
            a += i.seg == Insn.SEG_FS ? c.fsBase : c.gsBase;
        }
        c.setReg(0, 1, c.load(a, 1));
    }

    private static void movnti(Cpu c, Insn i) {
        if (!i.isMemory() || i.osize == 2) {
            throw Unimplemented.undefined(c, i);
        }
        c.store(c.ea(i), i.osize, c.readRegOperand(i, i.osize));
    }

    private static void cmov(Cpu c, Insn i, int cc) {
        int size = i.osize;
        long v = c.readRm(i, size); // read even when false: it may fault
        if (Flags.condition(c, cc)) {
            c.writeRegOperand(i, size, v);
        } else if (size == 4) {
            c.setReg(i.reg, 4, c.getReg(i.reg, 4)); // a 32-bit CMOV always zero-extends
        }
    }

    private static long selector(int sreg) {
        switch (sreg) {
            case 1: return USER_CS;
            case 2: return USER_SS;
            default: return 0;
        }
    }

    /** Loading a null or the user data selector is accepted and changes nothing; see QUIRKS. */
    private static void loadSegment(Cpu c, Insn i) {
        int sreg = (i.modrm >>> 3) & 7;
        long v = c.readRm(i, 2);
        if (sreg == 1 || sreg > 5 || (v != 0 && v != USER_SS)) {
            throw sreg == 1 || sreg > 5 ? Unimplemented.undefined(c, i)
                    : new GuestFault(GuestFault.GP, (int) v & 0xFFF8, 0);
        }
    }
}

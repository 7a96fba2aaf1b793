package dev.splitvisor.cpu;

/**
 * The stack: PUSH and POP (registers, r/m, immediates, FS, GS), PUSHF, POPF, ENTER, LEAVE.
 * Operand size is 64 bits by default and 16 with a 66 prefix.
 *
 * <p>Hot path. Every store happens before RSP changes, so a faulting push changes nothing.
 */
final class StackOps {
    /** RFLAGS bits that PUSHF does not reveal (RF, VM). */
    private static final long PUSHF_HIDDEN = 0x30000;

    private StackOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        int size = i.osize == 2 ? 2 : 8;
        if (op >= 0x50 && op <= 0x57) {
            c.push(c.getReg(i.reg, size), size);
            return;
        }
        if (op >= 0x58 && op <= 0x5F) {
            long v = c.pop(size);
            c.setReg(i.reg, size, v);
            return;
        }
        switch (op) {
            case 0x68: case 0x6A: c.push(i.imm, size); break;
            case 0xFF: c.push(c.readRm(i, size), size); break;
            case 0x8F: popRm(c, i, size); break;
            case 0x9C: c.push(c.getRflags() & ~PUSHF_HIDDEN, size); break;
            case 0x9D: popf(c, size); break;
            case 0xC9: leave(c, size); break;
            case 0xC8: enter(c, i, size); break;
            case 0x1A0: case 0x1A8: c.push(0, size); break;
            case 0x1A1: case 0x1A9: popSegment(c, i, size); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void popRm(Cpu c, Insn i, int size) {
        if (((i.modrm >>> 3) & 7) != 0) {
            throw Unimplemented.undefined(c, i);
        }
        long oldSp = c.gpr[Cpu.RSP];
        long v = c.load(oldSp, size);
        // The destination address is computed with RSP already incremented.
        c.gpr[Cpu.RSP] = oldSp + size;
        try {
            c.writeRm(i, size, v);
        } catch (RuntimeException fault) {
            c.gpr[Cpu.RSP] = oldSp;
            throw fault;
        }
    }

    private static void popf(Cpu c, int size) {
        long v = c.pop(size);
        long writable = size == 2 ? Flags.USER_WRITABLE & 0xFFFF : Flags.USER_WRITABLE;
        c.setFlagsMasked(writable, v);
    }

    private static void leave(Cpu c, int size) {
        long v = c.load(c.gpr[Cpu.RBP], size);
        c.gpr[Cpu.RSP] = c.gpr[Cpu.RBP] + size;
        c.setReg(Cpu.RBP, size, v);
    }

    private static void enter(Cpu c, Insn i, int size) {
        int level = i.imm2 & 31;
        long sp = c.gpr[Cpu.RSP];
        long rbp = c.gpr[Cpu.RBP];
        long frameTemp = sp - size;
        long finalSp = frameTemp - (long) size * level - i.imm;
        c.mem.probeWrite(frameTemp - (long) size * level, size * (level + 1));
        if (i.imm != 0) {
            c.mem.probeWrite(finalSp, 1);
        }
        c.store(frameTemp, size, rbp);
        long p = frameTemp;
        for (int k = 1; k < level; k++) {
            rbp -= size;
            p -= size;
            c.store(p, size, c.load(rbp, size));
        }
        if (level > 0) {
            p -= size;
            c.store(p, size, frameTemp);
        }
        c.setReg(Cpu.RBP, size, frameTemp);
        c.gpr[Cpu.RSP] = finalSp;
    }

    private static void popSegment(Cpu c, Insn i, int size) {
        long v = c.load(c.gpr[Cpu.RSP], size);
        if (v != 0) {
            throw new GuestFault(GuestFault.GP, (int) v & 0xFFF8, 0);
        }
        c.gpr[Cpu.RSP] += size;
    }
}

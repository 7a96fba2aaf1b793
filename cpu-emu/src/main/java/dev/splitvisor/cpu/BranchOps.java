package dev.splitvisor.cpu;

/**
 * Control transfer: Jcc (70-7F, 0F 80-8F), JMP (E9, EB, FF /4), CALL (E8, FF /2), RET (C2,
 * C3), LOOP, LOOPE, LOOPNE and JRCXZ. Each sets {@link Cpu#rip} itself.
 *
 * <p>Hot path. A target that is not canonical faults when it is fetched.
 */
final class BranchOps {
    private BranchOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        long next = c.rip + i.len;
        if ((op & 0x3F0) == 0x070 || (op & 0x3F0) == 0x180) {
            c.rip = Flags.condition(c, op & 0xF) ? next + i.imm : next;
            return;
        }
        switch (op) {
            case 0xE9: case 0xEB: c.rip = next + i.imm; break;
            case 0xE8:
                c.push(next, 8);
                c.rip = next + i.imm;
                break;
            case 0xC3: c.rip = c.pop(8); break;
            case 0xC2: {
                long target = c.pop(8);
                c.gpr[Cpu.RSP] += i.imm;
                c.rip = target;
                break;
            }
            case 0xFF: indirect(c, i, next); break;
            case 0xE0: case 0xE1: case 0xE2: loop(c, i, next); break;
            case 0xE3: {
                long count = i.has(Insn.P_67) ? c.gpr[Cpu.RCX] & 0xFFFFFFFFL : c.gpr[Cpu.RCX];
                c.rip = count == 0 ? next + i.imm : next;
                break;
            }
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void indirect(Cpu c, Insn i, long next) {
        long target = c.readRm(i, 8);
        if (((i.modrm >>> 3) & 7) == 2) {
            c.push(next, 8);
        }
        c.rip = target;
    }

    private static void loop(Cpu c, Insn i, long next) {
        boolean addr32 = i.has(Insn.P_67);
        long count = c.gpr[Cpu.RCX] - 1;
        if (addr32) {
            count &= 0xFFFFFFFFL;
            c.setReg(Cpu.RCX, 4, count);
        } else {
            c.gpr[Cpu.RCX] = count;
        }
        boolean taken = count != 0;
        if (i.opcode == 0xE0) {
            taken &= !Flags.condition(c, 4);
        } else if (i.opcode == 0xE1) {
            taken &= Flags.condition(c, 4);
        }
        c.rip = taken ? next + i.imm : next;
    }
}

package dev.splitvisor.cpu;

/**
 * Flag and system instructions a CPL-3 program may meet: SYSCALL, CPUID, RDTSC, RDTSCP, LAHF,
 * SAHF, CMC, CLC, STC, CLD, STD, INT3, INT n, the fences, prefetches and hint NOPs, and the
 * group-15 state instructions (FXSAVE, FXRSTOR, LDMXCSR, STMXCSR via {@link FpuStateOps}).
 * Privileged ones (HLT, CLI, STI) raise #GP as they do at CPL 3 with IOPL 0.
 *
 * <p>IN and OUT (E4-E7, EC-EF) reach {@link Cpu#ioPorts} when the machine has granted
 * {@link Cpu#ioPrivileged}, and raise #GP(0) otherwise, before touching the port or any
 * register. They are off the hot path: they end their block and the run loop sends them here.
 */
final class SystemOps {
    private SystemOps() {
    }

    static void execute(Cpu c, Insn i) {
        switch (i.opcode) {
            case 0x105: syscall(c, i); break;
            case 0x1A2: Cpuid.execute(c); break;
            case 0x131: rdtsc(c); break;
            case 0x9E: c.setFlagsMasked(Flags.CF | Flags.PF | Flags.AF | Flags.ZF | Flags.SF,
                    c.gpr[Cpu.RAX] >>> 8); break;
            case 0x9F: c.setReg(16, 1, c.getRflags() & 0xD7 | 2); break;
            case 0xF5: c.setFlagsMasked(Flags.CF, c.getRflags() ^ Flags.CF); break;
            case 0xF8: c.setFlagsMasked(Flags.CF, 0); break;
            case 0xF9: c.setFlagsMasked(Flags.CF, Flags.CF); break;
            case 0xFC: c.rflags &= ~Flags.DF; break;
            case 0xFD: c.rflags |= Flags.DF; break;
            case 0xCC: interrupt(c, i, 3); break;
            case 0xCD: interrupt(c, i, (int) i.imm & 0xFF); break;
            case 0xF1: interrupt(c, i, 1); break;
            case 0x101: group7(c, i); break;
            case 0x1AE: group15(c, i); break;
            case 0x10D: case 0x118: case 0x119: case 0x11A: case 0x11B: case 0x11C: case 0x11D:
            case 0x11E: case 0x11F:
                break; // prefetches and hint NOPs: no architectural effect
            case 0xE4: case 0xE5: case 0xE6: case 0xE7: case 0xEC: case 0xED: case 0xEE:
            case 0xEF:
                portIo(c, i);
                break;
            case 0xF4: case 0xFA: case 0xFB:
                throw new GuestFault(GuestFault.GP, 0, 0);
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** SYSCALL: RCX gets the return address, R11 the flags; the kernel takes over. */
    private static void syscall(Cpu c, Insn i) {
        long next = c.rip + i.len;
        c.gpr[Cpu.RCX] = next;
        c.gpr[11] = c.getRflags();
        c.rip = next;
        c.exitReason = Cpu.EXIT_SYSCALL;
    }

    /**
     * IN and OUT. Opcode bit 3 picks the port operand (clear: imm8, set: DX), bit 1 the
     * direction (clear: IN), bit 0 the width (clear: AL). The port is checked and, for IN,
     * read before a register changes; an IN to AL or AX merges, an IN to EAX zero-extends into
     * RAX as every 32-bit register write does in 64-bit mode. No flag changes.
     */
    private static void portIo(Cpu c, Insn i) {
        if (!c.ioPrivileged) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
        int op = i.opcode;
        int port = (op & 8) != 0 ? (int) c.gpr[Cpu.RDX] & 0xFFFF : (int) i.imm & 0xFF;
        int size = portAccessSize(i);
        IoPorts ports = c.ioPorts;
        if ((op & 2) == 0) {
            long value = ports != null ? ports.in(port, size) : -1;
            c.setReg(Cpu.RAX, size, value);
        } else if (ports != null) {
            ports.out(port, size, (int) c.getReg(Cpu.RAX, size));
        }
        c.rip += i.len;
    }

    /**
     * 1, 2 or 4: the even opcodes move AL; the odd ones eAX, which 66 makes AX. REX.W, which
     * wins over 66 everywhere else, asks for 64 bits that port I/O does not have: the access
     * stays 32 bits, with or without 66.
     */
    private static int portAccessSize(Insn i) {
        if ((i.opcode & 1) == 0) {
            return 1;
        }
        return i.has(Insn.P_66) && !i.has(Insn.P_REXW) ? 2 : 4;
    }

    private static void rdtsc(Cpu c) {
        long tsc = c.env.timestampCounter(c.retired);
        c.gpr[Cpu.RAX] = tsc & 0xFFFFFFFFL;
        c.gpr[Cpu.RDX] = tsc >>> 32;
    }

    /** INT n and INT3 leave to the kernel with RIP after the instruction, as the trap does. */
    private static void interrupt(Cpu c, Insn i, int vector) {
        c.rip += i.len;
        c.exitDetail = vector;
        c.exitReason = Cpu.EXIT_INTERRUPT;
    }

    private static void group7(Cpu c, Insn i) {
        if (i.modrm == 0xF9) { // RDTSCP
            rdtsc(c);
            c.gpr[Cpu.RCX] = 0; // IA32_TSC_AUX: CPU 0
            return;
        }
        throw i.modrm >= 0xC0 ? Unimplemented.undefined(c, i) : new GuestFault(GuestFault.GP, 0, 0);
    }

    private static void group15(Cpu c, Insn i) {
        int sub = (i.modrm >>> 3) & 7;
        if (i.isMemory()) {
            if (i.simdPrefix() == 0 && sub <= 3) {
                FpuStateOps.execute(c, i, sub);
                return;
            }
            if (i.simdPrefix() == 0 && sub == 7) {
                c.load(c.ea(i), 1); // CLFLUSH: checks the address, caches are not modelled
                return;
            }
            throw Unimplemented.undefined(c, i);
        }
        if (i.simdPrefix() == 0 && sub >= 5) {
            return; // LFENCE, MFENCE, SFENCE: one vCPU sees its own stores in order
        }
        throw Unimplemented.undefined(c, i);
    }
}

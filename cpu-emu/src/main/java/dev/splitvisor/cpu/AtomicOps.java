package dev.splitvisor.cpu;

/**
 * The exchange family: XCHG (86, 87, 90-97, where a plain 90 is NOP and F3 90 is PAUSE),
 * CMPXCHG (0F B0, B1), XADD (0F C0, C1) and group 9 (0F C7): CMPXCHG8B, CMPXCHG16B, RDRAND,
 * RDSEED.
 *
 * <p>Only one vCPU runs in an address space at a time, so every read-modify-write here is
 * atomic without host locking and LOCK needs no action. Memory forms load first, store next
 * and write registers and flags last, so a fault changes nothing.
 *
 * <p>Hot path: no allocation.
 */
final class AtomicOps {
    private AtomicOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        if (op >= 0x90 && op <= 0x97) {
            xchgAccumulator(c, i);
            return;
        }
        switch (op) {
            case 0x86: case 0x87: xchg(c, i); break;
            case 0x1B0: case 0x1B1: cmpxchg(c, i); break;
            case 0x1C0: case 0x1C1: xadd(c, i); break;
            case 0x1C7: group9(c, i); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** 90+r: XCHG rAX, r; 90 itself (no REX.B) is NOP, even with 66 or REX.W, and F3 90 PAUSE. */
    private static void xchgAccumulator(Cpu c, Insn i) {
        int r = i.reg;
        if (r == Cpu.RAX) {
            return; // NOP: unlike 87 C0 it does not zero-extend EAX
        }
        int size = i.osize;
        long a = c.getReg(Cpu.RAX, size);
        long b = c.getReg(r, size);
        c.setReg(Cpu.RAX, size, b);
        c.setReg(r, size, a);
    }

    private static void xchg(Cpu c, Insn i) {
        int size = i.osize;
        long reg = c.readRegOperand(i, size);
        if (i.rm >= 0) {
            long other = c.readRm(i, size);
            c.writeRm(i, size, reg);
            c.writeRegOperand(i, size, other);
            return;
        }
        long addr = c.ea(i);
        long old = c.load(addr, size);
        c.store(addr, size, reg);
        c.writeRegOperand(i, size, old);
    }

    /**
     * CMPXCHG r/m, r: compares the accumulator with the destination (flags as CMP acc, dest).
     * Equal: the destination gets the source. Not equal: the accumulator gets the destination,
     * and a memory destination is written back with its own value (so it must be writable).
     */
    private static void cmpxchg(Cpu c, Insn i) {
        int size = i.osize;
        long acc = c.getReg(Cpu.RAX, size);
        long src = c.readRegOperand(i, size);
        long addr = i.rm >= 0 ? 0 : c.ea(i);
        long dst = i.rm >= 0 ? c.readRm(i, size) : c.load(addr, size);
        boolean equal = acc == dst;
        if (i.rm < 0) {
            c.store(addr, size, equal ? src : dst);
        } else if (equal) {
            c.writeRm(i, size, src);
        }
        if (!equal) {
            c.setReg(Cpu.RAX, size, dst);
        }
        c.lazy(Flags.K_SUB, size, acc, dst, acc - dst);
    }

    /** XADD r/m, r: the register gets the old destination, the destination the sum. */
    private static void xadd(Cpu c, Insn i) {
        int size = i.osize;
        long src = c.readRegOperand(i, size);
        long addr = i.rm >= 0 ? 0 : c.ea(i);
        long dst = i.rm >= 0 ? c.readRm(i, size) : c.load(addr, size);
        long sum = dst + src;
        if (i.rm < 0) {
            c.store(addr, size, sum);
            c.writeRegOperand(i, size, dst);
        } else {
            // Register first, destination last: with the same register on both sides the sum wins.
            c.writeRegOperand(i, size, dst);
            c.writeRm(i, size, sum);
        }
        c.lazy(Flags.K_ADD, size, dst, src, sum);
    }

    private static void group9(Cpu c, Insn i) {
        int sub = (i.modrm >>> 3) & 7;
        if (sub == 1 && i.isMemory() && !i.has(Insn.P_F2 | Insn.P_F3)) {
            if (i.has(Insn.P_REXW)) {
                cmpxchg16b(c, i);
            } else {
                cmpxchg8b(c, i);
            }
            return;
        }
        if ((sub == 6 || sub == 7) && !i.isMemory() && !i.has(Insn.P_F2 | Insn.P_F3)) {
            random(c, i);
            return;
        }
        throw Unimplemented.undefined(c, i);
    }

    /** CMPXCHG8B m64: EDX:EAX against memory; ECX:EBX stored when equal. Only ZF changes. */
    private static void cmpxchg8b(Cpu c, Insn i) {
        long addr = c.ea(i);
        long old = c.mem.read64(addr);
        long expected = (c.gpr[Cpu.RDX] << 32) | (c.gpr[Cpu.RAX] & 0xFFFFFFFFL);
        boolean equal = old == expected;
        long replacement = (c.gpr[Cpu.RCX] << 32) | (c.gpr[Cpu.RBX] & 0xFFFFFFFFL);
        c.mem.write64(addr, equal ? replacement : old);
        if (!equal) {
            c.setReg(Cpu.RAX, 4, old);
            c.setReg(Cpu.RDX, 4, old >>> 32);
        }
        c.setFlagsMasked(Flags.ZF, equal ? Flags.ZF : 0);
    }

    /** CMPXCHG16B m128: as CMPXCHG8B with RDX:RAX and RCX:RBX; #GP unless 16-byte aligned. */
    private static void cmpxchg16b(Cpu c, Insn i) {
        long addr = c.ea(i);
        if ((addr & 15) != 0) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
        long lo = c.mem.read64(addr);
        long hi = c.mem.read64(addr + 8);
        boolean equal = lo == c.gpr[Cpu.RAX] && hi == c.gpr[Cpu.RDX];
        // Aligned, so both halves are on one page: the first store cannot succeed alone.
        c.mem.probeWrite(addr, 16);
        c.mem.write64(addr, equal ? c.gpr[Cpu.RBX] : lo);
        c.mem.write64(addr + 8, equal ? c.gpr[Cpu.RCX] : hi);
        if (!equal) {
            c.gpr[Cpu.RAX] = lo;
            c.gpr[Cpu.RDX] = hi;
        }
        c.setFlagsMasked(Flags.ZF, equal ? Flags.ZF : 0);
    }

    /** RDRAND/RDSEED r: always succeed here; CF = 1, OF SF ZF AF PF cleared. */
    private static void random(Cpu c, Insn i) {
        c.setReg(i.rm, i.osize, c.env.randomBits());
        c.setArith(Flags.CF);
    }
}

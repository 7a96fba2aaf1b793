package dev.splitvisor.cpu;

/**
 * BMI1 and BMI2, VEX-encoded on general registers: ANDN (0F38 F2), BLSR, BLSMSK, BLSI (0F38
 * F3 /1-/3), BZHI, PDEP, PEXT (0F38 F5), MULX (0F38 F6), BEXTR, SHLX, SARX, SHRX (0F38 F7) and
 * RORX (0F3A F0); and the legacy-encoded ADX pair sharing opcode 0F38 F6: ADCX (66) and ADOX
 * (F3).
 *
 * <p>VEX.W selects 64-bit operands, VEX.vvvv names the extra register ({@link Insn#vexReg}),
 * VEX.L=1 is #UD. Flags the SDM leaves undefined get the values AMD Zen 4 produces.
 *
 * <p>Hot path: no allocation.
 */
final class BmiOps {
    private BmiOps() {
    }

    static void execute(Cpu c, Insn i) {
        if (!i.has(Insn.P_VEX)) {
            adx(c, i);
            return;
        }
        if (i.vexL) {
            throw Unimplemented.undefined(c, i);
        }
        int pp = vexPrefix(i);
        switch (i.opcode) {
            case 0x2F2: if (pp == 0) { andn(c, i); return; } break;
            case 0x2F3: if (pp == 0 && blsGroup(c, i)) { return; } break;
            case 0x2F5: if (bzhiPdepPext(c, i, pp)) { return; } break;
            case 0x2F6: if (pp == 3) { mulx(c, i); return; } break;
            case 0x2F7: shiftOrBextr(c, i, pp); return;
            case 0x3F0: if (pp == 3 && i.vexReg == 0) { rorx(c, i); return; } break;
            default: break;
        }
        throw Unimplemented.undefined(c, i);
    }

    /** VEX.pp: 0 none, 1 66, 2 F3, 3 F2 (the decoder turned it into prefix bits). */
    private static int vexPrefix(Insn i) {
        return i.simdPrefix();
    }

    private static int size(Insn i) {
        return i.has(Insn.P_REXW) ? 8 : 4;
    }

    /** SF and ZF from the result, OF = 0, CF as given; undefined AF and PF as Zen 4: 0, parity. */
    private static long logicFlags(long res, int size, boolean carry) {
        return Flags.zsp(res, size) | (carry ? Flags.CF : 0);
    }

    private static void andn(Cpu c, Insn i) {
        int size = size(i);
        long res = ~c.getReg(i.vexReg, size) & c.readRm(i, size) & Flags.mask(size);
        c.setReg(i.reg, size, res);
        c.setArith(logicFlags(res, size, false));
    }

    /** BLSR /1, BLSMSK /2, BLSI /3: the destination is VEX.vvvv. */
    private static boolean blsGroup(Cpu c, Insn i) {
        int sub = (i.modrm >>> 3) & 7;
        if (sub < 1 || sub > 3) {
            return false;
        }
        int size = size(i);
        long m = Flags.mask(size);
        long src = c.readRm(i, size);
        long res;
        boolean carry;
        if (sub == 1) {
            res = src & (src - 1) & m;
            carry = src == 0;
        } else if (sub == 2) {
            res = (src ^ (src - 1)) & m;
            carry = src == 0;
        } else {
            res = src & -src & m;
            carry = src != 0;
        }
        c.setReg(i.vexReg, size, res);
        c.setArith(logicFlags(res, size, carry));
        return true;
    }

    private static boolean bzhiPdepPext(Cpu c, Insn i, int pp) {
        int size = size(i);
        if (pp == 0) {
            bzhi(c, i, size);
        } else if (pp == 3) {
            c.setReg(i.reg, size, pdep(c.getReg(i.vexReg, size), c.readRm(i, size)));
        } else if (pp == 2) {
            c.setReg(i.reg, size, pext(c.getReg(i.vexReg, size), c.readRm(i, size)));
        } else {
            return false;
        }
        return true;
    }

    /** BZHI: clears the bits from index VEX.vvvv[7:0] up; CF says the index was too large. */
    private static void bzhi(Cpu c, Insn i, int size) {
        long src = c.readRm(i, size);
        int n = (int) c.gpr[i.vexReg] & 0xFF;
        int bits = size << 3;
        long res = n < bits ? src & ((1L << n) - 1) : src;
        c.setReg(i.reg, size, res);
        c.setArith(logicFlags(res, size, n > bits - 1));
    }

    /** PDEP: deposits the low bits of {@code src} at the set bits of {@code mask}. */
    static long pdep(long src, long mask) {
        long res = 0;
        long m = mask;
        for (long k = 1; m != 0; k <<= 1) {
            long low = m & -m;
            if ((src & k) != 0) {
                res |= low;
            }
            m ^= low;
        }
        return res;
    }

    /** PEXT: gathers the bits of {@code src} at the set bits of {@code mask} into the low end. */
    static long pext(long src, long mask) {
        long res = 0;
        long m = mask;
        for (long k = 1; m != 0; k <<= 1) {
            long low = m & -m;
            if ((src & low) != 0) {
                res |= k;
            }
            m ^= low;
        }
        return res;
    }

    /** MULX: unsigned rDX * r/m, high half to ModRM.reg, low half to VEX.vvvv; no flags. */
    private static void mulx(Cpu c, Insn i) {
        int size = size(i);
        long a = c.getReg(Cpu.RDX, size);
        long b = c.readRm(i, size);
        long lo;
        long hi;
        if (size == 8) {
            lo = a * b;
            hi = MulDivOps.unsignedMultiplyHigh(a, b);
        } else {
            long p = a * b;
            lo = p & 0xFFFFFFFFL;
            hi = p >>> 32;
        }
        // Low first: when both destinations are one register, the high half is what remains.
        c.setReg(i.vexReg, size, lo);
        c.setReg(i.reg, size, hi);
    }

    /** 0F38 F7: BEXTR (none), SHLX (66), SARX (F3), SHRX (F2). */
    private static void shiftOrBextr(Cpu c, Insn i, int pp) {
        int size = size(i);
        long src = c.readRm(i, size);
        long ctl = c.getReg(i.vexReg, size);
        if (pp == 0) {
            bextr(c, i, size, src, ctl);
            return;
        }
        int count = (int) ctl & (size == 8 ? 0x3F : 0x1F);
        long res;
        if (pp == 1) {
            res = src << count;
        } else if (pp == 2) {
            res = Flags.signExtend(src, size) >> count;
        } else {
            res = src >>> count;
        }
        c.setReg(i.reg, size, res);
    }

    /**
     * BEXTR: ctl[7:0] is the start bit, ctl[15:8] the length. ZF from the result, CF=OF=0;
     * the undefined SF, PF and AF as Zen 4 makes them: from the result, and AF set.
     */
    private static void bextr(Cpu c, Insn i, int size, long src, long ctl) {
        int start = (int) ctl & 0xFF;
        int len = (int) (ctl >>> 8) & 0xFF;
        int bits = size << 3;
        long res = start >= bits ? 0 : src >>> start;
        if (len < 64) {
            res &= (1L << len) - 1;
        }
        c.setReg(i.reg, size, res);
        c.setArith(logicFlags(res, size, false) | Flags.AF);
    }

    private static void rorx(Cpu c, Insn i) {
        int size = size(i);
        long src = c.readRm(i, size);
        int bits = size << 3;
        int t = (int) i.imm & (bits - 1);
        long res = t == 0 ? src : (src >>> t) | (src << (bits - t));
        c.setReg(i.reg, size, res);
    }

    /** ADCX (66): add with carry through CF only. ADOX (F3): the same through OF only. */
    private static void adx(Cpu c, Insn i) {
        boolean adcx = i.simdPrefix() == 1;
        if (i.opcode != 0x2F6 || !(adcx || i.simdPrefix() == 2)) {
            throw Unimplemented.undefined(c, i);
        }
        int size = size(i);
        long flags = c.getRflags();
        long flag = adcx ? Flags.CF : Flags.OF;
        long cin = (flags & flag) != 0 ? 1 : 0;
        long a = c.getReg(i.reg, size);
        long b = c.readRm(i, size);
        long sum = a + b + cin;
        boolean carryOut;
        if (size == 8) {
            carryOut = Long.compareUnsigned(sum, a) < 0 || (cin != 0 && sum == a);
        } else {
            carryOut = (sum >>> 32) != 0;
        }
        c.setReg(i.reg, size, sum);
        c.setFlagsMasked(flag, carryOut ? flag : 0);
    }
}

package dev.splitvisor.cpu;

/**
 * The shifts and rotates: SHL/SAL, SHR, SAR, ROL, ROR, RCL, RCR (C0, C1 imm8; D0, D1 by one;
 * D2, D3 by CL) and the double shifts SHLD, SHRD (0F A4, A5, AC, AD).
 *
 * <p>The count is masked to 5 bits (6 with a 64-bit operand); a masked count of 0 leaves the
 * flags alone. RCL and RCR rotate the operand and CF as one (n+1)-bit quantity, so 8- and
 * 16-bit forms reduce the masked count modulo 9 and 17. Rotates change only CF and OF.
 * Where the SDM leaves OF undefined (counts other than 1) these produce what AMD Zen 4 does,
 * measured with the generator in {@code src/test/native/integer}.
 *
 * <p>Hot path. The operand is loaded, the result stored, and only then the flags written, so a
 * faulting store leaves every register and flag as it was.
 */
final class ShiftOps {
    /** ModRM.reg of the shift group; /6 (SAL) is an alias of /4 (SHL). */
    private static final int ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHR = 5, SAR = 7;
    /** AF after a shift by a non-zero count: undefined in the SDM; Zen 4 sets it. */
    private static final long SHIFT_AF = Flags.AF;

    private ShiftOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        switch (op) {
            case 0xC0: case 0xC1: shift(c, i, (int) i.imm); break;
            case 0xD0: case 0xD1: shift(c, i, 1); break;
            case 0xD2: case 0xD3: shift(c, i, (int) c.gpr[Cpu.RCX]); break;
            case 0x1A4: doubleShift(c, i, (int) i.imm, true); break;
            case 0x1A5: doubleShift(c, i, (int) c.gpr[Cpu.RCX], true); break;
            case 0x1AC: doubleShift(c, i, (int) i.imm, false); break;
            case 0x1AD: doubleShift(c, i, (int) c.gpr[Cpu.RCX], false); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** Shifts beyond 63 give 0 (Java would take the amount modulo 64). */
    private static long shl(long v, int s) {
        return s >= 64 ? 0 : v << s;
    }

    private static long shr(long v, int s) {
        return s >= 64 ? 0 : v >>> s;
    }

    private static void shift(Cpu c, Insn i, int rawCount) {
        int size = i.osize;
        int count = rawCount & (size == 8 ? 0x3F : 0x1F);
        int kind = (i.modrm >>> 3) & 7;
        long addr = i.rm >= 0 ? 0 : c.ea(i);
        long dst = i.rm >= 0 ? c.readRm(i, size) : c.load(addr, size);
        if (count == 0) {
            writeBackUnchanged(c, i, size, addr, dst);
            return;
        }
        long flags = c.getRflags();
        int cf = (int) (flags & 1);
        long res = result(kind, size, dst, count, cf);
        if (i.rm >= 0) {
            c.writeRm(i, size, res);
        } else {
            c.store(addr, size, res);
        }
        if (kind <= RCR) {
            c.setFlagsMasked(Flags.CF | Flags.OF, rotateFlags(kind, size, dst, count, res, cf));
        } else {
            c.setArith(shiftFlags(kind, size, dst, count, res));
        }
    }

    /**
     * A masked count of 0 changes no flag, but the destination is still written: a 32-bit
     * register is zero-extended, and a read-only memory operand faults (measured on Zen 4).
     */
    private static void writeBackUnchanged(Cpu c, Insn i, int size, long addr, long dst) {
        if (i.rm >= 0) {
            if (size == 4) {
                c.writeRm(i, size, dst);
            }
        } else {
            c.store(addr, size, dst);
        }
    }

    /** The rotate count after masking: RCL/RCR of 8 and 16 bits go modulo 9 and 17. */
    private static int throughCarryCount(int size, int count) {
        return size == 1 ? count % 9 : size == 2 ? count % 17 : count;
    }

    private static long result(int kind, int size, long dst, int count, int cf) {
        int n = size << 3;
        long m = Flags.mask(size);
        switch (kind) {
            case ROL: {
                int t = count & (n - 1);
                return (shl(dst, t) | shr(dst, n - t)) & m;
            }
            case ROR: {
                int t = count & (n - 1);
                return (shr(dst, t) | shl(dst, n - t)) & m;
            }
            case RCL: {
                int t = throughCarryCount(size, count);
                if (t == 0) {
                    return dst;
                }
                return (shl(dst, t) | ((long) cf << (t - 1)) | shr(dst, n + 1 - t)) & m;
            }
            case RCR: {
                int t = throughCarryCount(size, count);
                if (t == 0) {
                    return dst;
                }
                return (shr(dst, t) | shl(cf, n - t) | shl(dst, n + 1 - t)) & m;
            }
            case SHR:
                return shr(dst, count);
            case SAR:
                return (Flags.signExtend(dst, size) >> count) & m;
            default: // SHL, SAL
                return shl(dst, count) & m;
        }
    }

    /** CF and OF of a rotate by a non-zero masked count. */
    private static long rotateFlags(int kind, int size, long dst, int count, long res, int cf) {
        int n = size << 3;
        long msb = (res >>> (n - 1)) & 1;
        long carry;
        long overflow;
        switch (kind) {
            case ROL:
                carry = res & 1;
                overflow = msb ^ carry;
                break;
            case ROR:
                carry = msb;
                overflow = msb ^ ((res >>> (n - 2)) & 1);
                break;
            case RCL: {
                int t = throughCarryCount(size, count);
                carry = t == 0 ? cf : (dst >>> (n - t)) & 1;
                overflow = msb ^ carry;
                break;
            }
            default: { // RCR
                int t = throughCarryCount(size, count);
                carry = t == 0 ? cf : (dst >>> (t - 1)) & 1;
                overflow = msb ^ ((res >>> (n - 2)) & 1);
                break;
            }
        }
        return carry | (overflow != 0 ? Flags.OF : 0);
    }

    /** The six status flags of SHL, SHR or SAR by a non-zero masked count. */
    private static long shiftFlags(int kind, int size, long dst, int count, long res) {
        int n = size << 3;
        long carry;
        long overflow;
        switch (kind) {
            case SHR:
                carry = shr(dst, count - 1) & 1;
                overflow = count == 1 ? (dst >>> (n - 1)) & 1 : 0;
                break;
            case SAR:
                carry = (Flags.signExtend(dst, size) >> Math.min(count - 1, 63)) & 1;
                overflow = 0;
                break;
            default: // SHL, SAL
                carry = shr(shl(dst, count - 1), n - 1) & 1;
                overflow = ((res >>> (n - 1)) & 1) ^ carry;
                break;
        }
        return Flags.zsp(res, size) | carry | (overflow != 0 ? Flags.OF : 0) | SHIFT_AF;
    }

    /** SHLD (left) or SHRD: the destination takes bits shifted in from the source register. */
    private static void doubleShift(Cpu c, Insn i, int rawCount, boolean left) {
        int size = i.osize;
        int count = rawCount & (size == 8 ? 0x3F : 0x1F);
        long addr = i.rm >= 0 ? 0 : c.ea(i);
        long dst = i.rm >= 0 ? c.readRm(i, size) : c.load(addr, size);
        long src = c.readRegOperand(i, size);
        if (count == 0) {
            writeBackUnchanged(c, i, size, addr, dst);
            return;
        }
        long res = left ? shld(size, dst, src, count) : shrd(size, dst, src, count);
        if (i.rm >= 0) {
            c.writeRm(i, size, res);
        } else {
            c.store(addr, size, res);
        }
        c.setArith(doubleShiftFlags(size, dst, count, res, left));
    }

    /**
     * SHLD. A 16-bit count above 16 is undefined in the SDM; Zen 4 then returns the high word
     * of the source doubled (src:src) rotated left by the count, which this reproduces.
     */
    private static long shld(int size, long dst, long src, int count) {
        if (size == 2 && count > 16) {
            return (Integer.rotateLeft((int) ((src << 16) | src), count) >>> 16) & 0xFFFF;
        }
        int n = size << 3;
        return (shl(dst, count) | shr(src, n - count)) & Flags.mask(size);
    }

    /** SHRD; with a 16-bit count above 16, the low word of src:src rotated right (Zen 4). */
    private static long shrd(int size, long dst, long src, int count) {
        if (size == 2 && count > 16) {
            return Integer.rotateRight((int) ((src << 16) | src), count) & 0xFFFF;
        }
        int n = size << 3;
        return (shr(dst, count) | shl(src, n - count)) & Flags.mask(size);
    }

    /** Flags of SHLD/SHRD; with a 16-bit count above 16 all are undefined, CF is garbage. */
    private static long doubleShiftFlags(int size, long dst, int count, long res, boolean left) {
        int n = size << 3;
        long carry = left ? (dst >>> (n - count)) & 1 : (dst >>> (count - 1)) & 1;
        // OF is defined for a count of 1 only; for any count Zen 4 gives SHLD the SHL rule and
        // SHRD the ROR rule (top two result bits), which agree with the SDM at a count of 1.
        long msb = (res >>> (n - 1)) & 1;
        long overflow = left ? msb ^ carry : msb ^ ((res >>> (n - 2)) & 1);
        return Flags.zsp(res, size) | carry | (overflow != 0 ? Flags.OF : 0) | SHIFT_AF;
    }
}

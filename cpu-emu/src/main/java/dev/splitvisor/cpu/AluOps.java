package dev.splitvisor.cpu;

/**
 * The integer ALU: ADD, OR, ADC, SBB, AND, SUB, XOR, CMP in every encoding (00-3D, 80-83),
 * TEST (84, 85, A8, A9, F6/F7 /0 /1), NOT and NEG (F6/F7 /2 /3), INC and DEC (FE, FF /0 /1).
 *
 * <p>Hot path. Flags are recorded lazily and only after the result is stored, so an
 * instruction whose store faults leaves the flags as they were.
 */
final class AluOps {
    private static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6,
            CMP = 7;

    private AluOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        if (op < 0x40) {
            classic(c, i, (op >>> 3) & 7, op & 7);
            return;
        }
        int sub = (i.modrm >>> 3) & 7;
        switch (op) {
            case 0x80: case 0x81: case 0x83: rmOp(c, i, sub, i.imm); break;
            case 0x84: case 0x85:
                test(c, i.osize, c.readRm(i, i.osize), c.readRegOperand(i, i.osize));
                break;
            case 0xA8: case 0xA9: test(c, i.osize, c.getReg(0, i.osize), i.imm); break;
            case 0xF6: case 0xF7: group3(c, i, sub); break;
            case 0xFE: case 0xFF: incDec(c, i, sub); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    /** The 00-3F pattern: form 0/1 r/m op= reg, 2/3 reg op= r/m, 4/5 accumulator op= imm. */
    private static void classic(Cpu c, Insn i, int kind, int form) {
        int size = i.osize;
        switch (form) {
            case 0: case 1:
                rmOp(c, i, kind, c.readRegOperand(i, size));
                break;
            case 2: case 3: {
                long dst = c.readRegOperand(i, size);
                long src = c.readRm(i, size);
                long cin = carryIn(c, kind);
                long res = compute(kind, dst, src, cin);
                if (kind != CMP) {
                    c.writeRegOperand(i, size, res);
                }
                record(c, kind, size, dst, src, res, cin);
                break;
            }
            case 4: case 5: {
                long dst = c.getReg(0, size);
                long cin = carryIn(c, kind);
                long res = compute(kind, dst, i.imm, cin);
                if (kind != CMP) {
                    c.setReg(0, size, res);
                }
                record(c, kind, size, dst, i.imm, res, cin);
                break;
            }
            default:
                throw Unimplemented.undefined(c, i);
        }
    }

    /** r/m op= src, reading and writing memory once. */
    private static void rmOp(Cpu c, Insn i, int kind, long src) {
        int size = i.osize;
        long cin = carryIn(c, kind);
        if (i.rm >= 0) {
            int r = size == 1 ? i.rmB : i.rm;
            long dst = c.getReg(r, size);
            long res = compute(kind, dst, src, cin);
            if (kind != CMP) {
                c.setReg(r, size, res);
            }
            record(c, kind, size, dst, src, res, cin);
            return;
        }
        long a = c.ea(i);
        long dst = c.load(a, size);
        long res = compute(kind, dst, src, cin);
        if (kind != CMP) {
            c.store(a, size, res);
        }
        record(c, kind, size, dst, src, res, cin);
    }

    private static long carryIn(Cpu c, int kind) {
        return kind == ADC || kind == SBB ? c.carry() : 0;
    }

    private static long compute(int kind, long dst, long src, long cin) {
        switch (kind) {
            case ADD: return dst + src;
            case OR: return dst | src;
            case ADC: return dst + src + cin;
            case SBB: return dst - src - cin;
            case AND: return dst & src;
            case XOR: return dst ^ src;
            default: return dst - src;
        }
    }

    private static void record(Cpu c, int kind, int size, long dst, long src, long res, long cin) {
        switch (kind) {
            case ADD: c.lazy(Flags.K_ADD, size, dst, src, res); break;
            case ADC: c.lazy(Flags.K_ADC, size, dst, src, res); c.lazyAux = cin; break;
            case SBB: c.lazy(Flags.K_SBB, size, dst, src, res); c.lazyAux = cin; break;
            case SUB: case CMP: c.lazy(Flags.K_SUB, size, dst, src, res); break;
            default: c.lazy(Flags.K_LOGIC, size, dst, src, res); break;
        }
    }

    private static void test(Cpu c, int size, long a, long b) {
        c.lazy(Flags.K_LOGIC, size, a, b, a & b);
    }

    private static void group3(Cpu c, Insn i, int sub) {
        int size = i.osize;
        switch (sub) {
            case 0: case 1:
                test(c, size, c.readRm(i, size), i.imm);
                break;
            case 2:
                modify(c, i, size, false);
                break;
            default:
                modify(c, i, size, true);
                break;
        }
    }

    /** NOT (no flags) or NEG. */
    private static void modify(Cpu c, Insn i, int size, boolean negate) {
        long a = i.rm >= 0 ? 0 : c.ea(i);
        long v = i.rm >= 0 ? c.readRm(i, size) : c.load(a, size);
        long res = negate ? -v : ~v;
        if (i.rm >= 0) {
            c.writeRm(i, size, res);
        } else {
            c.store(a, size, res);
        }
        if (negate) {
            c.lazy(Flags.K_NEG, size, 0, v, res);
        }
    }

    private static void incDec(Cpu c, Insn i, int sub) {
        if (sub > 1) {
            throw Unimplemented.undefined(c, i);
        }
        int size = i.osize;
        long a = i.rm >= 0 ? 0 : c.ea(i);
        long v = i.rm >= 0 ? c.readRm(i, size) : c.load(a, size);
        long res = sub == 0 ? v + 1 : v - 1;
        if (i.rm >= 0) {
            c.writeRm(i, size, res);
        } else {
            c.store(a, size, res);
        }
        long oldCarry = c.carry();
        c.lazy(sub == 0 ? Flags.K_INC : Flags.K_DEC, size, v, 1, res);
        c.lazyAux = oldCarry;
    }
}

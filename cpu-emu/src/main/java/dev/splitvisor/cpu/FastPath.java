package dev.splitvisor.cpu;

/**
 * Specialised executors for the instruction forms that dominate compiled code: register and
 * memory MOVs, the common ALU forms on 32- and 64-bit registers, LEA, Jcc, JMP, CALL, RET, PUSH,
 * POP, INC, DEC and MOVZX. {@link #classify} picks one at decode time and stores it in
 * {@link Insn#fast}; {@link #execute} then runs it with no further decoding of operand size,
 * direction or form. Everything else goes to the family executors.
 *
 * <p>Hot path: the per-instruction cost of the interpreter is mostly here. Same semantics as
 * the family executors (flags lazily, stores before flags), which the tests hold both to.
 */
final class FastPath {
    static final int NONE = 0, MOV64_RR = 1, MOV32_RR = 2, MOV64_RI = 3, MOV32_RI = 4,
            LOAD64 = 5, LOAD32 = 6, STORE64 = 7, STORE32 = 8, LEA64 = 9, LEA32 = 10,
            JCC = 11, JMP = 12, CALL = 13, RET = 14, PUSH64 = 15, POP64 = 16,
            ALU64_RR = 17, ALU32_RR = 18, ALU64_RI = 19, ALU32_RI = 20, TEST64_RR = 21,
            TEST32_RR = 22, INC64 = 23, INC32 = 24, DEC64 = 25, DEC32 = 26, MOVZX8_R = 27,
            MOVZX8_M = 28, ALU64_RM = 29, ALU32_RM = 30, STORE8_I = 31, STORE32_I = 32,
            STORE64_I = 33, CMP8_MI = 34, CMP8_RI = 35, MOVSXD_R = 36, MOVSXD_M = 37,
            JMP_R = 38, JMP_M = 39, CDQE = 40;
    /**
     * ADD, SUB and CMP on registers get ops of their own: the ALU kind then needs no second
     * dispatch, whose branch mispredicts when a program mixes kinds. Laid out as
     * ADD, SUB, CMP times (64 RR, 32 RR, 64 RI, 32 RI).
     */
    static final int ADD64_RR = 41, ADD32_RR = 42, ADD64_RI = 43, ADD32_RI = 44, SUB64_RR = 45,
            SUB32_RR = 46, SUB64_RI = 47, SUB32_RI = 48, CMP64_RR = 49, CMP32_RR = 50,
            CMP64_RI = 51, CMP32_RI = 52;

    private static final long MASK32 = 0xFFFFFFFFL;

    private FastPath() {
    }

    /** Chooses the specialised executor for a decoded instruction, or NONE. */
    static void classify(Insn i) {
        if (i.undefined || i.has(Insn.P_LOCK | Insn.P_VEX)) {
            return;
        }
        boolean wide = i.osize == 8;
        boolean plainEa = i.rm < 0 && i.seg == Insn.SEG_NONE && !i.has(Insn.P_67);
        int op = i.opcode;
        int f = NONE;
        if (i.osize == 8 || i.osize == 4) {
            f = classifySized(i, op, wide, plainEa);
        }
        if (f == NONE) {
            f = classifyOther(i, op, plainEa);
        }
        i.fast = refineAlu(f, i.aluKind);
    }

    private static int refineAlu(int f, int kind) {
        int form = f == ALU64_RR ? 0 : f == ALU32_RR ? 1 : f == ALU64_RI ? 2
                : f == ALU32_RI ? 3 : -1;
        if (form < 0) {
            return f;
        }
        switch (kind) {
            case 0: return ADD64_RR + form;
            case 5: return SUB64_RR + form;
            case 7: return CMP64_RR + form;
            default: return f;
        }
    }

    private static int classifySized(Insn i, int op, boolean wide, boolean plainEa) {
        if (op < 0x40 && (op & 7) == 5 && ((op >>> 3) & 7) != 2 && ((op >>> 3) & 7) != 3) {
            i.aluKind = (op >>> 3) & 7;
            i.dst = Cpu.RAX;
            return wide ? ALU64_RI : ALU32_RI;
        }
        if (op < 0x40 && (op & 7) <= 3 && (op & 7) != 0 && (op & 7) != 2) {
            int kind = (op >>> 3) & 7;
            if (kind == 2 || kind == 3) {
                return NONE; // ADC/SBB stay in AluOps
            }
            i.aluKind = kind;
            if (i.rm >= 0) {
                i.dst = (op & 2) == 0 ? i.rm : i.reg;
                i.src = (op & 2) == 0 ? i.reg : i.rm;
                return wide ? ALU64_RR : ALU32_RR;
            }
            if ((op & 2) != 0 && plainEa) {
                i.dst = i.reg;
                return wide ? ALU64_RM : ALU32_RM;
            }
            return NONE;
        }
        switch (op) {
            case 0x89: case 0x8B:
                if (i.rm >= 0) {
                    i.dst = op == 0x89 ? i.rm : i.reg;
                    i.src = op == 0x89 ? i.reg : i.rm;
                    return wide ? MOV64_RR : MOV32_RR;
                }
                if (!plainEa) {
                    return NONE;
                }
                if (op == 0x8B) {
                    i.dst = i.reg;
                    return wide ? LOAD64 : LOAD32;
                }
                i.src = i.reg;
                return wide ? STORE64 : STORE32;
            case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE:
            case 0xBF:
                i.dst = i.reg;
                return wide ? MOV64_RI : MOV32_RI;
            case 0xC7:
                if (((i.modrm >>> 3) & 7) != 0) {
                    return NONE;
                }
                if (i.rm >= 0) {
                    i.dst = i.rm;
                    return wide ? MOV64_RI : MOV32_RI;
                }
                return plainEa ? (wide ? STORE64_I : STORE32_I) : NONE;
            case 0x63:
                if (!wide) {
                    return NONE;
                }
                if (i.rm >= 0) {
                    i.dst = i.reg;
                    i.src = i.rm;
                    return MOVSXD_R;
                }
                i.dst = i.reg;
                return plainEa ? MOVSXD_M : NONE;
            case 0x98:
                return wide ? CDQE : NONE;
            case 0x8D:
                if (i.rm >= 0 || i.has(Insn.P_67)) {
                    return NONE;
                }
                i.dst = i.reg;
                return wide ? LEA64 : LEA32;
            case 0x81: case 0x83:
                if (i.rm < 0 || ((i.modrm >>> 3) & 7) == 2 || ((i.modrm >>> 3) & 7) == 3) {
                    return NONE;
                }
                i.aluKind = (i.modrm >>> 3) & 7;
                i.dst = i.rm;
                return wide ? ALU64_RI : ALU32_RI;
            case 0x85:
                if (i.rm < 0) {
                    return NONE;
                }
                i.dst = i.rm;
                i.src = i.reg;
                return wide ? TEST64_RR : TEST32_RR;
            case 0xFF: {
                int sub = (i.modrm >>> 3) & 7;
                if (i.rm < 0 || sub > 1) {
                    return NONE;
                }
                i.dst = i.rm;
                return sub == 0 ? (wide ? INC64 : INC32) : (wide ? DEC64 : DEC32);
            }
            case 0x1B6:
                if (i.rm >= 0) {
                    i.src = i.rmB;
                    i.dst = i.reg;
                    return MOVZX8_R;
                }
                if (!plainEa) {
                    return NONE;
                }
                i.dst = i.reg;
                return MOVZX8_M;
            default:
                return NONE;
        }
    }

    private static int classifyOther(Insn i, int op, boolean plainEa) {
        if ((op & 0x3F0) == 0x070 || (op & 0x3F0) == 0x180) {
            return JCC;
        }
        int sub = (i.modrm >>> 3) & 7;
        switch (op) {
            case 0xE9: case 0xEB: return JMP;
            case 0xE8: return CALL;
            case 0xC3: return RET;
            case 0xC6:
                return sub == 0 && plainEa ? STORE8_I : NONE;
            case 0x80:
                if (sub != 7) {
                    return NONE;
                }
                if (i.rm >= 0) {
                    i.dst = i.rmB;
                    return CMP8_RI;
                }
                return plainEa ? CMP8_MI : NONE;
            case 0xFF:
                if (sub != 4) {
                    return NONE;
                }
                if (i.rm >= 0) {
                    i.dst = i.rm;
                    return JMP_R;
                }
                return plainEa ? JMP_M : NONE;
            default: break;
        }
        if (i.osize == 8 && op >= 0x50 && op <= 0x5F) {
            i.dst = i.reg;
            return op < 0x58 ? PUSH64 : POP64;
        }
        return NONE;
    }

    /** Runs a classified instruction. */
    static void execute(Cpu c, Insn i) {
        long[] r = c.gpr;
        switch (i.fast) {
            case MOV64_RR: r[i.dst] = r[i.src]; break;
            case MOV32_RR: r[i.dst] = r[i.src] & MASK32; break;
            case MOV64_RI: r[i.dst] = i.imm; break;
            case MOV32_RI: r[i.dst] = i.imm & MASK32; break;
            case LOAD64: r[i.dst] = c.mem.read64(c.ea(i)); break;
            case LOAD32: r[i.dst] = c.mem.read32(c.ea(i)) & MASK32; break;
            case STORE64: c.mem.write64(c.ea(i), r[i.src]); break;
            case STORE32: c.mem.write32(c.ea(i), (int) r[i.src]); break;
            case LEA64: r[i.dst] = c.offset(i); break;
            case LEA32: r[i.dst] = c.offset(i) & MASK32; break;
            case JCC:
                c.rip += Flags.condition(c, i.opcode & 0xF) ? i.len + i.imm : i.len;
                break;
            case JMP: c.rip += i.len + i.imm; break;
            case CALL: {
                long next = c.rip + i.len;
                c.push(next, 8);
                c.rip = next + i.imm;
                break;
            }
            case RET: c.rip = c.pop(8); break;
            case PUSH64: c.push(r[i.dst], 8); break;
            case POP64: r[i.dst] = c.pop(8); break;
            case ALU64_RR: r[i.dst] = alu(c, i.aluKind, 8, r[i.dst], r[i.src], r[i.dst]); break;
            case ALU32_RR:
                r[i.dst] = alu(c, i.aluKind, 4, r[i.dst] & MASK32, r[i.src] & MASK32, r[i.dst]);
                break;
            case ALU64_RI: r[i.dst] = alu(c, i.aluKind, 8, r[i.dst], i.imm, r[i.dst]); break;
            case ALU32_RI:
                r[i.dst] = alu(c, i.aluKind, 4, r[i.dst] & MASK32, i.imm & MASK32, r[i.dst]);
                break;
            case ALU64_RM:
                r[i.dst] = alu(c, i.aluKind, 8, r[i.dst], c.mem.read64(c.ea(i)), r[i.dst]);
                break;
            case ALU32_RM:
                r[i.dst] = alu(c, i.aluKind, 4, r[i.dst] & MASK32,
                        c.mem.read32(c.ea(i)) & MASK32, r[i.dst]);
                break;
            case ADD64_RR: r[i.dst] = add(c, 8, r[i.dst], r[i.src]); break;
            case ADD32_RR: r[i.dst] = add32(c, r[i.dst], r[i.src]); break;
            case ADD64_RI: r[i.dst] = add(c, 8, r[i.dst], i.imm); break;
            case ADD32_RI: r[i.dst] = add32(c, r[i.dst], i.imm); break;
            case SUB64_RR: r[i.dst] = sub(c, 8, r[i.dst], r[i.src]); break;
            case SUB32_RR: r[i.dst] = sub32(c, r[i.dst], r[i.src]); break;
            case SUB64_RI: r[i.dst] = sub(c, 8, r[i.dst], i.imm); break;
            case SUB32_RI: r[i.dst] = sub32(c, r[i.dst], i.imm); break;
            case CMP64_RR: sub(c, 8, r[i.dst], r[i.src]); break;
            case CMP32_RR: sub32(c, r[i.dst], r[i.src]); break;
            case CMP64_RI: sub(c, 8, r[i.dst], i.imm); break;
            case CMP32_RI: sub32(c, r[i.dst], i.imm); break;
            case TEST64_RR: c.lazy(Flags.K_LOGIC, 8, 0, 0, r[i.dst] & r[i.src]); break;
            case TEST32_RR: c.lazy(Flags.K_LOGIC, 4, 0, 0, r[i.dst] & r[i.src]); break;
            case INC64: r[i.dst] = incDec(c, Flags.K_INC, 8, r[i.dst], r[i.dst] + 1); break;
            case INC32:
                r[i.dst] = incDec(c, Flags.K_INC, 4, r[i.dst] & MASK32, (r[i.dst] + 1) & MASK32);
                break;
            case DEC64: r[i.dst] = incDec(c, Flags.K_DEC, 8, r[i.dst], r[i.dst] - 1); break;
            case DEC32:
                r[i.dst] = incDec(c, Flags.K_DEC, 4, r[i.dst] & MASK32, (r[i.dst] - 1) & MASK32);
                break;
            case MOVZX8_R: r[i.dst] = c.getReg(i.src, 1); break;
            case MOVZX8_M: r[i.dst] = c.mem.read8(c.ea(i)); break;
            case STORE8_I: c.mem.write8(c.ea(i), (int) i.imm); break;
            case STORE32_I: c.mem.write32(c.ea(i), (int) i.imm); break;
            case STORE64_I: c.mem.write64(c.ea(i), i.imm); break;
            case CMP8_MI: {
                long v = c.mem.read8(c.ea(i));
                c.lazy(Flags.K_SUB, 1, v, i.imm & 0xFF, v - (i.imm & 0xFF));
                break;
            }
            case CMP8_RI: {
                long v = c.getReg(i.dst, 1);
                c.lazy(Flags.K_SUB, 1, v, i.imm & 0xFF, v - (i.imm & 0xFF));
                break;
            }
            case MOVSXD_R: r[i.dst] = (int) r[i.src]; break;
            case MOVSXD_M: r[i.dst] = c.mem.read32(c.ea(i)); break;
            case CDQE: r[Cpu.RAX] = (int) r[Cpu.RAX]; break;
            case JMP_R: c.rip = r[i.dst]; break;
            case JMP_M: c.rip = c.mem.read64(c.ea(i)); break;
            default: throw new IllegalStateException("fast path " + i.fast + " not classified");
        }
    }

    /**
     * ADD, OR, AND, SUB, XOR, CMP on operands of {@code size} 4 or 8, recording flags. Returns
     * the new register value: {@code old} for CMP, the zero-extended result otherwise.
     */
    private static long alu(Cpu c, int kind, int size, long dst, long src, long old) {
        long res;
        switch (kind) {
            case 0:
                res = dst + src;
                c.lazy(Flags.K_ADD, size, dst, src, res);
                break;
            case 1:
                res = dst | src;
                c.lazy(Flags.K_LOGIC, size, dst, src, res);
                break;
            case 4:
                res = dst & src;
                c.lazy(Flags.K_LOGIC, size, dst, src, res);
                break;
            case 5:
                res = dst - src;
                c.lazy(Flags.K_SUB, size, dst, src, res);
                break;
            case 6:
                res = dst ^ src;
                c.lazy(Flags.K_LOGIC, size, dst, src, res);
                break;
            default:
                c.lazy(Flags.K_SUB, size, dst, src, dst - src);
                return old;
        }
        return size == 8 ? res : res & MASK32;
    }

    private static long add(Cpu c, int size, long dst, long src) {
        long res = dst + src;
        c.lazy(Flags.K_ADD, size, dst, src, res);
        return res;
    }

    private static long sub(Cpu c, int size, long dst, long src) {
        long res = dst - src;
        c.lazy(Flags.K_SUB, size, dst, src, res);
        return res;
    }

    /** 32-bit ADD of the low halves; the result comes back zero-extended. */
    private static long add32(Cpu c, long dst, long src) {
        return add(c, 4, dst & MASK32, src & MASK32) & MASK32;
    }

    /** 32-bit SUB (or CMP) of the low halves; the result comes back zero-extended. */
    private static long sub32(Cpu c, long dst, long src) {
        return sub(c, 4, dst & MASK32, src & MASK32) & MASK32;
    }

    private static long incDec(Cpu c, int kind, int size, long before, long after) {
        long carry = c.carry();
        c.lazy(kind, size, before, 1, after);
        c.lazyAux = carry;
        return after;
    }
}

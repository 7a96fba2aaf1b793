package dev.splitvisor.cpu;

/**
 * Specialised executors for the instruction forms that dominate compiled code: register and
 * memory MOVs, the common ALU forms on 32- and 64-bit registers, LEA, Jcc, JMP, CALL, RET, PUSH,
 * POP, INC, DEC and MOVZX. {@link #classify} picks one at decode time and stores it in
 * {@link Insn#fast}; {@link BlockRunner} then runs it inline with no further decoding of
 * operand size, direction or form, using the small ALU helpers here. Everything else goes to
 * the family executors.
 *
 * <p>Hot path. Same semantics as the family executors (flags lazily, stores before flags),
 * which the tests hold both to.
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
    /** Compare-and-branch entries, see {@link CompareBranch}. */
    static final int CMP64_RR_JCC = 53, CMP32_RR_JCC = 54, CMP64_RI_JCC = 55,
            CMP32_RI_JCC = 56, CMP8_RI_JCC = 57, CMP8_MI_JCC = 58, TEST64_RR_JCC = 59,
            TEST32_RR_JCC = 60;

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
                    i.src = gprOfByteReg(i.rmB);
                    i.byteShift = byteShiftOf(i.rmB);
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
                    i.dst = gprOfByteReg(i.rmB);
                    i.byteShift = byteShiftOf(i.rmB);
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

    /** True when an entry of this kind may leave the block before its end (NONE included). */
    static boolean mayBranch(int fast) {
        return fast == NONE || fast == JCC || fast >= CMP64_RR_JCC && fast <= TEST32_RR_JCC;
    }

    /** The general register that holds byte register {@code b} (16-19 are AH, CH, DH, BH). */
    private static int gprOfByteReg(int b) {
        return b < 16 ? b : b - 16;
    }

    /** Where byte register {@code b} sits in its general register. */
    private static int byteShiftOf(int b) {
        return b < 16 ? 0 : 8;
    }

    /** True when an entry of this kind may write guest memory (NONE: a family executor). */
    static boolean mayStore(int fast) {
        switch (fast) {
            case NONE: case STORE64: case STORE32: case STORE8_I: case STORE32_I: case STORE64_I:
            case PUSH64: case CALL:
                return true;
            default:
                return false;
        }
    }

    /**
     * ADD, OR, AND, SUB, XOR, CMP on operands of {@code size} 4 or 8, recording flags. Returns
     * the new register value: {@code old} for CMP, the zero-extended result otherwise.
     */
    static long alu(Cpu c, int kind, int size, long dst, long src, long old) {
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

    /** 64-bit ADD, recording flags. */
    static long add(Cpu c, long dst, long src) {
        long res = dst + src;
        c.lazy(Flags.K_ADD, 8, dst, src, res);
        return res;
    }

    /** 64-bit SUB (or CMP), recording flags. */
    static long sub(Cpu c, long dst, long src) {
        long res = dst - src;
        c.lazy(Flags.K_SUB, 8, dst, src, res);
        return res;
    }

    /** 32-bit ADD of zero-extended operands; the result comes back zero-extended. */
    static long add32(Cpu c, long dst, long src) {
        long res = dst + src;
        c.lazy(Flags.K_ADD, 4, dst, src, res);
        return res & MASK32;
    }

    /** 32-bit SUB (or CMP) of zero-extended operands; the result comes back zero-extended. */
    static long sub32(Cpu c, long dst, long src) {
        long res = dst - src;
        c.lazy(Flags.K_SUB, 4, dst, src, res);
        return res & MASK32;
    }

    /** 8-bit CMP of a zero-extended value with the low byte of an immediate. */
    static void cmp8(Cpu c, long v, long imm) {
        long s = imm & 0xFF;
        c.lazy(Flags.K_SUB, 1, v, s, v - s);
    }

    /** INC or DEC: CF is kept, so the old one is saved beside the lazy record. */
    static long incDec(Cpu c, int kind, int size, long before, long after) {
        long carry = c.carry();
        c.lazy(kind, size, before, 1, after);
        c.lazyAux = carry;
        return after;
    }
}

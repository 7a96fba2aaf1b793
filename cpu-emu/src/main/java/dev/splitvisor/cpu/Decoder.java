package dev.splitvisor.cpu;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Frame;

/**
 * Decodes one 64-bit-mode instruction into an {@link Insn}: legacy and REX prefixes, VEX
 * (C4/C5), the one-byte, 0F, 0F38 and 0F3A maps, ModRM, SIB, displacements, RIP-relative
 * addressing and immediates. Bytes that do not form a valid instruction give an Insn marked
 * {@link Insn#undefined}; executing it raises #UD (or #GP when it is longer than 15 bytes).
 *
 * <p>Bytes are fetched through the address space with execute permission, one page at a
 * time, so an instruction that ends before a page boundary never touches the next page.
 * Not thread-safe: one decoder per vCPU.
 */
public final class Decoder {
    /** Architectural maximum length of one instruction. */
    public static final int MAX_LENGTH = 15;

    private final AddressSpace mem;
    private long start;
    private int pos;
    private byte[] page;
    private long pageBase;

    public Decoder(AddressSpace mem) {
        this.mem = mem;
    }

    /** Reads the next instruction byte; may raise a fetch #PF when it lies on an unmapped page. */
    private int next() {
        long va = start + pos;
        if (page == null || (va & ~Frame.OFFSET_MASK) != pageBase) {
            pageBase = va & ~Frame.OFFSET_MASK;
            page = mem.fetchFrame(va).bytes();
        }
        pos++;
        return page[(int) (va & Frame.OFFSET_MASK)] & 0xFF;
    }

    private long nextSigned(int bytes) {
        long v = 0;
        for (int k = 0; k < bytes; k++) {
            v |= (long) next() << (8 * k);
        }
        int shift = 64 - 8 * bytes;
        return (v << shift) >> shift;
    }

    /** True when the instruction at {@code va} would end at or beyond the page boundary. */
    public boolean crossesPage(long va, Insn d) {
        return ((va & Frame.OFFSET_MASK) + d.len) > Frame.SIZE;
    }

    /** Decodes the instruction at {@code va} into a fresh Insn. */
    public Insn decode(long va) {
        Insn d = new Insn();
        start = va;
        pos = 0;
        page = null;
        int b = prefixes(d);
        if (d.undefined) {
            return d;
        }
        int rex = (d.prefixes & Insn.P_REX) != 0 ? rexBits : 0;
        if (b == 0xC4 || b == 0xC5) {
            decodeVex(d, b);
        } else {
            d.opcode = opcode(b);
            body(d, rex);
        }
        d.len = pos;
        if (d.len > MAX_LENGTH) {
            markUndefined(d);
        }
        addressing(d);
        FastPath.classify(d);
        return d;
    }

    private int rexBits;

    /** Works out the branch-free form of the memory operand that {@link Cpu#ea} uses. */
    private static void addressing(Insn d) {
        d.eaBase = d.base >= 0 && d.base < 16 ? d.base : Cpu.ZERO_REG;
        d.eaIndex = d.index >= 0 ? d.index : Cpu.ZERO_REG;
        d.ripMask = d.base == Insn.BASE_RIP ? -1L : 0;
        d.eaDisp = d.disp + (d.len & d.ripMask);
        d.eaMask = d.has(Insn.P_67) ? 0xFFFFFFFFL : -1L;
    }

    private int prefixes(Insn d) {
        rexBits = 0;
        while (true) {
            if (pos >= MAX_LENGTH) {
                markUndefined(d);
                d.len = MAX_LENGTH + 1;
                return 0;
            }
            int b = next();
            switch (b) {
                case 0x66: d.prefixes |= Insn.P_66; break;
                case 0x67: d.prefixes |= Insn.P_67; break;
                case 0xF0: d.prefixes |= Insn.P_LOCK; break;
                case 0xF2: d.prefixes = (d.prefixes & ~Insn.P_F3) | Insn.P_F2; break;
                case 0xF3: d.prefixes = (d.prefixes & ~Insn.P_F2) | Insn.P_F3; break;
                case 0x26: case 0x2E: case 0x36: case 0x3E: break; // null segments in 64-bit mode
                case 0x64: d.seg = Insn.SEG_FS; break;
                case 0x65: d.seg = Insn.SEG_GS; break;
                default:
                    if ((b & 0xF0) == 0x40) {
                        // A REX prefix counts only when the opcode follows it directly.
                        rexBits = b & 0xF;
                        d.prefixes = (d.prefixes & ~Insn.P_REXW) | Insn.P_REX;
                        if ((b & 8) != 0) {
                            d.prefixes |= Insn.P_REXW;
                        }
                        continue;
                    }
                    return b;
            }
            d.prefixes &= ~(Insn.P_REX | Insn.P_REXW);
            rexBits = 0;
        }
    }

    private int opcode(int b) {
        if (b != 0x0F) {
            return b;
        }
        int b2 = next();
        if (b2 == 0x38) {
            return 0x200 | next();
        }
        if (b2 == 0x3A) {
            return 0x300 | next();
        }
        return 0x100 | b2;
    }

    private void body(Insn d, int rex) {
        int props = OpcodeTable.properties(d.opcode);
        if ((props & OpcodeTable.INVALID) != 0) {
            markUndefined(d);
            return;
        }
        d.group = OpcodeTable.group(props);
        if ((props & OpcodeTable.MODRM) != 0) {
            modrm(d, next(), rex);
        } else {
            // Opcodes with the register in their low bits (PUSH, POP, XCHG, MOV imm, BSWAP).
            d.reg = (d.opcode & 7) | ((rex & 1) << 3);
            d.regB = byteReg(d.reg, d.has(Insn.P_REX));
        }
        d.osize = operandSize(d, props);
        d.endsBlock = (props & OpcodeTable.ENDS) != 0;
        if (d.group == OpcodeTable.G_GROUP) {
            resolveGroup(d);
        }
        immediates(d, props);
        if (d.has(Insn.P_LOCK) && !lockable(d)) {
            markUndefined(d);
        }
        if (d.group == OpcodeTable.G_UD) {
            d.undefined = true;
            d.endsBlock = true;
        }
    }

    private static int operandSize(Insn d, int props) {
        if ((props & OpcodeTable.BYTE) != 0) {
            return 1;
        }
        if (d.has(Insn.P_REXW)) {
            return 8;
        }
        if (d.has(Insn.P_66)) {
            return 2;
        }
        return (props & OpcodeTable.DEF64) != 0 ? 8 : 4;
    }

    private static int byteReg(int r, boolean hasRex) {
        return (!hasRex && r >= 4 && r < 8) ? r + 12 : r;
    }

    private void modrm(Insn d, int m, int rex) {
        boolean hasRex = d.has(Insn.P_REX);
        d.modrm = m;
        int mod = m >>> 6;
        d.reg = ((m >>> 3) & 7) | ((rex & 4) << 1);
        d.regB = byteReg(d.reg, hasRex);
        int rmField = m & 7;
        if (mod == 3) {
            d.rm = rmField | ((rex & 1) << 3);
            d.rmB = byteReg(d.rm, hasRex);
            return;
        }
        d.rm = Insn.NONE;
        d.rmB = Insn.NONE;
        if (rmField == 4) {
            int sib = next();
            d.scale = sib >>> 6;
            int idx = ((sib >>> 3) & 7) | ((rex & 2) << 2);
            d.index = idx == 4 ? Insn.NONE : idx;
            int base = sib & 7;
            if (base == 5 && mod == 0) {
                d.base = Insn.NONE;
                d.disp = nextSigned(4);
                return;
            }
            d.base = base | ((rex & 1) << 3);
        } else if (rmField == 5 && mod == 0) {
            d.base = Insn.BASE_RIP;
            d.disp = nextSigned(4);
            return;
        } else {
            d.base = rmField | ((rex & 1) << 3);
        }
        if (mod == 1) {
            d.disp = nextSigned(1);
        } else if (mod == 2) {
            d.disp = nextSigned(4);
        }
    }

    /** F6, F7 and FF hold several instructions told apart by ModRM.reg. */
    private static void resolveGroup(Insn d) {
        int sub = (d.modrm >>> 3) & 7;
        if (d.opcode == 0xF6 || d.opcode == 0xF7) {
            d.group = sub < 4 ? OpcodeTable.G_ALU : OpcodeTable.G_MULDIV;
            return;
        }
        switch (sub) {
            case 0: case 1: d.group = OpcodeTable.G_ALU; break;
            case 2: case 4:
                d.group = OpcodeTable.G_BRANCH;
                d.endsBlock = true;
                d.osize = 8;
                break;
            case 6:
                d.group = OpcodeTable.G_STACK;
                d.osize = d.has(Insn.P_66) ? 2 : 8;
                break;
            default: d.group = OpcodeTable.G_UD; break;
        }
    }

    private void immediates(Insn d, int props) {
        switch (props & OpcodeTable.IMM_MASK) {
            case OpcodeTable.IMM_B: d.imm = nextSigned(1); break;
            case OpcodeTable.IMM_W: d.imm = nextSigned(2) & 0xFFFF; break;
            case OpcodeTable.IMM_Z: d.imm = nextSigned(d.osize == 2 ? 2 : 4); break;
            case OpcodeTable.IMM_V: d.imm = nextSigned(d.osize); break;
            case OpcodeTable.IMM_ENTER:
                d.imm = nextSigned(2) & 0xFFFF;
                d.imm2 = next();
                break;
            case OpcodeTable.IMM_MOFFS:
                d.imm = d.has(Insn.P_67) ? nextSigned(4) & 0xFFFFFFFFL : nextSigned(8);
                break;
            case OpcodeTable.IMM_GROUP3:
                if (((d.modrm >>> 3) & 7) < 2) {
                    d.imm = nextSigned(d.osize == 1 ? 1 : d.osize == 2 ? 2 : 4);
                }
                break;
            default: break;
        }
    }

    /** The instructions and forms that accept LOCK: a read-modify-write of memory. */
    private static boolean lockable(Insn d) {
        if (!d.isMemory()) {
            return false;
        }
        int op = d.opcode;
        int sub = (d.modrm >>> 3) & 7;
        if (op < 0x40) {
            return (op & 7) <= 1 && op != 0x38 && op != 0x39;
        }
        switch (op) {
            case 0x80: case 0x81: case 0x83: return sub != 7;
            case 0x86: case 0x87: return true;
            case 0xF6: case 0xF7: return sub == 2 || sub == 3;
            case 0xFE: case 0xFF: return sub <= 1;
            case 0x1AB: case 0x1B3: case 0x1BB: case 0x1B0: case 0x1B1: case 0x1C0: case 0x1C1:
                return true;
            case 0x1BA: return sub >= 5;
            case 0x1C7: return sub == 1;
            default: return false;
        }
    }

    private static void markUndefined(Insn d) {
        d.undefined = true;
        d.group = OpcodeTable.G_UD;
        d.endsBlock = true;
    }

    private void decodeVex(Insn d, int b) {
        if (d.has(Insn.P_66 | Insn.P_F2 | Insn.P_F3 | Insn.P_LOCK | Insn.P_REX)) {
            markUndefined(d);
            return;
        }
        int p1 = next();
        int rex;
        int map;
        int p2;
        if (b == 0xC5) {
            rex = ((~p1 >>> 7) & 1) << 2;
            map = 1;
            p2 = p1;
        } else {
            rex = (~p1 >>> 5) & 7;
            map = p1 & 0x1F;
            p2 = next();
            if ((p2 & 0x80) != 0) {
                rex |= 8;
                d.prefixes |= Insn.P_REXW;
            }
        }
        d.prefixes |= Insn.P_VEX | Insn.P_REX;
        d.vexReg = (~p2 >>> 3) & 0xF;
        d.vexL = (p2 & 4) != 0;
        int pp = p2 & 3;
        d.prefixes |= pp == 1 ? Insn.P_66 : pp == 2 ? Insn.P_F3 : pp == 3 ? Insn.P_F2 : 0;
        if (map < 1 || map > 3) {
            markUndefined(d);
            return;
        }
        d.opcode = (map << 8) | next();
        int props = OpcodeTable.properties(d.opcode);
        // Only the BMI1/BMI2 general-purpose VEX instructions exist here (no AVX in CPUID).
        if (OpcodeTable.group(props) != OpcodeTable.G_BMI || (props & OpcodeTable.INVALID) != 0) {
            if ((props & OpcodeTable.MODRM) != 0) {
                modrm(d, next(), rex);
            }
            markUndefined(d);
            return;
        }
        d.group = OpcodeTable.G_BMI;
        modrm(d, next(), rex);
        d.osize = d.has(Insn.P_REXW) ? 8 : 4;
        immediates(d, props);
    }
}

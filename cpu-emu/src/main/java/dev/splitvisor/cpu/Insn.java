package dev.splitvisor.cpu;

/**
 * One decoded instruction: everything the executors need, worked out once by the
 * {@link Decoder} and kept in the decoded-code cache of its page.
 *
 * <p>The form is position-independent: branch targets and RIP-relative addresses are stored as
 * displacements and resolved against {@link Cpu#rip} at execution, so the same decoded page
 * serves every address space that maps the frame, at any address.
 *
 * <p>Register fields use the numbering 0-15 for RAX..R15 (or XMM0..XMM15). The byte-register
 * variants {@link #regB} and {@link #rmB} use 0-15 for AL..R15B with REX semantics and 16-19
 * for AH, CH, DH, BH (encodings 4-7 without a REX prefix).
 */
public final class Insn {
    /** Prefix bits in {@link #prefixes}. */
    public static final int P_66 = 1, P_F2 = 2, P_F3 = 4, P_LOCK = 8, P_REX = 16, P_REXW = 32,
            P_67 = 64, P_VEX = 128;
    /** Segment override in {@link #seg}. */
    public static final int SEG_NONE = 0, SEG_FS = 1, SEG_GS = 2;
    /** {@link #base} value meaning RIP-relative addressing. */
    public static final int BASE_RIP = 16;
    /** {@link #base}/{@link #index} value meaning no register. */
    public static final int NONE = -1;

    /** Opcode with its map: 0x000-0x0FF one-byte, 0x100 0F, 0x200 0F38, 0x300 0F3A. */
    public int opcode;
    /** Which executor runs it (an {@code OpcodeTable.G_*} constant). */
    public int group;
    /** Length in bytes, prefixes included. */
    public int len;
    /** Operand size in bytes: 1, 2, 4 or 8. */
    public int osize;
    /** Prefix bits {@code P_*}. */
    public int prefixes;
    /** Raw ModRM byte, or -1 when the opcode has none. */
    public int modrm = -1;
    /** ModRM.reg extended by REX.R (also the /digit of group opcodes, then without REX.R). */
    public int reg;
    /** {@link #reg} as a byte-register number. */
    public int regB;
    /** ModRM.rm extended by REX.B when it names a register (mod 3), else -1: memory. */
    public int rm = NONE;
    /** {@link #rm} as a byte-register number, or -1: memory. */
    public int rmB = NONE;
    /** Memory operand base register, {@link #BASE_RIP}, or {@link #NONE}. */
    public int base = NONE;
    /** Memory operand index register or {@link #NONE}. */
    public int index = NONE;
    /** Memory operand scale as a shift count 0-3. */
    public int scale;
    /** Memory displacement (for RIP-relative: from the end of this instruction). */
    public long disp;
    /** {@link #base} and {@link #index} for address arithmetic: {@link Cpu#ZERO_REG} for none. */
    public int eaBase = Cpu.ZERO_REG;
    public int eaIndex = Cpu.ZERO_REG;
    /** -1 when the address is RIP-relative, else 0. */
    public long ripMask;
    /**
     * {@link #disp}, plus {@link #len} when the address is RIP-relative, so that the offset is
     * {@code eaDisp + base + (index << scale) + (rip & ripMask)} with RIP on this instruction.
     */
    public long eaDisp;
    /** 0xFFFFFFFF with a 67 prefix (32-bit addressing), else -1. */
    public long eaMask = -1L;
    /** Segment override: {@link #SEG_NONE}, {@link #SEG_FS} or {@link #SEG_GS}. */
    public int seg;
    /** First immediate, sign-extended to 64 bits where the encoding sign-extends. */
    public long imm;
    /** Second immediate (ENTER's nesting level). */
    public int imm2;
    /** VEX.vvvv register (inverted back to 0-15). */
    public int vexReg;
    /** VEX.L. */
    public boolean vexL;
    /** True when the instruction ends a block (it may set RIP itself). */
    public boolean endsBlock;
    /** The instruction bytes could not be decoded: executing it raises #UD. */
    public boolean undefined;
    /** Specialised executor chosen by {@code FastPath.classify}, or 0 for the family's. */
    int fast;
    /** Operands resolved for the fast path: destination and source registers, ALU kind. */
    int dst;
    int src;
    int aluKind;
    /** For the fast byte-register forms: the shift (0, or 8 for AH..BH) of the byte in dst/src. */
    int byteShift;

    // The fields below describe this instruction as an entry of a decoded block, where it may
    // stand for more than one guest instruction (see BlockLinker); they are set per block.

    /** Bytes RIP moves when the entry completes without branching away. */
    long advance;
    /** Bytes from the entry's first byte to its branch target, for entries that branch. */
    long branchDelta;
    /** For a compare-and-branch entry: the truth table of its condition (see CompareBranch). */
    int condTable;
    /** Guest instructions this entry stands for: 1, or more when others were folded in. */
    int retireCount;
    /** Guest instructions of the block retired once this entry completes. */
    int retiredThrough;

    /** True when the r/m operand is memory. */
    public boolean isMemory() {
        return rm == NONE;
    }

    /** True when any of the prefix bits in {@code mask} is present. */
    public boolean has(int mask) {
        return (prefixes & mask) != 0;
    }

    /** The mandatory-prefix selector of SSE opcodes: 0 none, 1 66, 2 F3, 3 F2. */
    public int simdPrefix() {
        if ((prefixes & P_F2) != 0) {
            return 3;
        }
        if ((prefixes & P_F3) != 0) {
            return 2;
        }
        return (prefixes & P_66) != 0 ? 1 : 0;
    }
}

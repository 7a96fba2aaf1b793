package dev.splitvisor.cpu;

/**
 * Encoding properties of every opcode in 64-bit mode (does it take a ModRM byte, which
 * immediate follows, byte-sized, default 64-bit operand size, does it end a block) and the
 * executor group that runs it. Built once from the opcode map of the Intel SDM volume 2,
 * appendix A; the ranges below read like that appendix.
 */
public final class OpcodeTable {
    /** Property bits. */
    static final int MODRM = 1, BYTE = 2, DEF64 = 4, ENDS = 8, INVALID = 16;
    /** Immediate kinds (bits 8-11). */
    static final int IMM_NONE = 0, IMM_B = 1 << 8, IMM_W = 2 << 8, IMM_Z = 3 << 8, IMM_V = 4 << 8,
            IMM_ENTER = 5 << 8, IMM_MOFFS = 6 << 8, IMM_GROUP3 = 7 << 8;
    static final int IMM_MASK = 15 << 8;

    /** Executor groups (bits 16-23). */
    public static final int G_UD = 0, G_ALU = 1, G_MOV = 2, G_STACK = 3, G_BRANCH = 4,
            G_SHIFT = 5, G_MULDIV = 6, G_BIT = 7, G_STRING = 8, G_ATOMIC = 9, G_SYSTEM = 10,
            G_BMI = 11, G_SSE_INT = 12, G_SSE_FP = 13, G_X87 = 14, G_GROUP = 15;

    private static final int[] TABLE = new int[0x400];

    private OpcodeTable() {
    }

    static int properties(int opcode) {
        return TABLE[opcode];
    }

    static int group(int props) {
        return (props >>> 16) & 0xFF;
    }

    private static void set(int from, int to, int props, int group) {
        for (int op = from; op <= to; op++) {
            TABLE[op] = props | (group << 16);
        }
    }

    static {
        for (int op = 0; op < 0x400; op++) {
            TABLE[op] = INVALID;
        }
        oneByteMap();
        twoByteMap();
        // 0F38 and 0F3A: every opcode has ModRM; 0F3A also an imm8. Undefined ones stay in
        // their SSE group, whose executor raises #UD for what it does not implement.
        set(0x200, 0x2FF, MODRM, G_SSE_INT);
        set(0x300, 0x3FF, MODRM | IMM_B, G_SSE_INT);
        // Floating-point members of the 0F38/0F3A maps: BLENDVPS/PD, ROUNDxx, BLENDPS/PD,
        // EXTRACTPS, INSERTPS, DPPS/DPPD.
        set(0x214, 0x215, MODRM, G_SSE_FP);
        set(0x308, 0x30D, MODRM | IMM_B, G_SSE_FP);
        set(0x317, 0x317, MODRM | IMM_B, G_SSE_FP);
        set(0x321, 0x321, MODRM | IMM_B, G_SSE_FP);
        set(0x340, 0x341, MODRM | IMM_B, G_SSE_FP);
        set(0x2F0, 0x2F1, MODRM, G_BIT);        // MOVBE, CRC32
        // ANDN, BLS*, BZHI, PDEP, PEXT, MULX, the BMI2 shifts; ADCX/ADOX
        set(0x2F2, 0x2F7, MODRM, G_BMI);
        set(0x3F0, 0x3F0, MODRM | IMM_B, G_BMI); // RORX
    }

    private static void oneByteMap() {
        for (int row = 0x00; row <= 0x38; row += 8) {
            set(row, row, MODRM | BYTE, G_ALU);
            set(row + 1, row + 1, MODRM, G_ALU);
            set(row + 2, row + 2, MODRM | BYTE, G_ALU);
            set(row + 3, row + 3, MODRM, G_ALU);
            set(row + 4, row + 4, IMM_B | BYTE, G_ALU);
            set(row + 5, row + 5, IMM_Z, G_ALU);
        }
        set(0x50, 0x5F, DEF64, G_STACK);
        set(0x63, 0x63, MODRM, G_MOV);                  // MOVSXD
        set(0x68, 0x68, IMM_Z | DEF64, G_STACK);
        set(0x69, 0x69, MODRM | IMM_Z, G_MULDIV);
        set(0x6A, 0x6A, IMM_B | DEF64, G_STACK);
        set(0x6B, 0x6B, MODRM | IMM_B, G_MULDIV);
        set(0x6C, 0x6C, BYTE | ENDS, G_STRING);         // INS/OUTS: #GP at CPL 3
        set(0x6D, 0x6D, ENDS, G_STRING);
        set(0x6E, 0x6E, BYTE | ENDS, G_STRING);
        set(0x6F, 0x6F, ENDS, G_STRING);
        set(0x70, 0x7F, IMM_B | ENDS | DEF64, G_BRANCH);
        set(0x80, 0x80, MODRM | IMM_B | BYTE, G_ALU);
        set(0x81, 0x81, MODRM | IMM_Z, G_ALU);
        set(0x83, 0x83, MODRM | IMM_B, G_ALU);
        set(0x84, 0x84, MODRM | BYTE, G_ALU);           // TEST
        set(0x85, 0x85, MODRM, G_ALU);
        set(0x86, 0x86, MODRM | BYTE, G_ATOMIC);        // XCHG
        set(0x87, 0x87, MODRM, G_ATOMIC);
        set(0x88, 0x88, MODRM | BYTE, G_MOV);
        set(0x89, 0x89, MODRM, G_MOV);
        set(0x8A, 0x8A, MODRM | BYTE, G_MOV);
        set(0x8B, 0x8B, MODRM, G_MOV);
        set(0x8C, 0x8C, MODRM, G_MOV);                  // MOV r/m, Sreg
        set(0x8D, 0x8D, MODRM, G_MOV);                  // LEA
        set(0x8E, 0x8E, MODRM, G_MOV);                  // MOV Sreg, r/m
        set(0x8F, 0x8F, MODRM | DEF64, G_STACK);        // POP r/m
        set(0x90, 0x97, 0, G_ATOMIC);                   // NOP, PAUSE, XCHG rAX
        set(0x98, 0x99, 0, G_MOV);                      // CBW..CDQE, CWD..CQO
        set(0x9B, 0x9B, 0, G_X87);                      // FWAIT
        set(0x9C, 0x9D, DEF64, G_STACK);                // PUSHF, POPF
        set(0x9E, 0x9F, 0, G_SYSTEM);                   // SAHF, LAHF
        set(0xA0, 0xA0, IMM_MOFFS | BYTE, G_MOV);
        set(0xA1, 0xA1, IMM_MOFFS, G_MOV);
        set(0xA2, 0xA2, IMM_MOFFS | BYTE, G_MOV);
        set(0xA3, 0xA3, IMM_MOFFS, G_MOV);
        for (int op = 0xA4; op <= 0xAF; op += 2) {
            set(op, op, BYTE | ENDS, G_STRING);
            set(op + 1, op + 1, ENDS, G_STRING);
        }
        set(0xA8, 0xA8, IMM_B | BYTE, G_ALU);           // TEST AL, imm8
        set(0xA9, 0xA9, IMM_Z, G_ALU);
        set(0xB0, 0xB7, IMM_B | BYTE, G_MOV);
        set(0xB8, 0xBF, IMM_V, G_MOV);
        set(0xC0, 0xC0, MODRM | IMM_B | BYTE, G_SHIFT);
        set(0xC1, 0xC1, MODRM | IMM_B, G_SHIFT);
        set(0xC2, 0xC2, IMM_W | ENDS | DEF64, G_BRANCH);
        set(0xC3, 0xC3, ENDS | DEF64, G_BRANCH);
        set(0xC6, 0xC6, MODRM | IMM_B | BYTE, G_MOV);
        set(0xC7, 0xC7, MODRM | IMM_Z, G_MOV);
        set(0xC8, 0xC8, IMM_ENTER | DEF64, G_STACK);
        set(0xC9, 0xC9, DEF64, G_STACK);
        set(0xCA, 0xCB, ENDS, G_UD);                    // RETF: not supported, see QUIRKS
        set(0xCC, 0xCC, ENDS, G_SYSTEM);                // INT3
        set(0xCD, 0xCD, IMM_B | ENDS, G_SYSTEM);        // INT n
        set(0xCF, 0xCF, ENDS, G_SYSTEM);                // IRET
        set(0xD0, 0xD0, MODRM | BYTE, G_SHIFT);
        set(0xD1, 0xD1, MODRM, G_SHIFT);
        set(0xD2, 0xD2, MODRM | BYTE, G_SHIFT);
        set(0xD3, 0xD3, MODRM, G_SHIFT);
        set(0xD7, 0xD7, 0, G_MOV);                      // XLAT
        set(0xD8, 0xDF, MODRM, G_X87);
        set(0xE0, 0xE3, IMM_B | ENDS | DEF64, G_BRANCH); // LOOPNE, LOOPE, LOOP, JRCXZ
        set(0xE4, 0xE7, IMM_B | ENDS, G_SYSTEM);        // IN/OUT imm8
        set(0xE8, 0xE9, IMM_Z | ENDS | DEF64, G_BRANCH);
        set(0xEB, 0xEB, IMM_B | ENDS | DEF64, G_BRANCH);
        set(0xEC, 0xEF, ENDS, G_SYSTEM);                // IN/OUT DX
        set(0xF1, 0xF1, ENDS, G_SYSTEM);                // INT1
        set(0xF4, 0xF4, ENDS, G_SYSTEM);                // HLT
        set(0xF5, 0xF5, 0, G_SYSTEM);                   // CMC
        set(0xF6, 0xF6, MODRM | IMM_GROUP3 | BYTE, G_GROUP);
        set(0xF7, 0xF7, MODRM | IMM_GROUP3, G_GROUP);
        set(0xF8, 0xFD, 0, G_SYSTEM);                   // CLC STC CLI STI CLD STD
        set(0xFE, 0xFE, MODRM | BYTE, G_ALU);           // INC/DEC r/m8
        set(0xFF, 0xFF, MODRM, G_GROUP);                // INC DEC CALL CALLF JMP JMPF PUSH
    }

    private static void twoByteMap() {
        set(0x100, 0x101, MODRM, G_SYSTEM);             // group 6, group 7 (RDTSCP, XGETBV...)
        set(0x105, 0x105, ENDS, G_SYSTEM);              // SYSCALL
        set(0x10B, 0x10B, ENDS, G_UD);                  // UD2
        set(0x10D, 0x10D, MODRM, G_SYSTEM);             // PREFETCHW
        set(0x110, 0x117, MODRM, G_SSE_FP);
        set(0x118, 0x11F, MODRM, G_SYSTEM);             // PREFETCHh, hint NOPs
        set(0x128, 0x12F, MODRM, G_SSE_FP);
        set(0x131, 0x131, 0, G_SYSTEM);                 // RDTSC
        set(0x140, 0x14F, MODRM, G_MOV);                // CMOVcc
        set(0x150, 0x17F, MODRM, G_SSE_INT);
        set(0x150, 0x15F, MODRM, G_SSE_FP);
        set(0x170, 0x173, MODRM | IMM_B, G_SSE_INT);
        set(0x177, 0x177, 0, G_SSE_INT);                // EMMS
        set(0x180, 0x18F, IMM_Z | ENDS | DEF64, G_BRANCH);
        set(0x190, 0x19F, MODRM | BYTE, G_BIT);         // SETcc
        set(0x1A0, 0x1A1, DEF64, G_STACK);              // PUSH/POP FS
        set(0x1A8, 0x1A9, DEF64, G_STACK);              // PUSH/POP GS
        set(0x1A2, 0x1A2, 0, G_SYSTEM);                 // CPUID
        set(0x1A3, 0x1A3, MODRM, G_BIT);                // BT
        set(0x1A4, 0x1A4, MODRM | IMM_B, G_SHIFT);      // SHLD imm8
        set(0x1A5, 0x1A5, MODRM, G_SHIFT);              // SHLD CL
        set(0x1AB, 0x1AB, MODRM, G_BIT);                // BTS
        set(0x1AC, 0x1AC, MODRM | IMM_B, G_SHIFT);      // SHRD imm8
        set(0x1AD, 0x1AD, MODRM, G_SHIFT);              // SHRD CL
        set(0x1AE, 0x1AE, MODRM, G_SYSTEM);             // group 15: FXSAVE, LDMXCSR, fences
        set(0x1AF, 0x1AF, MODRM, G_MULDIV);             // IMUL Gv, Ev
        set(0x1B0, 0x1B0, MODRM | BYTE, G_ATOMIC);      // CMPXCHG
        set(0x1B1, 0x1B1, MODRM, G_ATOMIC);
        set(0x1B3, 0x1B3, MODRM, G_BIT);                // BTR
        set(0x1B6, 0x1B7, MODRM, G_MOV);                // MOVZX
        set(0x1B8, 0x1B8, MODRM, G_BIT);                // POPCNT
        set(0x1B9, 0x1B9, MODRM, G_UD);                 // UD1
        set(0x1BA, 0x1BA, MODRM | IMM_B, G_BIT);        // group 8: BT* imm8
        set(0x1BB, 0x1BD, MODRM, G_BIT);                // BTC, BSF/TZCNT, BSR/LZCNT
        set(0x1BE, 0x1BF, MODRM, G_MOV);                // MOVSX
        set(0x1C0, 0x1C0, MODRM | BYTE, G_ATOMIC);      // XADD
        set(0x1C1, 0x1C1, MODRM, G_ATOMIC);
        set(0x1C2, 0x1C2, MODRM | IMM_B, G_SSE_FP);     // CMPPS..
        set(0x1C3, 0x1C3, MODRM, G_MOV);                // MOVNTI
        set(0x1C4, 0x1C5, MODRM | IMM_B, G_SSE_INT);    // PINSRW, PEXTRW
        set(0x1C6, 0x1C6, MODRM | IMM_B, G_SSE_FP);     // SHUFPS/PD
        set(0x1C7, 0x1C7, MODRM, G_ATOMIC);             // CMPXCHG8B/16B, RDRAND, RDSEED
        set(0x1C8, 0x1CF, 0, G_BIT);                    // BSWAP
        set(0x1D0, 0x1FE, MODRM, G_SSE_INT);
        set(0x1D0, 0x1D0, MODRM, G_SSE_FP);             // ADDSUBPS/PD
        set(0x17C, 0x17D, MODRM, G_SSE_FP);             // HADDPS/PD, HSUBPS/PD
        set(0x1E6, 0x1E6, MODRM, G_SSE_FP);             // CVTDQ2PD, CVT(T)PD2DQ
        set(0x1FF, 0x1FF, MODRM, G_UD);                 // UD0
    }
}

package dev.splitvisor.cpu;

/**
 * MOVS, CMPS, STOS, LODS, SCAS with REP/REPE/REPNE, and INS/OUTS (#GP at CPL 3).
 */
final class StringOps {
    private StringOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

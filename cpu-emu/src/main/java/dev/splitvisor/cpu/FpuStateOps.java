package dev.splitvisor.cpu;

/**
 * FXSAVE, FXRSTOR, LDMXCSR and STMXCSR (0F AE /0-/3 with a memory operand).
 */
final class FpuStateOps {
    private FpuStateOps() {
    }

    static void execute(Cpu c, Insn i, int sub) {
        throw Unimplemented.undefined(c, i);
    }
}

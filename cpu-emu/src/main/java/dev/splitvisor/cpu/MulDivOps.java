package dev.splitvisor.cpu;

/**
 * MUL, IMUL, DIV, IDIV (F6/F7 /4-/7) and the two- and three-operand IMUL (0F AF, 69, 6B).
 */
final class MulDivOps {
    private MulDivOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

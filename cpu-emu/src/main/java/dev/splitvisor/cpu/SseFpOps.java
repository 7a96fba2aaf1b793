package dev.splitvisor.cpu;

/**
 * SSE floating-point instructions (packed and scalar single and double).
 */
final class SseFpOps {
    private SseFpOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

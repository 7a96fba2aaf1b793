package dev.splitvisor.cpu;

/**
 * SSE integer, move and shuffle instructions of the 0F, 0F38 and 0F3A maps.
 */
final class SseIntOps {
    private SseIntOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

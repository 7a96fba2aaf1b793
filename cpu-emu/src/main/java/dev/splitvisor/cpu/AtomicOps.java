package dev.splitvisor.cpu;

/**
 * XCHG, NOP and PAUSE (90-97), CMPXCHG, XADD, CMPXCHG8B, CMPXCHG16B, RDRAND, RDSEED.
 */
final class AtomicOps {
    private AtomicOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

package dev.splitvisor.cpu;

/**
 * x87 floating-point instructions (D8-DF) and FWAIT.
 */
final class X87Ops {
    private X87Ops() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

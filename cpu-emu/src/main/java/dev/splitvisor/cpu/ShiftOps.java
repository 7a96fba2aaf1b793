package dev.splitvisor.cpu;

/**
 * SHL, SHR, SAR, ROL, ROR, RCL, RCR (C0, C1, D0-D3) and SHLD, SHRD (0F A4, A5, AC, AD).
 */
final class ShiftOps {
    private ShiftOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

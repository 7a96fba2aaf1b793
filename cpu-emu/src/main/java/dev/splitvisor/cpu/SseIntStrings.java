package dev.splitvisor.cpu;

import dev.splitvisor.cpu.sse.PackedCompareString;

/**
 * The SSE4.2 string compares PCMPESTRM (66 0F3A 60), PCMPESTRI (61), PCMPISTRM (62) and
 * PCMPISTRI (63): operand and register wiring around {@link PackedCompareString}, which holds
 * the comparison itself.
 *
 * <p>The m128 operand need not be aligned. E forms take the lengths from EAX and EDX (RAX and
 * RDX with REX.W); I forms stop at the first zero element. I*I forms write ECX (clearing the
 * upper half of RCX), *M forms write XMM0; all set CF, ZF, SF and OF and clear AF and PF.
 *
 * <p>Hot path: no allocation.
 */
final class SseIntStrings {
    private SseIntStrings() {
    }

    /** Runs the string compare of opcode 0x360-0x363. */
    static void compare(Cpu c, Insn i) {
        long a = SseIntOperands.source(c, i, false);
        long bLo = SseIntOperands.low(c, i, a);
        long bHi = SseIntOperands.high(c, i, a);
        long aLo = c.xmm[i.reg << 1];
        long aHi = c.xmm[(i.reg << 1) + 1];
        int imm8 = (int) i.imm & 0xFF;
        boolean explicit = (i.opcode & 2) == 0;
        int lenA;
        int lenB;
        if (explicit) {
            lenA = PackedCompareString.explicitLength(lengthRegister(c, i, Cpu.RAX), imm8);
            lenB = PackedCompareString.explicitLength(lengthRegister(c, i, Cpu.RDX), imm8);
        } else {
            lenA = PackedCompareString.implicitLength(aLo, aHi, imm8);
            lenB = PackedCompareString.implicitLength(bLo, bHi, imm8);
        }
        long outcome = PackedCompareString.compare(aLo, aHi, bLo, bHi, lenA, lenB, imm8);
        publish(c, i, outcome, imm8);
    }

    private static long lengthRegister(Cpu c, Insn i, int r) {
        return i.has(Insn.P_REXW) ? c.gpr[r] : (long) (int) c.gpr[r];
    }

    private static void publish(Cpu c, Insn i, long outcome, int imm8) {
        if ((i.opcode & 1) != 0) {
            c.gpr[Cpu.RCX] = PackedCompareString.index(outcome, imm8);
        } else {
            c.xmm[0] = PackedCompareString.maskLow(outcome, imm8);
            c.xmm[1] = PackedCompareString.maskHigh(outcome, imm8);
        }
        c.setArith(PackedCompareString.rflags(outcome));
    }
}

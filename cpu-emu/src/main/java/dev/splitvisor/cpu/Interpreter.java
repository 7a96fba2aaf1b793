package dev.splitvisor.cpu;

/**
 * Dispatches one decoded instruction to the executor of its group. Each executor class owns the
 * instructions of one family, named as in the Intel SDM, and raises #UD for encodings of its
 * opcodes that it does not implement (logged once by {@link Unimplemented}).
 *
 * <p>The common forms never get here: {@link BlockRunner} runs them inline. The rest cost one
 * tableswitch and the family executor's own dispatch.
 */
final class Interpreter {
    private Interpreter() {
    }

    static void execute(Cpu cpu, Insn i) {
        switch (i.group) {
            case OpcodeTable.G_ALU: AluOps.execute(cpu, i); break;
            case OpcodeTable.G_MOV: MovOps.execute(cpu, i); break;
            case OpcodeTable.G_BRANCH: BranchOps.execute(cpu, i); break;
            case OpcodeTable.G_STACK: StackOps.execute(cpu, i); break;
            case OpcodeTable.G_SHIFT: ShiftOps.execute(cpu, i); break;
            case OpcodeTable.G_MULDIV: MulDivOps.execute(cpu, i); break;
            case OpcodeTable.G_BIT: BitOps.execute(cpu, i); break;
            case OpcodeTable.G_STRING: StringOps.execute(cpu, i); break;
            case OpcodeTable.G_ATOMIC: AtomicOps.execute(cpu, i); break;
            case OpcodeTable.G_SYSTEM: SystemOps.execute(cpu, i); break;
            case OpcodeTable.G_BMI: BmiOps.execute(cpu, i); break;
            case OpcodeTable.G_SSE_INT: SseIntOps.execute(cpu, i); break;
            case OpcodeTable.G_SSE_FP: SseFpOps.execute(cpu, i); break;
            case OpcodeTable.G_X87: X87Ops.execute(cpu, i); break;
            default: throw Unimplemented.undefined(cpu, i);
        }
    }
}

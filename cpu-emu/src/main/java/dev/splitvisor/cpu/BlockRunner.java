package dev.splitvisor.cpu;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.MemoryLimitExceeded;
import dev.splitvisor.mmu.PageFault;
import java.lang.invoke.VarHandle;

/**
 * The run loop: fetches decoded blocks from the {@link CodeCache} and executes their entries
 * (see {@link BlockLinker}), the forms chosen by {@link FastPath#classify} inline, the rest
 * through the {@link Interpreter}.
 *
 * <p>Hot path, and the reason it is one method: HotSpot compiles the block loop, the switch on
 * {@link Insn#fast} and the small helpers it inlines into one body, so an entry costs one
 * table jump and no call. RIP, the registers and the address space live in locals; RIP is
 * written back to {@link Cpu#rip} before anything outside this method may read it (a family
 * executor, a fault, an exit). Each case starts with {@link #operandsHere}; see there why.
 *
 * <p>Exactness: the local RIP moves past an entry only after it completed, so a fault reports
 * the faulting instruction's address, and {@link Cpu#retired} counts exactly the instructions
 * that completed. A store that changes decoded code (the address space's code generation
 * moves) ends the block right after the storing instruction, so the next instruction is
 * decoded from the new bytes.
 */
final class BlockRunner {
    private static final long MASK32 = 0xFFFFFFFFL;

    private BlockRunner() {
    }

    /** See {@link Cpu#run}. */
    static int run(Cpu c, CodeCache code, long budget) {
        final long[] r = c.gpr;
        final AddressSpace mem = c.mem;
        final long target = c.retired + budget;
        long rip = c.rip;
        Insn[] b = null;
        int k = 0;
        c.exitReason = Cpu.EXIT_NONE;
        try {
            while (c.retired < target) {
                b = null; // a fetch fault in blockAt retires nothing
                k = 0;
                b = code.blockAt(c, rip);
                final long codeGeneration = mem.codeGeneration();
                Insn i;
                block:
                while (true) {
                    i = b[k];
                    switch (i.fast) {
                        case FastPath.MOV64_RR:
                            operandsHere();
                            r[i.dst] = r[i.src];
                            break;
                        case FastPath.MOV32_RR:
                            operandsHere();
                            r[i.dst] = r[i.src] & MASK32;
                            break;
                        case FastPath.MOV64_RI:
                            operandsHere();
                            r[i.dst] = i.imm;
                            break;
                        case FastPath.MOV32_RI:
                            operandsHere();
                            r[i.dst] = i.imm & MASK32;
                            break;
                        case FastPath.LOAD64:
                            operandsHere();
                            r[i.dst] = mem.read64(ea(i, r, rip));
                            break;
                        case FastPath.LOAD32:
                            operandsHere();
                            r[i.dst] = mem.read32(ea(i, r, rip)) & MASK32;
                            break;
                        case FastPath.STORE64:
                            operandsHere();
                            mem.write64(ea(i, r, rip), r[i.src]);
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                        case FastPath.STORE32:
                            operandsHere();
                            mem.write32(ea(i, r, rip), (int) r[i.src]);
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                        case FastPath.LEA64:
                            operandsHere();
                            r[i.dst] = ea(i, r, rip);
                            break;
                        case FastPath.LEA32:
                            operandsHere();
                            r[i.dst] = ea(i, r, rip) & MASK32;
                            break;
                        case FastPath.JCC:
                            operandsHere();
                            if (Flags.condition(c, i.opcode & 0xF)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.JMP:
                            break; // its advance lands on the target
                        case FastPath.CALL: {
                            operandsHere();
                            long next = rip + i.len;
                            long sp = r[Cpu.RSP] - 8;
                            mem.write64(sp, next);
                            r[Cpu.RSP] = sp;
                            rip = next + i.imm;
                            break block;
                        }
                        case FastPath.RET:
                            operandsHere();
                            rip = mem.read64(r[Cpu.RSP]);
                            r[Cpu.RSP] += 8;
                            break block;
                        case FastPath.PUSH64: {
                            operandsHere();
                            long sp = r[Cpu.RSP] - 8;
                            mem.write64(sp, r[i.dst]);
                            r[Cpu.RSP] = sp;
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                        }
                        case FastPath.POP64: {
                            operandsHere();
                            long v = mem.read64(r[Cpu.RSP]);
                            r[Cpu.RSP] += 8;
                            r[i.dst] = v;
                            break;
                        }
                        case FastPath.ALU64_RR:
                            operandsHere();
                            r[i.dst] = FastPath.alu(c, i.aluKind, 8, r[i.dst], r[i.src],
                                    r[i.dst]);
                            break;
                        case FastPath.ALU32_RR:
                            operandsHere();
                            r[i.dst] = FastPath.alu(c, i.aluKind, 4, r[i.dst] & MASK32,
                                    r[i.src] & MASK32, r[i.dst]);
                            break;
                        case FastPath.ALU64_RI:
                            operandsHere();
                            r[i.dst] = FastPath.alu(c, i.aluKind, 8, r[i.dst], i.imm, r[i.dst]);
                            break;
                        case FastPath.ALU32_RI:
                            operandsHere();
                            r[i.dst] = FastPath.alu(c, i.aluKind, 4, r[i.dst] & MASK32,
                                    i.imm & MASK32, r[i.dst]);
                            break;
                        case FastPath.ALU64_RM:
                            operandsHere();
                            r[i.dst] = FastPath.alu(c, i.aluKind, 8, r[i.dst],
                                    mem.read64(ea(i, r, rip)), r[i.dst]);
                            break;
                        case FastPath.ALU32_RM:
                            operandsHere();
                            r[i.dst] = FastPath.alu(c, i.aluKind, 4, r[i.dst] & MASK32,
                                    mem.read32(ea(i, r, rip)) & MASK32, r[i.dst]);
                            break;
                        case FastPath.ADD64_RR:
                            operandsHere();
                            r[i.dst] = FastPath.add(c, r[i.dst], r[i.src]);
                            break;
                        case FastPath.ADD32_RR:
                            operandsHere();
                            r[i.dst] = FastPath.add32(c, r[i.dst] & MASK32, r[i.src] & MASK32);
                            break;
                        case FastPath.ADD64_RI:
                            operandsHere();
                            r[i.dst] = FastPath.add(c, r[i.dst], i.imm);
                            break;
                        case FastPath.ADD32_RI:
                            operandsHere();
                            r[i.dst] = FastPath.add32(c, r[i.dst] & MASK32, i.imm & MASK32);
                            break;
                        case FastPath.SUB64_RR:
                            operandsHere();
                            r[i.dst] = FastPath.sub(c, r[i.dst], r[i.src]);
                            break;
                        case FastPath.SUB32_RR:
                            operandsHere();
                            r[i.dst] = FastPath.sub32(c, r[i.dst] & MASK32, r[i.src] & MASK32);
                            break;
                        case FastPath.SUB64_RI:
                            operandsHere();
                            r[i.dst] = FastPath.sub(c, r[i.dst], i.imm);
                            break;
                        case FastPath.SUB32_RI:
                            operandsHere();
                            r[i.dst] = FastPath.sub32(c, r[i.dst] & MASK32, i.imm & MASK32);
                            break;
                        case FastPath.CMP64_RR:
                            operandsHere();
                            FastPath.sub(c, r[i.dst], r[i.src]);
                            break;
                        case FastPath.CMP32_RR:
                            operandsHere();
                            FastPath.sub32(c, r[i.dst] & MASK32, r[i.src] & MASK32);
                            break;
                        case FastPath.CMP64_RI:
                            operandsHere();
                            FastPath.sub(c, r[i.dst], i.imm);
                            break;
                        case FastPath.CMP32_RI:
                            operandsHere();
                            FastPath.sub32(c, r[i.dst] & MASK32, i.imm & MASK32);
                            break;
                        case FastPath.TEST64_RR:
                            operandsHere();
                            c.lazy(Flags.K_LOGIC, 8, 0, 0, r[i.dst] & r[i.src]);
                            break;
                        case FastPath.TEST32_RR:
                            operandsHere();
                            c.lazy(Flags.K_LOGIC, 4, 0, 0, r[i.dst] & r[i.src]);
                            break;
                        case FastPath.INC64:
                            operandsHere();
                            r[i.dst] = FastPath.incDec(c, Flags.K_INC, 8, r[i.dst], r[i.dst] + 1);
                            break;
                        case FastPath.INC32:
                            operandsHere();
                            r[i.dst] = FastPath.incDec(c, Flags.K_INC, 4, r[i.dst] & MASK32,
                                    (r[i.dst] + 1) & MASK32);
                            break;
                        case FastPath.DEC64:
                            operandsHere();
                            r[i.dst] = FastPath.incDec(c, Flags.K_DEC, 8, r[i.dst], r[i.dst] - 1);
                            break;
                        case FastPath.DEC32:
                            operandsHere();
                            r[i.dst] = FastPath.incDec(c, Flags.K_DEC, 4, r[i.dst] & MASK32,
                                    (r[i.dst] - 1) & MASK32);
                            break;
                        case FastPath.MOVZX8_R:
                            operandsHere();
                            r[i.dst] = (r[i.src] >>> i.byteShift) & 0xFF;
                            break;
                        case FastPath.MOVZX8_M:
                            operandsHere();
                            r[i.dst] = mem.read8(ea(i, r, rip));
                            break;
                        case FastPath.STORE8_I:
                            operandsHere();
                            mem.write8(ea(i, r, rip), (int) i.imm);
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                        case FastPath.STORE32_I:
                            operandsHere();
                            mem.write32(ea(i, r, rip), (int) i.imm);
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                        case FastPath.STORE64_I:
                            operandsHere();
                            mem.write64(ea(i, r, rip), i.imm);
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                        case FastPath.CMP8_MI:
                            operandsHere();
                            FastPath.cmp8(c, mem.read8(ea(i, r, rip)), i.imm);
                            break;
                        case FastPath.CMP8_RI:
                            operandsHere();
                            FastPath.cmp8(c, (r[i.dst] >>> i.byteShift) & 0xFF, i.imm);
                            break;
                        case FastPath.MOVSXD_R:
                            operandsHere();
                            r[i.dst] = (int) r[i.src];
                            break;
                        case FastPath.MOVSXD_M:
                            operandsHere();
                            r[i.dst] = mem.read32(ea(i, r, rip));
                            break;
                        case FastPath.CDQE:
                            operandsHere();
                            r[Cpu.RAX] = (int) r[Cpu.RAX];
                            break;
                        case FastPath.JMP_R:
                            operandsHere();
                            rip = r[i.dst];
                            break block;
                        case FastPath.JMP_M:
                            operandsHere();
                            rip = mem.read64(ea(i, r, rip));
                            break block;
                        case FastPath.CMP64_RR_JCC:
                            operandsHere();
                            if (CompareBranch.cmp64Taken(c, r[i.dst], r[i.src],
                                    i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.CMP32_RR_JCC:
                            operandsHere();
                            if (CompareBranch.cmp32Taken(c, r[i.dst], r[i.src],
                                    i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.CMP64_RI_JCC:
                            operandsHere();
                            if (CompareBranch.cmp64Taken(c, r[i.dst], i.imm, i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.CMP32_RI_JCC:
                            operandsHere();
                            if (CompareBranch.cmp32Taken(c, r[i.dst], i.imm, i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.CMP8_RI_JCC:
                            operandsHere();
                            if (CompareBranch.cmp8Taken(c, r[i.dst] >>> i.byteShift, i.imm,
                                    i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.CMP8_MI_JCC:
                            operandsHere();
                            if (CompareBranch.cmp8Taken(c, mem.read8(ea(i, r, rip)), i.imm,
                                    i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.TEST64_RR_JCC:
                            operandsHere();
                            if (CompareBranch.test64Taken(c, r[i.dst] & r[i.src],
                                    i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        case FastPath.TEST32_RR_JCC:
                            operandsHere();
                            if (CompareBranch.test32Taken(c, r[i.dst] & r[i.src],
                                    i.condTable)) {
                                rip += i.branchDelta;
                                break block;
                            }
                            break;
                        default:
                            c.rip = rip;
                            Interpreter.execute(c, i);
                            if (i.endsBlock) {
                                rip = c.rip;
                                break block;
                            }
                            if (mem.codeGeneration() != codeGeneration) {
                                rip += i.advance; // the store changed decoded code
                                break block;
                            }
                            break;
                    }
                    rip += i.advance;
                    if (++k == b.length) {
                        break;
                    }
                }
                c.retired += i.retiredThrough;
                if (c.exitReason != Cpu.EXIT_NONE) {
                    c.rip = rip;
                    return c.exitReason;
                }
            }
        } catch (GuestFault f) {
            retireBefore(c, b, k, rip);
            return c.fault(f.vector, f.errorCode, f.address);
        } catch (PageFault f) {
            retireBefore(c, b, k, rip);
            return c.pageFault(f);
        } catch (MemoryLimitExceeded e) {
            retireBefore(c, b, k, rip);
            throw e;
        }
        c.rip = rip;
        return Cpu.EXIT_BUDGET;
    }

    /**
     * A compiler-only barrier (no instruction on x86) at the top of each case: without it C2
     * merges the operand loads that many cases share and hoists them, with the arithmetic on
     * them, above the dispatch, so that every entry paid for the loads and register spills of
     * all cases.
     */
    private static void operandsHere() {
        VarHandle.acquireFence();
    }

    /**
     * Publishes the state at a fault in entry {@code k} of block {@code b} (null when the block
     * could not be fetched): what completed before it retired, RIP on it.
     */
    private static void retireBefore(Cpu c, Insn[] b, int k, long rip) {
        if (b != null) {
            c.retired += b[k].retiredThrough - b[k].retireCount;
        }
        c.rip = rip;
    }

    /**
     * The memory operand's address for the fast forms, which have neither a segment override
     * nor a 67 prefix (see {@link FastPath#classify}); LEA's result too, which ignores segments.
     */
    private static long ea(Insn i, long[] r, long rip) {
        return i.eaDisp + r[i.eaBase] + (r[i.eaIndex] << i.scale) + (rip & i.ripMask);
    }
}

package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.mmu.Prot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Blocks that follow branches, fold JMPs and fuse compares with Jcc must behave exactly like
 * the same instructions run one at a time ({@link Cpu#step} decodes each afresh, unlinked):
 * same registers, flags, RIP, retired count, and the same precise faults. Stores into decoded
 * code take effect from the next instruction on.
 */
class BlockLinkingTest {
    /** CMP and TEST forms that fuse with a following Jcc; RBX points at DATA for the memory one. */
    private static final String[] COMPARES = {"48 39 d8", "39 d8", "48 83 f8 05", "83 f8 fe",
        "3d 00 00 00 80", "80 f8 80", "80 fc 7f", "80 3b 05", "48 85 d8", "85 d8"};

    @Test
    void fusedCompareAndBranchMatchesSteppingForEveryConditionAndForm() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (String cmp : COMPARES) {
            for (int cc = 0; cc < 16; cc++) {
                // cmp; jcc +2; mov cl, 1; int3: CL tells whether the branch was taken
                String code = cmp + String.format(" %02x 02 b1 01 cc", 0x70 + cc);
                for (int n = 0; n < 40; n++) {
                    long rax = operand(rnd);
                    long rbx = operand(rnd);
                    long data = operand(rnd);
                    assertSameAsStepping(code, rax, rbx, data);
                }
            }
        }
    }

    @Test
    void aCompareAndItsJccBecomeOneEntryAndAJmpFoldsIntoTheEntryBeforeIt() {
        CpuHarness h = new CpuHarness();
        // cmp eax, 5; jne +0; mov ecx, eax; jmp +2; ud2; add eax, ecx; ret
        Insn[] block = blockOf(h, "83 f8 05 75 00 89 c1 eb 02 0f 0b 01 c8 c3");
        assertEquals(4, block.length, "cmp+jne, mov+jmp, add, ret");
        assertEquals(FastPath.CMP32_RI_JCC, block[0].fast);
        assertEquals(2, block[0].retireCount);
        assertEquals(2, block[1].retireCount);
        assertEquals(6, block[1].advance, "lands on the ADD behind the jump");
        assertEquals(6, block[3].retiredThrough);
    }

    @Test
    void aTakenBranchRetiresNoneOfTheJumpBehindIt() {
        // cmp eax, 5; jne +2; jmp +2; mov cl, 1; int3: whether the JNE is taken or not, the
        // retired count must be the stepped one
        String code = "83 f8 05 75 02 eb 02 b1 01 cc";
        assertSameAsStepping(code, 5, 0, 0);
        assertSameAsStepping(code, 4, 0, 0);
    }

    @Test
    void foldedJumpsAndFollowedBranchesMatchStepping() {
        // mov eax, 1; jmp +2; ud2; add eax, 2; cmp eax, 3; je +2; ud2; dec eax; jnz -4 (loop
        // back to the dec); int3
        String code = "b8 01 00 00 00 eb 02 0f 0b 83 c0 02 83 f8 03 74 02 0f 0b ff c8 75 fc cc";
        assertSameAsStepping(code, 0, 0, 0);
    }

    @Test
    void aFaultAfterAFoldedJumpReportsTheFaultingInstruction() {
        // mov eax, 1; jmp +0; mov rcx, [rbx] with RBX unmapped
        String code = "b8 01 00 00 00 eb 00 48 8b 0b";
        CpuHarness h = new CpuHarness();
        h.cpu.gpr[Cpu.RBX] = 0x10;
        assertEquals(Cpu.EXIT_FAULT, h.run(code, 100));
        assertEquals(GuestFault.PF, h.cpu.faultVector);
        assertEquals(CpuHarness.CODE + 7, h.cpu.rip);
        assertEquals(2, h.cpu.retired);
        assertEquals(1, h.cpu.gpr[Cpu.RAX]);
    }

    @Test
    void aFaultingFusedCompareChangesNothing() {
        // mov eax, 1; cmp byte [rbx], 5; je +0 with RBX unmapped
        CpuHarness h = new CpuHarness();
        h.cpu.gpr[Cpu.RBX] = 0x10;
        h.cpu.setRflags(0x202 | Flags.CF);
        assertEquals(Cpu.EXIT_FAULT, h.run("b8 01 00 00 00 80 3b 05 74 00", 100));
        assertEquals(CpuHarness.CODE + 5, h.cpu.rip);
        assertEquals(1, h.cpu.retired);
        assertEquals(0x202 | Flags.CF, h.cpu.getRflags());
    }

    @Test
    void aStoreIntoTheRunningBlockIsSeenByTheNextInstruction() {
        long page = 0x500000;
        CpuHarness h = new CpuHarness();
        h.mem.map(page, 0x1000, Prot.RWX);
        // mov byte [rip+1], 5 patches the immediate of the next instruction: mov eax, 1; int3
        byte[] code = CpuHarness.hex("c6 05 01 00 00 00 05 b8 01 00 00 00 cc");
        h.mem.poke(page, code, 0, code.length);
        h.cpu.rip = page;
        assertEquals(Cpu.EXIT_INTERRUPT, h.cpu.run(100));
        assertEquals(5, h.cpu.gpr[Cpu.RAX]);
    }

    @Test
    void aStoreIntoCodeBehindAFollowedJumpIsSeen() {
        long page = 0x500000;
        CpuHarness h = new CpuHarness();
        h.mem.map(page, 0x1000, Prot.RWX);
        // mov byte [rip+3], 7 patches the immediate of mov eax, 1 behind jmp +0; then int3
        byte[] code = CpuHarness.hex("c6 05 03 00 00 00 07 eb 00 b8 01 00 00 00 cc");
        h.mem.poke(page, code, 0, code.length);
        h.cpu.rip = page;
        assertEquals(Cpu.EXIT_INTERRUPT, h.cpu.run(100));
        assertEquals(7, h.cpu.gpr[Cpu.RAX]);
    }

    private static long operand(SplittableRandom rnd) {
        long[] edges = {0, 1, 5, 0x7F, 0x80, 0xFF, 0x7FFFFFFFL, 0x80000000L, -1, -2,
            Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFEL};
        return rnd.nextBoolean() ? edges[rnd.nextInt(edges.length)] : rnd.nextLong();
    }

    /** Runs {@code code} through the block cache and by stepping, and compares the outcome. */
    private static void assertSameAsStepping(String code, long rax, long rbx, long data) {
        CpuHarness run = prepared(rax, rbx, data);
        CpuHarness step = prepared(rax, rbx, data);
        int exitRun = run.run(code, 1000);
        int exitStep = step.exec(code);
        String what = code + " rax=" + Long.toHexString(rax) + " rbx=" + Long.toHexString(rbx)
                + " [rbx]=" + Long.toHexString(data);
        assertEquals(exitStep, exitRun, what);
        assertArrayEquals(step.cpu.gpr, run.cpu.gpr, what);
        assertEquals(step.cpu.getRflags(), run.cpu.getRflags(), what);
        assertEquals(step.cpu.rip, run.cpu.rip, what);
        assertEquals(step.cpu.retired, run.cpu.retired, what);
    }

    private static CpuHarness prepared(long rax, long rbx, long data) {
        CpuHarness h = new CpuHarness();
        h.cpu.gpr[Cpu.RAX] = rax;
        h.cpu.gpr[Cpu.RCX] = 0;
        h.cpu.gpr[Cpu.RBX] = rbx;
        h.mem.write64(CpuHarness.DATA, data);
        if ((rbx & 1) == 0) {
            h.cpu.gpr[Cpu.RBX] = CpuHarness.DATA; // the memory form reads [rbx]
        }
        return h;
    }

    private static Insn[] blockOf(CpuHarness h, String code) {
        byte[] b = CpuHarness.hex(code);
        h.mem.poke(CpuHarness.CODE, b, 0, b.length);
        return new CodeCache(new Decoder(h.mem)).blockAt(h.cpu, CpuHarness.CODE);
    }
}

package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The integer core: ALU flags, width rules, stack, branches, precise faults. */
class CoreInstructionTest {
    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void addSetsCarryOverflowAndZeroLikeHardware() {
        c.gpr[0] = 0x7FFFFFFFL;
        c.gpr[3] = 1;
        h.exec("01 d8"); // add eax, ebx
        assertEquals(0x80000000L, c.gpr[0]);
        assertEquals(Flags.OF | Flags.SF | Flags.AF | Flags.PF, c.getRflags() & Flags.ARITH);
        c.gpr[0] = 0xFF;
        h.exec("04 01"); // add al, 1
        assertEquals(Flags.CF | Flags.ZF | Flags.AF | Flags.PF, c.getRflags() & Flags.ARITH);
    }

    @Test
    void thirtyTwoBitWritesZeroExtendAndByteWritesMerge() {
        c.gpr[0] = -1L;
        h.exec("b8 05 00 00 00"); // mov eax, 5
        assertEquals(5, c.gpr[0]);
        c.gpr[1] = 0x1122334455667788L;
        h.exec("b5 aa"); // mov ch, 0xaa
        assertEquals(0x112233445566AA88L, c.gpr[1]);
        h.exec("40 b6 bb"); // mov sil, 0xbb (REX makes 6 SIL, not DH)
        assertEquals(0xBB, c.gpr[6] & 0xFF);
    }

    @Test
    void loopWithConditionalBranchRunsThroughTheBlockCache() {
        // mov ecx, 10; xor eax, eax; l: add eax, ecx; dec ecx; jnz l; hlt-free end (int3)
        int exit = h.run("b9 0a 00 00 00 31 c0 01 c8 ff c9 75 fa cc", 1000);
        assertEquals(Cpu.EXIT_INTERRUPT, exit);
        assertEquals(55, c.gpr[0]);
        assertEquals(3, c.exitDetail);
    }

    @Test
    void callAndReturnUseTheStack() {
        long sp = c.gpr[Cpu.RSP];
        // call +1; int3; ret -> after ret we land on int3
        int exit = h.run("e8 01 00 00 00 cc c3", 100);
        assertEquals(Cpu.EXIT_INTERRUPT, exit);
        assertEquals(sp, c.gpr[Cpu.RSP]);
    }

    @Test
    void faultingStoreLeavesStateUntouchedAndReportsItsRip() {
        c.gpr[3] = 0x10; // unmapped
        c.gpr[0] = 7;
        long flagsBefore = c.getRflags();
        int exit = h.exec("01 03"); // add [rbx], eax
        assertEquals(Cpu.EXIT_FAULT, exit);
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(CpuHarness.CODE, c.rip);
        assertEquals(flagsBefore, c.getRflags());
        assertEquals(0x10, c.faultAddress);
        assertTrue((c.faultErrorCode & 4) != 0);
    }

    @Test
    void aStoreIntoDecodedCodeIsSeenWhenThatCodeRunsAgain() {
        long page = 0x500000;
        h.mem.map(page, 0x1000, dev.splitvisor.mmu.Prot.RWX);
        // l: mov eax, 1; cmp ecx, 1; je end; mov byte [l+1], 5; mov ecx, 1; jmp l; end: int3
        byte[] code = CpuHarness.hex("b8 01 00 00 00 83 f9 01 74 11 c6 05 f0 ff ff ff 05"
                + " b9 01 00 00 00 e9 e5 ff ff ff cc");
        h.mem.poke(page, code, 0, code.length);
        c.rip = page;
        assertEquals(Cpu.EXIT_INTERRUPT, c.run(1000));
        assertEquals(5, c.gpr[0], "the patched immediate must be executed");
    }

    @Test
    void undefinedOpcodeRaisesInvalidOpcode() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f 0b"));
        assertEquals(GuestFault.UD, c.faultVector);
        assertEquals(CpuHarness.CODE, c.rip);
    }

    @Test
    void cmpThenSignedAndUnsignedConditions() {
        c.gpr[0] = -5;
        c.gpr[3] = 3;
        c.gpr[8] = 1;
        h.exec("48 39 d8 49 0f 4c c8 49 0f 42 d0"); // cmp rax, rbx; cmovl rcx, r8; cmovb rdx, r8
        assertEquals(1, c.gpr[1] & 0xFF);
        assertEquals(0, c.gpr[2] & 0xFF);
    }
}

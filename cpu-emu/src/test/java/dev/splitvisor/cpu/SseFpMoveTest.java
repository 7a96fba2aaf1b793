package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Moves, shuffles and blends: memory forms, alignment, precise faults and the upper registers
 * XMM8-XMM15 that the recorded golden cases (SseFpGoldenTest) do not reach. Expected values
 * were checked on an AMD Zen 4 with a small C program using the same encodings.
 */
class SseFpMoveTest {
    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void movssFromMemoryZeroesTheUpperLanesButFromARegisterKeepsThem() {
        c.xmm[0] = 0x1111_1111_2222_2222L;
        c.xmm[1] = 0x3333_3333_4444_4444L;
        c.mem.write64(CpuHarness.DATA, 0x5555_5555_3F80_0000L);
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        h.exec("f3 0f 10 07"); // movss xmm0, [rdi]
        assertEquals(0x3F80_0000L, c.xmm[0]);
        assertEquals(0, c.xmm[1]);

        c.xmm[0] = 0x1111_1111_2222_2222L;
        c.xmm[1] = 0x3333_3333_4444_4444L;
        c.xmm[2] = 0x7777_7777_4040_0000L;
        h.exec("f3 0f 10 c1"); // movss xmm0, xmm1
        assertEquals(0x1111_1111_4040_0000L, c.xmm[0]);
        assertEquals(0x3333_3333_4444_4444L, c.xmm[1]);
    }

    @Test
    void misalignedMovapsRaisesGeneralProtectionAndChangesNothing() {
        c.gpr[Cpu.RDI] = CpuHarness.DATA + 8;
        c.xmm[0] = 42;
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f 28 07")); // movaps xmm0, [rdi]
        assertEquals(GuestFault.GP, c.faultVector);
        assertEquals(CpuHarness.CODE, c.rip);
        assertEquals(42, c.xmm[0]);

        assertEquals(Cpu.EXIT_BUDGET, h.exec("0f 10 07")); // movups xmm0, [rdi]: no check
    }

    @Test
    void movupsStoreAcrossIntoAnUnmappedPageWritesNothing() {
        long end = CpuHarness.DATA + 0x10000; // first unmapped byte
        c.gpr[Cpu.RDI] = end - 8;
        c.mem.write64(end - 8, 0x0123_4567_89AB_CDEFL);
        c.xmm[0] = -1;
        c.xmm[1] = -1;
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f 11 07")); // movups [rdi], xmm0
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(0x0123_4567_89AB_CDEFL, c.mem.read64(end - 8));
    }

    @Test
    void rexReachesXmm8ToXmm15() {
        c.xmm[18] = 0x4000_0000_3F80_0000L; // xmm9 = (1.0, 2.0, ...)
        c.xmm[19] = 0x4080_0000_4040_0000L; //        (..., 3.0, 4.0)
        h.exec("45 0f 28 c1"); // movaps xmm8, xmm9
        assertEquals(c.xmm[18], c.xmm[16]);
        assertEquals(c.xmm[19], c.xmm[17]);
        h.exec("45 0f c6 c1 1b"); // shufps xmm8, xmm9, 0x1b: lanes 3,2 of xmm8, 1,0 of xmm9
        assertEquals(0x4040_0000_4080_0000L, c.xmm[16]);
        assertEquals(0x3F80_0000_4000_0000L, c.xmm[17]);
    }

    @Test
    void blendvSelectsBySignOfXmm0AndInsertpsZeroesMaskedLanes() {
        c.xmm[0] = 0x8000_0000_0000_0000L; // lanes 1 and 3 negative
        c.xmm[1] = 0x8000_0000_0000_0000L;
        c.xmm[2] = 0x1111_1111_2222_2222L;
        c.xmm[3] = 0x3333_3333_4444_4444L;
        c.xmm[4] = 0xAAAA_AAAA_BBBB_BBBBL;
        c.xmm[5] = 0xCCCC_CCCC_DDDD_DDDDL;
        h.exec("66 0f 38 14 ca"); // blendvps xmm1, xmm2, <xmm0>
        assertEquals(0xAAAA_AAAA_2222_2222L, c.xmm[2]);
        assertEquals(0xCCCC_CCCC_4444_4444L, c.xmm[3]);

        h.exec("66 0f 3a 21 d1 d8"); // insertps xmm2, xmm1, 0xd8: lane 3 -> lane 1, zero 3
        assertEquals(0xCCCC_CCCC_BBBB_BBBBL, c.xmm[4]);
        assertEquals(0x0000_0000_DDDD_DDDDL, c.xmm[5]);
    }

    @Test
    void registerOnlyAndMemoryOnlyFormsRaiseInvalidOpcode() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f 13 c1")); // movlps xmm1, xmm0: no such form
        assertEquals(GuestFault.UD, c.faultVector);
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f 50 07")); // movmskps eax, [rdi]
        assertEquals(GuestFault.UD, c.faultVector);
        assertEquals(Cpu.EXIT_FAULT, h.exec("66 0f 12 c1")); // movlpd needs memory
        assertEquals(GuestFault.UD, c.faultVector);
    }

    @Test
    void movmskpdAndExtractpsWriteZeroExtendedRegisters() {
        c.gpr[Cpu.RAX] = -1;
        c.xmm[2] = 0x8000_0000_0000_0000L;
        c.xmm[3] = 0x7FFF_FFFF_FFFF_FFFFL;
        h.exec("66 0f 50 c1"); // movmskpd eax, xmm1
        assertEquals(1, c.gpr[Cpu.RAX]);
        c.gpr[Cpu.RCX] = -1;
        h.exec("66 0f 3a 17 c9 01"); // extractps ecx, xmm1, 1
        assertEquals(0x8000_0000L, c.gpr[Cpu.RCX]);
    }
}

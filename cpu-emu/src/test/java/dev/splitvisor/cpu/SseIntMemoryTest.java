package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Memory forms of the SSE integer instructions: the 16-byte alignment rule of legacy SSE
 * (checked against this machine's CPU: MOVDQA, MOVNTDQA, PALIGNR, PUNPCKLBW, PSLLW m128, PTEST,
 * PSHUFD and PHMINPOSUW fault on a misaligned operand; MOVDQU, LDDQU, PMOVZXBW and the string
 * compares do not), precise faults, partial loads and stores, MASKMOVDQU, and the encodings
 * that must raise #UD.
 */
class SseIntMemoryTest {
    private static final long LAST_QUAD = CpuHarness.DATA + 0x10000 - 8;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    private void setXmm(int n, long lo, long hi) {
        c.xmm[2 * n] = lo;
        c.xmm[2 * n + 1] = hi;
    }

    private void assertXmm(int n, long lo, long hi) {
        assertEquals(lo, c.xmm[2 * n], "low quadword of xmm" + n);
        assertEquals(hi, c.xmm[2 * n + 1], "high quadword of xmm" + n);
    }

    private void assertFault(int vector, String code) {
        assertEquals(Cpu.EXIT_FAULT, h.exec(code), code);
        assertEquals(vector, c.faultVector, code);
        assertEquals(CpuHarness.CODE, c.rip, code);
    }

    @Test
    void alignedFormsFaultOnMisalignedOperandsAndChangeNothing() {
        h.mem.write64(CpuHarness.DATA + 0x10, 0x0807060504030201L);
        h.mem.write64(CpuHarness.DATA + 0x18, 0x100F0E0D0C0B0A09L);
        setXmm(2, 0x1111, 0x2222);
        c.gpr[Cpu.RBX] = CpuHarness.DATA + 0x11;
        String[] aligned = {"66 0f 6f 13", "66 0f 38 2a 13", "66 0f 3a 0f 13 01", "66 0f 60 13",
            "66 0f f1 13", "66 0f 38 17 13", "66 0f 70 13 1b", "66 0f 38 41 13", "66 0f fc 13",
            "66 0f 7f 13", "66 0f e7 13"};
        for (String code : aligned) {
            assertFault(GuestFault.GP, code);
            assertXmm(2, 0x1111, 0x2222);
        }
        c.gpr[Cpu.RBX] = CpuHarness.DATA + 0x10;
        assertEquals(Cpu.EXIT_BUDGET, h.exec("66 0f 6f 13")); // movdqa xmm2, [rbx]
        assertXmm(2, 0x0807060504030201L, 0x100F0E0D0C0B0A09L);
    }

    @Test
    void unalignedFormsLoadFromAnyAddress() {
        for (int k = 0; k < 32; k++) {
            h.mem.write8(CpuHarness.DATA + k, k + 1);
        }
        c.gpr[Cpu.RBX] = CpuHarness.DATA + 1;
        h.exec("f3 0f 6f 13"); // movdqu xmm2, [rbx]
        assertXmm(2, 0x0908070605040302L, 0x11100F0E0D0C0B0AL);
        h.exec("f2 0f f0 0b"); // lddqu xmm1, [rbx]
        assertXmm(1, 0x0908070605040302L, 0x11100F0E0D0C0B0AL);
        h.exec("66 0f 38 30 03"); // pmovzxbw xmm0, [rbx]
        assertXmm(0, 0x0005000400030002L, 0x0009000800070006L);
        h.exec("66 0f 38 25 03"); // pmovsxdq xmm0, [rbx]
        assertXmm(0, 0x05040302L, 0x09080706L);
        h.exec("f3 0f 7e 03"); // movq xmm0, [rbx]
        assertXmm(0, 0x0908070605040302L, 0);
        h.exec("66 48 0f 6e 03"); // movq xmm0, [rbx] (66 REX.W 0F 6E)
        assertXmm(0, 0x0908070605040302L, 0);
        h.exec("66 0f 6e 03"); // movd xmm0, [rbx]
        assertXmm(0, 0x05040302L, 0);
        setXmm(3, 0, 0);
        h.exec("66 0f 3a 63 1b 0c"); // pcmpistri xmm3, [rbx], equal ordered: empty needle
        assertEquals(0, c.gpr[Cpu.RCX]);
    }

    @Test
    void misalignedStoreAcrossIntoAnUnmappedPageWritesNothing() {
        h.mem.write64(LAST_QUAD, 0x5555555555555555L);
        setXmm(2, -1L, -1L);
        c.gpr[Cpu.RBX] = LAST_QUAD;
        assertFault(GuestFault.PF, "f3 0f 7f 13"); // movdqu [rbx], xmm2
        assertEquals(CpuHarness.DATA + 0x10000, c.faultAddress);
        assertEquals(0x5555555555555555L, h.mem.read64(LAST_QUAD));
        assertFault(GuestFault.PF, "f3 0f 6f 13"); // movdqu xmm2, [rbx]
        assertXmm(2, -1L, -1L);
    }

    @Test
    void partialStoresAndInsertsTouchOnlyTheirBytes() {
        long a = CpuHarness.DATA + 0x40;
        h.mem.write64(a, -1L);
        h.mem.write64(a + 8, -1L);
        setXmm(2, 0x8877665544332211L, 0x00EEDDCCBBAA9900L);
        c.gpr[Cpu.RBX] = a + 1;
        h.exec("66 0f 3a 14 13 0f"); // pextrb [rbx], xmm2, 15
        h.exec("66 0f 3a 15 53 01 03"); // pextrw [rbx+1], xmm2, 3
        h.exec("66 0f 3a 16 53 03 01"); // pextrd [rbx+3], xmm2, 1
        assertEquals(0x88776655887700FFL, h.mem.read64(a));
        h.exec("66 0f 7e 53 07"); // movd [rbx+7], xmm2
        assertEquals(0x44332211L, h.mem.read32(a + 8) & 0xFFFFFFFFL);
        h.exec("66 0f d6 53 0b"); // movq [rbx+11], xmm2
        assertEquals(0x8877665544332211L, h.mem.read64(a + 12));

        setXmm(2, 0, 0);
        c.gpr[Cpu.RBX] = a;
        h.exec("66 0f 3a 20 13 05"); // pinsrb xmm2, [rbx], 5
        h.exec("66 0f c4 13 07"); // pinsrw xmm2, [rbx], 7
        h.exec("66 0f 3a 22 53 0c 02"); // pinsrd xmm2, [rbx+12], 2
        assertXmm(2, 0x0000FF0000000000L, 0x00FF000044332211L);
        h.exec("66 48 0f 3a 22 53 0c 00"); // pinsrq xmm2, [rbx+12], 0
        assertXmm(2, 0x8877665544332211L, 0x00FF000044332211L);
    }

    @Test
    void maskmovdquStoresTheChosenBytesAtRdiAndIsPrecise() {
        long a = CpuHarness.DATA + 0x80;
        setXmm(2, 0x0807060504030201L, 0x100F0E0D0C0B0A09L);
        setXmm(1, 0x80000000000000FFL, 0x0000000000800000L); // bytes 0, 7 and 10
        c.gpr[Cpu.RDI] = a;
        h.exec("66 0f f7 d1"); // maskmovdqu xmm2, xmm1
        byte[] got = new byte[16];
        h.mem.readBytes(a, got, 0, 16);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 8, 0, 0, 11, 0, 0, 0, 0, 0}, got);

        // Bytes 0 and 10 would land on the last mapped page, byte 15 beyond it.
        c.gpr[Cpu.RDI] = CpuHarness.DATA + 0x10000 - 12;
        setXmm(1, 0xFFL, 0x8000000000800000L);
        assertFault(GuestFault.PF, "66 0f f7 d1");
        assertEquals(0, h.mem.read8(CpuHarness.DATA + 0x10000 - 12));
        assertFault(GuestFault.UD, "66 0f f7 13"); // memory form does not exist
    }

    @Test
    void segmentOverrideAndRipRelativeOperandsAreUsed() {
        c.fsBase = CpuHarness.DATA + 0x100;
        h.mem.write64(CpuHarness.DATA + 0x110, 0x1234);
        c.gpr[Cpu.RBX] = 0x10;
        h.exec("64 66 0f 6f 13"); // movdqa xmm2, fs:[rbx]
        assertXmm(2, 0x1234, 0);
    }

    @Test
    void undefinedPrefixesAndUnadvertisedExtensionsRaiseInvalidOpcode() {
        String[] undefined = {
            "f3 66 0f fc c1",       // F3 on a 66-only opcode
            "66 f2 0f 38 00 c1",
            "66 0f 71 33 01",       // psllw with a memory operand
            "66 0f 71 c3 01",       // group 12 /0
            "66 0f 73 e3 01",       // group 14 /4
            "66 0f e7 d1",          // movntdq register form
            "f2 0f f0 d1",          // lddqu register form
            "66 0f 38 2a d1",       // movntdqa register form
            "66 0f c5 13 01",       // pextrw r32, m
            "66 0f d7 13",          // pmovmskb r32, m
            "66 0f 38 dc d1",       // aesenc
            "66 0f 3a 44 d1 00",    // pclmulqdq
            "66 0f 78 c1 01 02",    // SSE4a extrq
            "f3 0f d6 0b",          // movq2dq with a memory operand
        };
        setXmm(1, 5, 6);
        for (String code : undefined) {
            assertFault(GuestFault.UD, code);
            assertXmm(1, 5, 6);
        }
    }

    @Test
    void generalRegisterDestinationsAreZeroExtended() {
        setXmm(2, 0x8877665544332211L, 0xFFEEDDCCBBAA9900L);
        c.gpr[Cpu.RBX] = -1L;
        h.exec("66 0f 3a 14 d3 0f"); // pextrb ebx, xmm2, 15
        assertEquals(0xFF, c.gpr[Cpu.RBX]);
        c.gpr[Cpu.RBX] = -1L;
        h.exec("66 0f 7e d3"); // movd ebx, xmm2
        assertEquals(0x44332211L, c.gpr[Cpu.RBX]);
        c.gpr[Cpu.RBX] = -1L;
        h.exec("66 0f d7 da"); // pmovmskb ebx, xmm2
        assertEquals(0xFE80, c.gpr[Cpu.RBX]);
    }

    @Test
    void rexReachesXmm8To15AndR8To15() {
        setXmm(8, 0x01FF, 0x7F);
        setXmm(9, 0x0101, 0x01);
        h.exec("66 45 0f fc c1"); // paddb xmm8, xmm9
        assertXmm(8, 0x0200, 0x80);
        setXmm(10, 0x1122334455667788L, 0);
        c.gpr[8] = -1L;
        h.exec("66 45 0f 3a 16 d0 01"); // pextrd r8d, xmm10, 1
        assertEquals(0x11223344L, c.gpr[8]);
        h.exec("66 4d 0f 6e f8"); // movq xmm15, r8
        assertXmm(15, 0x11223344L, 0);
    }

    @Test
    void aByteCopyLoopRunsThroughTheBlockCache() {
        long src = CpuHarness.DATA;
        long dst = CpuHarness.DATA + 0x1000;
        for (int k = 0; k < 64; k++) {
            h.mem.write8(src + k, k);
        }
        c.gpr[Cpu.RSI] = src;
        c.gpr[Cpu.RDI] = dst;
        c.gpr[Cpu.RCX] = 4;
        setXmm(3, 0x0101010101010101L, 0x0101010101010101L);
        // l: movdqu xmm0,[rsi]; paddb xmm0,xmm3; movdqa [rdi],xmm0; add rsi,16; add rdi,16;
        //    dec ecx; jnz l; int3
        int exit = h.run("f3 0f 6f 06 66 0f fc c3 66 0f 7f 07 48 83 c6 10 48 83 c7 10"
                + " ff c9 75 e8 cc", 1000);
        assertEquals(Cpu.EXIT_INTERRUPT, exit);
        for (int k = 0; k < 64; k++) {
            assertEquals(k + 1, h.mem.read8(dst + k), "byte " + k);
        }
    }
}

package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.cpu.sse.Mxcsr;
import dev.splitvisor.cpu.x87.F80;
import dev.splitvisor.cpu.x87.X87State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MMX instructions: results worked out by hand from the SDM's descriptions, the aliasing of
 * MM0-MM7 onto the x87 registers (TOP, tags, exponents, FXSAVE image, what x87 code sees
 * after MMX code with and without EMMS), the #MF of a pending x87 exception, precise page
 * faults, the encodings that stay #UD, and the CPUID bits that advertise MMX.
 */
class MmxOpsTest {
    private static final long BUF = CpuHarness.DATA + 0x100;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;
    private final X87State f = c.fpu;

    @BeforeEach
    void x87StackWithTwoValues() {
        // FNINIT, then FLD1 and FLDZ by hand: TOP 6, R7 = 1.0, R6 = +0, the rest empty.
        f.init();
        f.top = 6;
        f.write(1, 0x8000_0000_0000_0000L, 0x3FFF);
        f.write(0, 0, 0);
    }

    private void setMm(int n, long v) {
        f.sig[n] = v;
    }

    /** Runs code with MM0 = a and MM1 = b and returns MM0. */
    private long binary(String code, long a, long b) {
        setMm(0, a);
        setMm(1, b);
        assertEquals(Cpu.EXIT_BUDGET, h.exec(code), code);
        return f.mmx(0);
    }

    private void assertFault(int vector, String code) {
        assertEquals(Cpu.EXIT_FAULT, h.exec(code), code);
        assertEquals(vector, c.faultVector, code);
        assertEquals(CpuHarness.CODE, c.rip, code);
    }

    private void assertHex(long expected, long actual, String what) {
        assertEquals(Long.toHexString(expected), Long.toHexString(actual), what);
    }

    // ---------------------------------------------------------------- aliasing on x87

    @Test
    void writingAnMmxRegisterSetsItsExponentTopZeroAndEveryTagValid() {
        c.gpr[Cpu.RAX] = 0x1122_3344_5566_7788L;
        h.exec("48 0f 6e d0"); // movq mm2, rax
        assertHex(0x1122_3344_5566_7788L, f.sig[2], "significand of R2");
        assertEquals(0xFFFF, f.se[2]);
        assertEquals(0, f.top);
        assertEquals(0xFF, f.abridgedTag());
        // Full tags from the contents, as FSTENV reports them: R2 special, R6 zero, R7 valid,
        // the rest (zero bits left by FNINIT) zero.
        assertEquals(0b00_01_01_01_01_10_01_01, f.tagWord());
        assertEquals(0x3FFF, f.se[7], "an MMX write leaves the other exponents alone");
    }

    @Test
    void fxsaveAfterMmxWritesShowsTopZeroAllTagsAndTheRegisterBits() {
        c.gpr[Cpu.RAX] = 0x0123_4567_89AB_CDEFL;
        h.exec("48 0f 6e d0"); // movq mm2, rax
        byte[] area = new byte[512];
        c.fxsave(area);
        assertEquals(0, (area[3] >>> 3) & 7, "TOP in the saved FSW");
        assertEquals(0xFF, area[4] & 0xFF, "abridged tag byte");
        assertHex(0x0123_4567_89AB_CDEFL, leLong(area, 32 + 16 * 2), "ST(2) = R2 significand");
        assertEquals(0xFFFF, (area[40 + 32] & 0xFF) | (area[41 + 32] & 0xFF) << 8);
        assertHex(0x8000_0000_0000_0000L, leLong(area, 32 + 16 * 7), "ST(7) = R7 = 1.0");
    }

    @Test
    void readingAnMmxRegisterAlsoSwitchesToMmxButKeepsExponents() {
        setMm(5, 0x8000_0000_0000_0080L);
        h.exec("0f d7 cd"); // pmovmskb ecx, mm5
        assertEquals(0x81, c.gpr[Cpu.RCX]);
        assertEquals(0, f.top);
        assertEquals(0xFF, f.abridgedTag());
        assertEquals(0x3FFF, f.se[7]);
        assertEquals(0, f.se[5]);
    }

    @Test
    void x87LoadAfterMmxWithoutEmmsOverflowsTheStack() {
        h.exec("0f ef c0"); // pxor mm0, mm0
        h.exec("d9 e8"); // fld1
        int fsw = f.statusWord();
        assertEquals(F80.IE | F80.SF | F80.C1, fsw & (F80.IE | F80.SF | F80.C1));
        assertEquals(7, f.top);
        assertHex(F80.INDEFINITE_SIG, f.sig(0), "masked overflow pushes the indefinite");
    }

    @Test
    void emmsEmptiesEveryRegisterSoX87CodeCanFollow() {
        h.exec("0f ef c0"); // pxor mm0, mm0
        h.exec("0f 77"); // emms
        assertEquals(0xFFFF, f.tagWord());
        assertEquals(0, f.top);
        assertHex(0, f.sig[0], "EMMS keeps the contents");
        h.exec("d9 e8"); // fld1
        assertEquals(0, f.statusWord() & F80.IE);
        assertEquals(7, f.top);
        assertHex(0x8000_0000_0000_0000L, f.sig[7], "R7 = 1.0");
        assertEquals(0x3FFF, f.se[7]);
    }

    @Test
    void emmsAlsoSetsTopToZero() {
        h.exec("0f 77"); // emms straight after x87 code: TOP was 6
        assertEquals(0, f.top);
        assertEquals(0xFFFF, f.tagWord());
        assertHex(0x8000_0000_0000_0000L, f.sig[7], "R7 keeps 1.0");
    }

    @Test
    void unmaskedSimdExceptionComesAfterTheSwitchToMmx() {
        c.mxcsr.value = 0x1F80 & ~Mxcsr.IM;
        c.xmm[2] = 0x7FC0_0000L; // QNaN, 0.0f: invalid for CVTPS2PI
        setMm(0, 0x55);
        assertFault(GuestFault.XM, "0f 2d c1"); // cvtps2pi mm0, xmm1
        assertEquals(0x55, f.mmx(0), "the destination is not written");
        assertEquals(0, f.se[0]);
        assertEquals(0, f.top, "measured: TOP is already 0 when #XM is delivered");
        assertEquals(0xFF, f.abridgedTag());
    }

    @Test
    void x87SeesTheBitsAnMmxInstructionWrote() {
        c.gpr[Cpu.RAX] = 0xC000_0000_0000_1234L;
        h.exec("48 0f 6e c0"); // movq mm0, rax
        h.exec("dd c7"); // ffree st(7)
        h.exec("d9 c0"); // fld st(0): a copy of R0, a negative quiet NaN
        assertEquals(7, f.top);
        assertHex(0xC000_0000_0000_1234L, f.sig(0), "ST(0) significand");
        assertEquals(0xFFFF, f.se(0));
        assertEquals(0, f.statusWord() & F80.IE);
    }

    @Test
    void pendingX87ExceptionRaisesMathFaultBeforeAnyMmxInstruction() {
        f.setControlWord(0x037E); // IE unmasked
        f.raise(F80.IE);
        setMm(0, 5);
        for (String code : new String[] {"0f fc c1", "0f 77", "0f 7e c1", "0f 2a c8",
            "0f 2d c1", "f3 0f d6 c1", "f2 0f d6 c1", "0f 71 f0 04"}) {
            assertFault(GuestFault.MF, code);
            assertEquals(6, f.top, code);
            assertEquals(5, f.mmx(0), code);
        }
        // CVTPI2PS from memory reads no MMX register: no #MF, no switch to MMX.
        c.gpr[Cpu.RBX] = BUF;
        h.mem.write64(BUF, 3);
        assertEquals(Cpu.EXIT_BUDGET, h.exec("0f 2a 0b")); // cvtpi2ps xmm1, [rbx]
        assertHex(0x4040_0000L, c.xmm[2], "3.0f and 0.0f");
        assertEquals(6, f.top);
    }

    @Test
    void pageFaultLeavesTopTagsAndRegistersAsTheyWere() {
        setMm(0, 0x77);
        c.gpr[Cpu.RBX] = 0x90_0000; // unmapped
        int tags = f.tagWord();
        for (String code : new String[] {"0f fc 03", "0f 6f 03", "0f 7f 03", "0f e7 03"}) {
            assertFault(GuestFault.PF, code);
            assertEquals(6, f.top, code);
            assertEquals(tags, f.tagWord(), code);
            assertEquals(0x77, f.mmx(0), code);
        }
    }

    // ---------------------------------------------------------------- arithmetic

    @Test
    void addAndSubtractWrapOrSaturatePerLane() {
        assertHex(0x8000_0003_0507_090BL,
                binary("0f fc c1", 0x7F80_FF01_0203_0405L, 0x0180_0102_0304_0506L), "paddb");
        assertHex(0x7FFF_8000_7FFF_FFFEL,
                binary("0f ed c1", 0x7FFF_8000_0001_FFFFL, 0x0001_FFFF_7FFF_FFFFL), "paddsw");
        assertHex(0x000F_1F2F_0000_6070L,
                binary("0f d8 c1", 0x0010_2030_4050_6070L, 0x0101_0101_FFFF_0000L),
                "psubusb");
        assertHex(0x0000_0000_0000_0000L,
                binary("0f d4 c1", 0xFFFF_FFFF_FFFF_FFFFL, 1), "paddq carries across lanes");
        assertHex(0x0001_8000_0000_0001L, binary("0f 38 1d c1", 0, 0xFFFF_8000_0000_0001L),
                "pabsw: |-1|, |-32768| stays 0x8000, 0, 1");
    }

    @Test
    void multipliesKeepTheDocumentedHalves() {
        assertHex(0x0001_4000_0000_0001L,
                binary("0f e5 c1", 0x4000_8000_FFFF_0003L, 0x0004_8000_FFFF_7FFFL), "pmulhw");
        assertHex(0x8000_0000_0000_0017L,
                binary("0f f5 c1", 0x8000_8000_0003_0002L, 0x8000_8000_0005_0004L),
                "pmaddwd: two products of -32768 wrap to 0x80000000");
        assertHex(0xFFFF_FFFE_0000_0001L,
                binary("0f f4 c1", 0x1234_5678_FFFF_FFFFL, 0x9ABC_DEF0_FFFF_FFFFL), "pmuludq");
        assertHex(0x20, binary("0f f6 c1", 0x0102_0304_0506_0708L, 0x0807_0605_0403_0201L),
                "psadbw: 7+5+3+1+1+3+5+7");
    }

    @Test
    void compareGivesAllOnesWhereSignedGreater() {
        assertHex(0xFF00_00FF_0000_FF00L,
                binary("0f 64 c1", 0x7F80_0001_FF05_1000L, 0x807F_0000_0005_0F01L), "pcmpgtb");
    }

    @Test
    void shiftsByImmediateAndByRegister() {
        assertHex(0x4210_FF00_2340_FFF0L, binary("0f 71 f0 04", 0x8421_0FF0_1234_FFFFL, 0),
                "psllw mm0, 4");
        assertHex(0xFFFF_FFFF_0000_0000L, binary("0f 72 e0 28", 0x8000_0000_7FFF_FFFFL, 0),
                "psrad mm0, 40 fills with the sign");
        assertHex(0x0012_3456_789A_BCDEL, binary("0f d3 c1", 0x0123_4567_89AB_CDEFL, 4),
                "psrlq mm0, mm1 = 4");
        assertHex(0, binary("0f d3 c1", 0x0123_4567_89AB_CDEFL, 0x1_0000_0004L),
                "psrlq by a count over 63 clears");
    }

    // ---------------------------------------------------------------- rearranging

    @Test
    void packsSaturateAndUnpacksInterleave() {
        assertHex(0xFF00_807F_8080_7F01L,
                binary("0f 63 c1", 0xFF80_8000_7FFF_0001L, 0xFFFF_0000_FF7F_0080L), "packsswb");
        assertHex(0xDDDD_4444_CCCC_3333L,
                binary("0f 69 c1", 0x4444_3333_2222_1111L, 0xDDDD_CCCC_BBBB_AAAAL),
                "punpckhwd");
    }

    @Test
    void unpackLowReadsOnlyFourBytesFromMemory() {
        long lastDword = CpuHarness.DATA + 0x10000 - 4;
        h.mem.write32(lastDword, 0xDDCC_BBAA);
        c.gpr[Cpu.RBX] = lastDword;
        setMm(0, 0x4433_2211);
        assertEquals(Cpu.EXIT_BUDGET, h.exec("0f 60 03")); // punpcklbw mm0, [rbx]
        assertHex(0xDD44_CC33_BB22_AA11L, f.mmx(0), "punpcklbw");
    }

    @Test
    void shufflesAndAlignment() {
        assertHex(0x1111_2222_3333_4444L, binary("0f 70 c1 1b", 0, 0x4444_3333_2222_1111L),
                "pshufw 0x1b reverses the words");
        assertHex(0x0001_0002_0700_0007L,
                binary("0f 38 00 c1", 0x0706_0504_0302_0100L, 0x0001_FF7A_0F08_8007L),
                "pshufb: index bits 2..0, bit 7 clears");
        assertHex(0x0A09_0807_0605_0403L,
                binary("0f 3a 0f c1 03", 0x0F0E_0D0C_0B0A_0908L, 0x0706_0504_0302_0100L),
                "palignr 3");
        assertHex(0x0F0E_0D0CL,
                binary("0f 3a 0f c1 0c", 0x0F0E_0D0C_0B0A_0908L, 0x0706_0504_0302_0100L),
                "palignr 12 shifts zeros in");
        assertHex(0xFFFE_001E_8000_0003L,
                binary("0f 38 01 c1", 0x0001_7FFF_0002_0001L, 0xFFFF_FFFF_0014_000AL),
                "phaddw wraps");
    }

    // ---------------------------------------------------------------- moves

    @Test
    void movesBetweenMmxGeneralRegistersAndMemory() {
        c.gpr[Cpu.RAX] = 0xFFFF_FFFF_8000_0001L;
        h.exec("0f 6e c8"); // movd mm1, eax
        assertHex(0x8000_0001L, f.mmx(1), "movd zero-extends");
        setMm(0, 0x0102_0304_0506_0708L);
        h.exec("48 0f 7e c0"); // movq rax, mm0
        assertHex(0x0102_0304_0506_0708L, c.gpr[Cpu.RAX], "movq rax, mm0");
        setMm(5, 0xAAAA_BBBB_CCCC_DDDDL);
        c.gpr[Cpu.RCX] = -1;
        h.exec("0f 7e e9"); // movd ecx, mm5
        assertHex(0xCCCC_DDDDL, c.gpr[Cpu.RCX], "movd ecx clears bits 63..32");
        c.gpr[Cpu.RBX] = BUF;
        setMm(3, 0x1234_5678_9ABC_DEF0L);
        h.exec("0f e7 1b"); // movntq [rbx], mm3
        assertHex(0x1234_5678_9ABC_DEF0L, h.mem.read64(BUF), "movntq");
        h.mem.write64(BUF, 42);
        h.exec("0f 6f 1b"); // movq mm3, [rbx]
        assertEquals(42, f.mmx(3));
        assertFault(GuestFault.UD, "0f e7 d8"); // movntq with a register destination
    }

    @Test
    void wordInsertExtractAndByteMasks() {
        c.gpr[Cpu.RCX] = 0xABCD_5678L;
        assertHex(0x1111_5678_3333_4444L, binary("0f c4 c1 06", 0x1111_2222_3333_4444L, 0),
                "pinsrw lane 6 mod 4");
        c.gpr[9] = -1;
        h.exec("44 0f c5 c8 01"); // pextrw r9d, mm0, 1
        assertHex(0x3333, c.gpr[9], "pextrw");
    }

    @Test
    void maskmovqStoresTheChosenBytesAtRdi() {
        h.mem.write64(BUF, 0xEEEE_EEEE_EEEE_EEEEL);
        c.gpr[Cpu.RDI] = BUF;
        binary("0f f7 c1", 0x8877_6655_4433_2211L, 0x8000_0000_00FF_7F80L);
        assertHex(0x88EE_EEEE_EE33_EE11L, h.mem.read64(BUF), "maskmovq");
    }

    @Test
    void movesBetweenMmxAndXmmRegisters() {
        setMm(1, 0x0102_0304_0506_0708L);
        c.xmm[19] = -1;
        h.exec("f3 44 0f d6 c9"); // movq2dq xmm9, mm1
        assertHex(0x0102_0304_0506_0708L, c.xmm[18], "movq2dq low");
        assertHex(0, c.xmm[19], "movq2dq clears the high quadword");
        c.xmm[18] = 0x5555;
        h.exec("f2 41 0f d6 d1"); // movdq2q mm2, xmm9
        assertHex(0x5555, f.mmx(2), "movdq2q");
        assertEquals(0xFFFF, f.se[2]);
    }

    // ---------------------------------------------------------------- conversions

    @Test
    void conversionsBetweenMmxIntegersAndSseFloats() {
        setMm(0, 0xFFFF_FFFE_0000_0001L); // -2, 1
        c.xmm[3] = 0x7777;
        h.exec("0f 2a c8"); // cvtpi2ps xmm1, mm0
        assertHex(0xC000_0000_3F80_0000L, c.xmm[2], "-2.0f, 1.0f");
        assertHex(0x7777, c.xmm[3], "cvtpi2ps keeps the high quadword");
        h.exec("66 0f 2a c8"); // cvtpi2pd xmm1, mm0
        assertHex(0x3FF0_0000_0000_0000L, c.xmm[2], "1.0");
        assertHex(0xC000_0000_0000_0000L, c.xmm[3], "-2.0");

        c.xmm[2] = 0xBFC0_0000_4020_0000L; // -1.5f, 2.5f
        h.exec("0f 2d c1"); // cvtps2pi mm0, xmm1: round to nearest even
        assertHex(0xFFFF_FFFE_0000_0002L, f.mmx(0), "cvtps2pi");
        c.xmm[2] = Double.doubleToRawLongBits(-1.5);
        c.xmm[3] = Double.doubleToRawLongBits(3e10);
        c.mxcsr.value = 0x1F80;
        h.exec("66 0f 2c c1"); // cvttpd2pi mm0, xmm1
        assertHex(0x8000_0000_FFFF_FFFFL, f.mmx(0), "truncated -1, indefinite for 3e10");
        assertTrue((c.mxcsr.value & 1) != 0, "IE flagged for the out-of-range lane");
        c.gpr[Cpu.RBX] = BUF + 8;
        assertFault(GuestFault.GP, "66 0f 2d 03"); // cvtpd2pi mm0, [rbx]: m128 misaligned
    }

    // ---------------------------------------------------------------- encodings and CPUID

    @Test
    void encodingsWithoutAnMmxFormRaiseInvalidOpcode() {
        String[] undefined = {
            "0f 73 d8 01",          // psrldq exists only for XMM
            "0f 73 e0 01",          // psraq does not exist
            "0f 71 33 01",          // shift group with a memory operand
            "0f c5 03 01",          // pextrw r32, m
            "0f d7 03",             // pmovmskb r32, m
            "0f f7 03",             // maskmovq with a memory operand
            "f3 0f d6 03",          // movq2dq xmm, m
            "0f d6 c1",             // movq without its 66 prefix
            "0f 6c c1",             // punpcklqdq has no MMX form
            "0f 38 10 c1",          // pblendvb needs 66
            "0f 3a 0e c1 01",       // pblendw needs 66
        };
        setMm(0, 9);
        for (String code : undefined) {
            assertFault(GuestFault.UD, code);
            assertEquals(9, f.mmx(0), code);
            assertEquals(6, f.top, code);
        }
    }

    @Test
    void cpuidReportsMmxAndTheRestOfTheX8664Baseline() {
        int edx = Cpuid.query(1, 0)[3];
        int baseline = 1 | (1 << 8) | (1 << 15) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26);
        assertEquals(baseline, edx & baseline, "FPU CX8 CMOV MMX FXSR SSE SSE2");
        assertTrue((Cpuid.query(0x80000001, 0)[3] & (1 << 11)) != 0, "SYSCALL");
        assertTrue((Cpuid.hwcap() & (1 << 23)) != 0, "AT_HWCAP follows leaf 1 EDX");
    }

    private static long leLong(byte[] b, int at) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[at + k] & 0xFF);
        }
        return v;
    }
}

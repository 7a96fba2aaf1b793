package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.splitvisor.cpu.sse.Mxcsr;
import org.junit.jupiter.api.Test;

/**
 * FXSAVE, FXRSTOR, LDMXCSR, STMXCSR and the host-side {@link Cpu#fxsave}/{@link Cpu#fxrstor}:
 * the image layout, alignment, reserved MXCSR bits and all-or-nothing behaviour at a page
 * boundary (all checked on an AMD Zen 4, whose FXSAVE also leaves bytes 416-511 alone).
 */
class SseFpStateTest {
    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    private void fillXmm() {
        for (int k = 0; k < 32; k++) {
            c.xmm[k] = 0x0101_0101_0101_0101L * (k + 1);
        }
    }

    @Test
    void fxsaveWritesTheDocumentedLayout() {
        fillXmm();
        c.mxcsr.value = 0x9FC0 | Mxcsr.PE;
        for (int k = 0; k < 512; k++) {
            c.mem.write8(CpuHarness.DATA + k, 0xAA);
        }
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        assertEquals(Cpu.EXIT_BUDGET, h.exec("48 0f ae 07")); // fxsave64 [rdi]
        assertEquals(0x037F, c.mem.read16(CpuHarness.DATA)); // FCW after FNINIT
        assertEquals(0x9FE0, c.mem.read32(CpuHarness.DATA + 24));
        assertEquals(0xFFFF, c.mem.read32(CpuHarness.DATA + 28)); // MXCSR_MASK
        for (int k = 0; k < 32; k++) {
            assertEquals(c.xmm[k], c.mem.read64(CpuHarness.DATA + 160 + 8 * k));
        }
        assertEquals(0xAA, c.mem.read8(CpuHarness.DATA + 416));
        assertEquals(0xAA, c.mem.read8(CpuHarness.DATA + 511));
    }

    @Test
    void fxrstorRestoresWhatFxsaveSaved() {
        fillXmm();
        c.mxcsr.value = 0x7F80;
        long[] saved = c.xmm.clone();
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        h.exec("0f ae 07"); // fxsave [rdi]
        java.util.Arrays.fill(c.xmm, 0);
        c.mxcsr.value = Mxcsr.RESET;
        h.exec("0f ae 0f"); // fxrstor [rdi]
        assertArrayEquals(saved, c.xmm);
        assertEquals(0x7F80, c.mxcsr.value);
    }

    @Test
    void misalignedImageRaisesGeneralProtection() {
        c.gpr[Cpu.RDI] = CpuHarness.DATA + 8;
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f ae 07"));
        assertEquals(GuestFault.GP, c.faultVector);
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f ae 0f"));
        assertEquals(GuestFault.GP, c.faultVector);
    }

    @Test
    void imageCrossingIntoAnUnmappedPageFaultsBeforeAnyByteMoves() {
        long at = CpuHarness.DATA + 0x10000 - 400; // the last 112 bytes are unmapped
        c.gpr[Cpu.RDI] = at;
        c.mem.write64(at, 0x5A5A);
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f ae 07"));
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(0x5A5A, c.mem.read64(at));
        c.xmm[5] = 9;
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f ae 0f"));
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(9, c.xmm[5]);
    }

    @Test
    void reservedMxcsrBitsRaiseGeneralProtectionAndChangeNothing() {
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        h.exec("0f ae 07");
        c.mem.write32(CpuHarness.DATA + 24, 0x21F80); // bit 17 (AMD's MM) is not writable here
        c.xmm[0] = 123;
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f ae 0f"));
        assertEquals(GuestFault.GP, c.faultVector);
        assertEquals(123, c.xmm[0]);

        c.mem.write32(CpuHarness.DATA, 0x10000);
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f ae 17")); // ldmxcsr [rdi]
        assertEquals(GuestFault.GP, c.faultVector);
        assertEquals(Mxcsr.RESET, c.mxcsr.value);
    }

    @Test
    void ldmxcsrAndStmxcsrRoundTrip() {
        c.gpr[Cpu.RDI] = CpuHarness.DATA + 4; // no alignment rule
        c.mem.write32(CpuHarness.DATA + 4, 0xFFFF);
        h.exec("0f ae 17 0f ae 5f 04"); // ldmxcsr [rdi]; stmxcsr [rdi+4]
        assertEquals(0xFFFF, c.mxcsr.value);
        assertEquals(0xFFFF, c.mem.read32(CpuHarness.DATA + 8));
    }

    @Test
    void hostHelpersShareTheGuestImage() {
        fillXmm();
        c.mxcsr.value = 0x3F80;
        byte[] image = new byte[512];
        c.fxsave(image);
        assertEquals((byte) 0x80, image[24]);
        assertEquals((byte) 0x3F, image[25]);
        assertEquals((byte) 0x01, image[160]);
        Cpu other = new CpuHarness().cpu;
        other.fxrstor(image);
        assertArrayEquals(c.xmm, other.xmm);
        assertEquals(0x3F80, other.mxcsr.value);

        image[26] = 1; // MXCSR bit 16
        assertThrows(IllegalArgumentException.class, () -> other.fxrstor(image));
        assertEquals(0x3F80, other.mxcsr.value);
    }
}

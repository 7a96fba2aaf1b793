package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.mmu.Prot;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The string instructions: REP forms through the bulk path and the element loop, overlap,
 * direction, address size, segment override, precise faults mid-run and preemption.
 */
class StringOpsTest {
    private static final long SRC = CpuHarness.DATA + 0x123;
    private static final long DST = CpuHarness.DATA + 0x8001;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    private void fill(long addr, int n, int seed) {
        for (int k = 0; k < n; k++) {
            c.mem.write8(addr + k, k * 7 + seed);
        }
    }

    @Test
    void repMovsbCopiesAcrossPages() {
        int n = 3 * 4096 + 77;
        fill(SRC, n, 3);
        c.gpr[Cpu.RSI] = SRC;
        c.gpr[Cpu.RDI] = DST;
        c.gpr[Cpu.RCX] = n;
        h.exec("f3 a4");
        for (int k = 0; k < n; k++) {
            assertEquals((k * 7 + 3) & 0xFF, c.mem.read8(DST + k), "byte " + k);
        }
        assertEquals(0, c.mem.read8(DST + n));
        assertEquals(0, c.gpr[Cpu.RCX]);
        assertEquals(SRC + n, c.gpr[Cpu.RSI]);
        assertEquals(DST + n, c.gpr[Cpu.RDI]);
        assertEquals(CpuHarness.CODE + 2, c.rip);
    }

    @Test
    void overlappingForwardCopyRepeatsThePatternLikeHardware() {
        c.mem.write8(SRC, 0x5A);
        c.mem.write8(SRC + 1, 0x11);
        c.gpr[Cpu.RSI] = SRC;
        c.gpr[Cpu.RDI] = SRC + 1;
        c.gpr[Cpu.RCX] = 100;
        h.exec("f3 a4");
        for (int k = 0; k <= 100; k++) {
            assertEquals(0x5A, c.mem.read8(SRC + k), "byte " + k);
        }
    }

    @Test
    void backwardQwordCopyWithDirectionFlag() {
        for (int k = 0; k < 4; k++) {
            c.mem.write64(SRC + 8 * k, k + 1);
        }
        c.gpr[Cpu.RSI] = SRC + 24;
        c.gpr[Cpu.RDI] = DST + 24;
        c.gpr[Cpu.RCX] = 4;
        h.exec("fd f3 48 a5 fc"); // std; rep movsq; cld
        for (int k = 0; k < 4; k++) {
            assertEquals(k + 1, c.mem.read64(DST + 8 * k));
        }
        assertEquals(SRC - 8, c.gpr[Cpu.RSI]);
        assertEquals(DST - 8, c.gpr[Cpu.RDI]);
    }

    @Test
    void repStosqAndUnalignedStosb() {
        c.gpr[Cpu.RAX] = 0x0102030405060708L;
        c.gpr[Cpu.RDI] = CpuHarness.DATA;
        c.gpr[Cpu.RCX] = 1500;
        h.exec("f3 48 ab");
        for (int k = 0; k < 1500; k++) {
            assertEquals(0x0102030405060708L, c.mem.read64(CpuHarness.DATA + 8L * k));
        }
        c.gpr[Cpu.RDI] = DST;
        c.gpr[Cpu.RCX] = 5000;
        h.exec("f3 aa");
        assertEquals(0x08, c.mem.read8(DST + 4999));
        assertEquals(0, c.mem.read8(DST + 5000));
        assertEquals(DST + 5000, c.gpr[Cpu.RDI]);
    }

    @Test
    void repeCmpsbStopsAfterTheFirstDifference() {
        byte[] a = "hello, world".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "hello, there".getBytes(StandardCharsets.US_ASCII);
        c.mem.writeBytes(SRC, a, 0, a.length);
        c.mem.writeBytes(DST, b, 0, b.length);
        c.gpr[Cpu.RSI] = SRC;
        c.gpr[Cpu.RDI] = DST;
        c.gpr[Cpu.RCX] = a.length;
        h.exec("f3 a6");
        assertEquals(a.length - 8, c.gpr[Cpu.RCX]); // 'w' vs 't' was the 8th compare
        assertEquals(SRC + 8, c.gpr[Cpu.RSI]);
        assertEquals(DST + 8, c.gpr[Cpu.RDI]);
        assertEquals(0, c.getRflags() & Flags.ZF);
        assertEquals(0, c.getRflags() & Flags.CF); // 'w' > 't'
    }

    @Test
    void repneScasbFindsTheTerminator() {
        byte[] s = "splitvisor\0".getBytes(StandardCharsets.US_ASCII);
        c.mem.writeBytes(SRC, s, 0, s.length);
        c.gpr[Cpu.RAX] = 0;
        c.gpr[Cpu.RDI] = SRC;
        c.gpr[Cpu.RCX] = -1;
        h.exec("f2 ae");
        assertEquals(-1 - 11, c.gpr[Cpu.RCX]); // strlen = ~RCX - 1 = 10
        assertEquals(SRC + 11, c.gpr[Cpu.RDI]);
        assertEquals(Flags.ZF, c.getRflags() & Flags.ZF);
    }

    @Test
    void addressSize32UsesEsiAndZeroExtendsIt() {
        c.mem.write8(CpuHarness.DATA, 0x77);
        c.gpr[Cpu.RSI] = 0xFFFFFFFF_00000000L | CpuHarness.DATA;
        h.exec("67 ac"); // a32 lodsb
        assertEquals(0x77, c.gpr[Cpu.RAX] & 0xFF);
        assertEquals(CpuHarness.DATA + 1, c.gpr[Cpu.RSI]);
    }

    @Test
    void segmentOverrideAppliesToTheSource() {
        c.fsBase = CpuHarness.DATA;
        c.mem.write64(CpuHarness.DATA + 0x10, 0x1234);
        c.gpr[Cpu.RSI] = 0x10;
        c.gpr[Cpu.RDI] = DST;
        h.exec("64 48 a5"); // fs movsq
        assertEquals(0x1234, c.mem.read64(DST));
        assertEquals(0x18, c.gpr[Cpu.RSI]);
    }

    @Test
    void faultMidRunLeavesRegistersAtTheFaultingElement() {
        long end = CpuHarness.DATA + 0x10000; // first unmapped byte
        c.gpr[Cpu.RSI] = SRC;
        c.gpr[Cpu.RDI] = end - 16;
        c.gpr[Cpu.RCX] = 32;
        assertEquals(Cpu.EXIT_FAULT, h.exec("f3 a4"));
        assertEquals(GuestFault.PF, c.faultVector);
        assertEquals(end, c.faultAddress);
        assertEquals(16, c.gpr[Cpu.RCX]);
        assertEquals(SRC + 16, c.gpr[Cpu.RSI]);
        assertEquals(end, c.gpr[Cpu.RDI]);
        assertEquals(CpuHarness.CODE, c.rip);
    }

    @Test
    void longRunYieldsToTheRunLoopAndResumes() {
        c.gpr[Cpu.RAX] = 0x41;
        c.gpr[Cpu.RDI] = CpuHarness.DATA + 9999;
        c.gpr[Cpu.RCX] = 10000;
        c.rflags |= Flags.DF; // backwards: the element loop, MAX_ITERATIONS per slice
        byte[] code = CpuHarness.hex("f3 aa cc");
        c.mem.poke(CpuHarness.CODE, code, 0, code.length);
        c.rip = CpuHarness.CODE;
        c.step();
        assertEquals(CpuHarness.CODE, c.rip);
        assertEquals(10000 - StringOps.MAX_ITERATIONS, c.gpr[Cpu.RCX]);
        assertEquals(Cpu.EXIT_INTERRUPT, c.run(100));
        assertEquals(0, c.gpr[Cpu.RCX]);
        assertEquals(0x41, c.mem.read8(CpuHarness.DATA));
        assertEquals(CpuHarness.DATA - 1, c.gpr[Cpu.RDI]);
    }

    @Test
    void zeroCountDoesNothingButAdvances() {
        c.setRflags(0x202 | Flags.CF);
        c.gpr[Cpu.RCX] = 0;
        c.gpr[Cpu.RSI] = 0x10; // unmapped: must not be touched
        h.exec("f3 a6");
        assertEquals(0x10, c.gpr[Cpu.RSI]);
        assertEquals(Flags.CF, c.getRflags() & Flags.ARITH);
        assertEquals(CpuHarness.CODE + 2, c.rip);
    }

    @Test
    void insAndOutsRaiseGeneralProtection() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("6c"));
        assertEquals(GuestFault.GP, c.faultVector);
        assertEquals(Cpu.EXIT_FAULT, h.exec("f3 6f"));
        assertEquals(GuestFault.GP, c.faultVector);
    }

    @Test
    void bulkCopyYieldsAfterItsSliceAndFinishesThroughTheRunLoop() {
        c.mem.map(0x1000000, 0x60000, Prot.READ | Prot.WRITE);
        int n = 0x30000;
        c.mem.write64(0x1000000 + n - 8, 0x1122334455667788L);
        c.gpr[Cpu.RSI] = 0x1000000;
        c.gpr[Cpu.RDI] = 0x1000000 + n;
        c.gpr[Cpu.RCX] = n / 8;
        byte[] code = CpuHarness.hex("f3 48 a5 cc"); // rep movsq; int3
        c.mem.poke(CpuHarness.CODE, code, 0, code.length);
        c.rip = CpuHarness.CODE;
        c.step();
        assertEquals(CpuHarness.CODE, c.rip);
        assertEquals((n - StringOps.MAX_BULK_BYTES) / 8, c.gpr[Cpu.RCX]);
        assertEquals(Cpu.EXIT_INTERRUPT, c.run(100));
        assertEquals(0, c.gpr[Cpu.RCX]);
        assertEquals(0x1122334455667788L, c.mem.read64(0x1000000 + 2L * n - 8));
    }
}

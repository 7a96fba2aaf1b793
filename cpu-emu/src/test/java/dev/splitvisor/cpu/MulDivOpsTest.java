package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * #DE, the 128-bit division against BigInteger, and memory operands. Register forms of every
 * width are checked against the hardware by {@link IntegerGoldenOpsTest}.
 */
class MulDivOpsTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    private void expectDivideError(String code) {
        long[] before = c.gpr.clone();
        assertEquals(Cpu.EXIT_FAULT, h.exec(code));
        assertEquals(GuestFault.DE, c.faultVector);
        assertEquals(CpuHarness.CODE, c.rip);
        assertEquals(Arrays.toString(before), Arrays.toString(c.gpr));
    }

    @Test
    void divideByZeroRaisesDivideError() {
        c.gpr[Cpu.RAX] = 10;
        c.gpr[Cpu.RBX] = 0;
        expectDivideError("48 f7 f3"); // div rbx
        expectDivideError("f6 fb"); // idiv bl
    }

    @Test
    void quotientOverflowRaisesDivideError() {
        c.gpr[Cpu.RDX] = 5;
        c.gpr[Cpu.RAX] = 0;
        c.gpr[Cpu.RBX] = 5;
        expectDivideError("48 f7 f3"); // div rbx: quotient 2^64
        c.gpr[Cpu.RDX] = 0xFFFFFFFFL;
        c.gpr[Cpu.RAX] = 0x80000000L;
        c.gpr[Cpu.RCX] = 0xFFFFFFFFL;
        expectDivideError("f7 f9"); // idiv ecx: INT_MIN / -1
        c.gpr[Cpu.RDX] = -1;
        c.gpr[Cpu.RAX] = Long.MIN_VALUE;
        c.gpr[Cpu.RCX] = -1;
        expectDivideError("48 f7 f9"); // idiv rcx: LONG_MIN / -1
        c.gpr[Cpu.RAX] = 0x8000; // AX = -32768
        c.gpr[Cpu.RBX] = 0xFF;
        expectDivideError("f6 fb"); // idiv bl: -32768 / -1 = 32768 does not fit
    }

    @Test
    void idivReachesTheMostNegativeQuotientButNotItsNegation() {
        c.gpr[Cpu.RDX] = -1;
        c.gpr[Cpu.RAX] = 0; // RDX:RAX = -2^64
        c.gpr[Cpu.RCX] = 2;
        assertEquals(Cpu.EXIT_BUDGET, h.exec("48 f7 f9")); // idiv rcx: -2^63, fits
        assertEquals(Long.MIN_VALUE, c.gpr[Cpu.RAX]);
        assertEquals(0, c.gpr[Cpu.RDX]);
        c.gpr[Cpu.RDX] = -1;
        c.gpr[Cpu.RAX] = 0;
        c.gpr[Cpu.RCX] = -2;
        expectDivideError("48 f7 f9"); // +2^63 does not fit
    }

    @Test
    void wideDivisionAgreesWithBigInteger() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 20000; k++) {
            long d = r.nextInt(4) == 0 ? r.nextLong() >>> r.nextInt(64) : r.nextLong();
            long hi = d == 0 ? 0 : Long.remainderUnsigned(r.nextLong(), d) >>> r.nextInt(64);
            long lo = r.nextLong();
            if (d == 0) {
                continue;
            }
            BigInteger n = unsigned(hi).shiftLeft(64).or(unsigned(lo));
            BigInteger[] qr = n.divideAndRemainder(unsigned(d));
            c.gpr[Cpu.RDX] = hi;
            c.gpr[Cpu.RAX] = lo;
            c.gpr[Cpu.RBX] = d;
            assertEquals(Cpu.EXIT_BUDGET, h.exec("48 f7 f3"));
            assertEquals(qr[0].longValue(), c.gpr[Cpu.RAX], n + " / " + d);
            assertEquals(qr[1].longValue(), c.gpr[Cpu.RDX], n + " % " + d);
        }
    }

    @Test
    void signedWideDivisionAgreesWithBigInteger() {
        SplittableRandom r = new SplittableRandom(8);
        for (int k = 0; k < 20000; k++) {
            long d = r.nextLong() >> r.nextInt(64);
            long hi = r.nextLong() >> (1 + r.nextInt(63));
            long lo = r.nextLong();
            if (d == 0) {
                continue;
            }
            BigInteger n = BigInteger.valueOf(hi).shiftLeft(64).or(unsigned(lo));
            BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(d));
            c.gpr[Cpu.RDX] = hi;
            c.gpr[Cpu.RAX] = lo;
            c.gpr[Cpu.RBX] = d;
            int exit = h.exec("48 f7 fb"); // idiv rbx
            if (qr[0].bitLength() > 63) {
                assertEquals(Cpu.EXIT_FAULT, exit, n + " / " + d);
                continue;
            }
            assertEquals(Cpu.EXIT_BUDGET, exit, n + " / " + d);
            assertEquals(qr[0].longValue(), c.gpr[Cpu.RAX], n + " / " + d);
            assertEquals(qr[1].longValue(), c.gpr[Cpu.RDX], n + " % " + d);
        }
    }

    @Test
    void wideMultiplyOfMemoryGivesTheFull128BitProduct() {
        c.gpr[Cpu.RBX] = CpuHarness.DATA;
        c.mem.write64(CpuHarness.DATA, -1L);
        c.gpr[Cpu.RAX] = -1L;
        h.exec("48 f7 23"); // mul qword [rbx]
        BigInteger p = unsigned(-1L).multiply(unsigned(-1L));
        assertEquals(p.longValue(), c.gpr[Cpu.RAX]);
        assertEquals(p.shiftRight(64).longValue(), c.gpr[Cpu.RDX]);
        assertEquals(Flags.CF | Flags.OF, c.getRflags() & (Flags.CF | Flags.OF));
    }

    @Test
    void threeOperandImulOfMemorySetsOverflowOnTruncation() {
        c.gpr[Cpu.RBX] = CpuHarness.DATA;
        c.mem.write64(CpuHarness.DATA, 0x4000000000000000L);
        h.exec("48 6b 03 07"); // imul rax, [rbx], 7
        assertEquals(0xC000000000000000L, c.gpr[Cpu.RAX]);
        assertEquals(Flags.CF | Flags.OF, c.getRflags() & (Flags.CF | Flags.OF));
        c.mem.write64(CpuHarness.DATA, -3);
        h.exec("48 6b 03 07");
        assertEquals(-21, c.gpr[Cpu.RAX]);
        assertEquals(0, c.getRflags() & (Flags.CF | Flags.OF));
    }

    @Test
    void byteDivideOfMemoryUsesAx() {
        c.gpr[Cpu.RBX] = CpuHarness.DATA;
        c.mem.write8(CpuHarness.DATA, 7);
        c.gpr[Cpu.RAX] = 0xFFFF_0000_0000_0000L | 0x03E8; // AX = 1000
        h.exec("f6 33"); // div byte [rbx]
        assertEquals(0xFFFF_0000_0000_0000L | (6 << 8) | 142, c.gpr[Cpu.RAX]);
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v);
        return v < 0 ? b.add(TWO_64) : b;
    }
}

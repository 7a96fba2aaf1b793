package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Replays golden data recorded on real hardware by src/test/native/sse/gen.c (run gen.sh to
 * regenerate; the CPU model is in resources/sse/CPU). All numbers are little-endian.
 *
 * <p>fp.bin.gz records: kind u8, imm8 u8, MXCSR before u16, MXCSR after u16, faulted u8, then
 * a, b and result, each one u64 for scalar kinds (below 40) and two u64 (low, high) for packed
 * kinds. Scalar binary32 values sit in the low 32 bits. For the unary kinds the source is b;
 * for CVTSI2* it is the integer in a. When faulted is 1 the instruction raised #XM (SIGFPE),
 * "MXCSR after" is the value at the fault and the result is not recorded.
 *
 * <p>pcmpstr.bin.gz records: form u8 (0 ESTRI, 1 ESTRM, 2 ISTRI, 3 ISTRM, 4 ESTRI and 5 ESTRM
 * with REX.W), imm8 u8, flags u8 (CF, ZF, SF, OF in bits 0-3), a and b as two u64 each, then
 * for forms 0-1 EAX and EDX as u32, for forms 4-5 RAX and RDX as u64, then ECX as u32 (even
 * forms) or XMM0 as two u64 (odd forms).
 *
 * <p>crc32.bin.gz records: size u8 (0-3 for 8-64 bits), accumulator u32, source u64, result
 * u32.
 */
class SseGoldenTest {
    private static final int MAX_REPORTED = 6;

    private static final String[] KIND_NAMES = {
        "ADDSS", "SUBSS", "MULSS", "DIVSS", "SQRTSS", "MINSS", "MAXSS", "CMPSS", "COMISS",
        "UCOMISS", "CVTSS2SD", "CVTSS2SI", "CVTSS2SI64", "CVTTSS2SI", "CVTTSS2SI64",
        "CVTSI2SS", "CVTSI2SS64", "ROUNDSS", "RCPSS", "RSQRTSS",
        "ADDSD", "SUBSD", "MULSD", "DIVSD", "SQRTSD", "MINSD", "MAXSD", "CMPSD", "COMISD",
        "UCOMISD", "CVTSD2SS", "CVTSD2SI", "CVTSD2SI64", "CVTTSD2SI", "CVTTSD2SI64",
        "CVTSI2SD", "CVTSI2SD64", "ROUNDSD", "?", "?",
        "ADDPS", "MULPS", "DIVPS", "DPPS", "DPPD", "HADDPS", "ADDSUBPS", "SQRTPD", "MULPD",
    };

    private final TreeMap<String, List<String>> failures = new TreeMap<>();
    private final TreeMap<String, Integer> failureCounts = new TreeMap<>();

    @Test
    void floatingPointMatchesHardware() throws IOException {
        ByteBuffer in = load("fp.bin.gz");
        int count = 0;
        while (in.hasRemaining()) {
            checkFloatRecord(in);
            count++;
        }
        report("floating-point", count, 100_000);
    }

    @Test
    void stringComparesMatchHardware() throws IOException {
        ByteBuffer in = load("pcmpstr.bin.gz");
        int count = 0;
        while (in.hasRemaining()) {
            checkStringRecord(in);
            count++;
        }
        report("PCMPxSTRx", count, 30_000);
    }

    @Test
    void crc32MatchesHardware() throws IOException {
        ByteBuffer in = load("crc32.bin.gz");
        int count = 0;
        while (in.hasRemaining()) {
            int size = in.get();
            int crc = in.getInt();
            long src = in.getLong();
            int expected = in.getInt();
            int actual = crc32(size, crc, src);
            if (actual != expected) {
                fail("CRC32/" + (8 << size), String.format("crc=%08x src=%016x want %08x got %08x",
                        crc, src, expected, actual));
            }
            count++;
        }
        report("CRC32", count, 10_000);
    }

    private static int crc32(int size, int crc, long src) {
        switch (size) {
            case 0:
                return Crc32c.crc32u8(crc, (int) src);
            case 1:
                return Crc32c.crc32u16(crc, (int) src);
            case 2:
                return Crc32c.crc32u32(crc, (int) src);
            default:
                return Crc32c.crc32u64(crc, src);
        }
    }

    private void checkStringRecord(ByteBuffer in) {
        int form = in.get();
        int imm = in.get() & 0xFF;
        int flags = in.get();
        long aLo = in.getLong();
        long aHi = in.getLong();
        long bLo = in.getLong();
        long bHi = in.getLong();
        int lenA;
        int lenB;
        String lens = "";
        if (form < 2 || form > 3) {
            long rax = form < 2 ? in.getInt() : in.getLong();
            long rdx = form < 2 ? in.getInt() : in.getLong();
            lenA = PackedCompareString.explicitLength(rax, imm);
            lenB = PackedCompareString.explicitLength(rdx, imm);
            lens = String.format(" rax=%d rdx=%d", rax, rdx);
        } else {
            lenA = PackedCompareString.implicitLength(aLo, aHi, imm);
            lenB = PackedCompareString.implicitLength(bLo, bHi, imm);
        }
        long outcome = PackedCompareString.compare(aLo, aHi, bLo, bHi, lenA, lenB, imm);
        int rf = PackedCompareString.rflags(outcome);
        int gotFlags = (rf & PackedCompareString.CF) | (rf & PackedCompareString.ZF) >> 5
                | (rf & PackedCompareString.SF) >> 5 | (rf & PackedCompareString.OF) >> 8;
        String want;
        String got;
        if ((form & 1) == 0) {
            want = String.format("ecx=%d f=%x", in.getInt(), flags);
            got = String.format("ecx=%d f=%x", PackedCompareString.index(outcome, imm), gotFlags);
        } else {
            long maskLo = in.getLong();
            long maskHi = in.getLong();
            want = String.format("m=%016x%016x f=%x", maskHi, maskLo, flags);
            got = String.format("m=%016x%016x f=%x", PackedCompareString.maskHigh(outcome, imm),
                    PackedCompareString.maskLow(outcome, imm), gotFlags);
        }
        if (!want.equals(got)) {
            String[] names = {"PCMPESTRI", "PCMPESTRM", "PCMPISTRI", "PCMPISTRM",
                "PCMPESTRI/W", "PCMPESTRM/W"};
            fail(names[form], String.format("imm=%02x a=%016x%016x b=%016x%016x%s want %s got %s",
                    imm, aHi, aLo, bHi, bLo, lens, want, got));
        }
    }

    private void checkFloatRecord(ByteBuffer in) {
        int kind = in.get();
        int imm = in.get() & 0xFF;
        int mxIn = in.getShort() & 0xFFFF;
        int mxOut = in.getShort() & 0xFFFF;
        boolean faulted = in.get() != 0;
        boolean wide = kind >= 40;
        long a0 = in.getLong();
        long a1 = wide ? in.getLong() : 0;
        long b0 = in.getLong();
        long b1 = wide ? in.getLong() : 0;
        long r0 = in.getLong();
        long r1 = wide ? in.getLong() : 0;

        Mxcsr m = new Mxcsr();
        m.value = mxIn;
        long[] got = new long[2];
        if (wide) {
            SseLanes.packed(m, kind, imm, a0, a1, b0, b1, got);
        } else {
            got[0] = SseLanes.scalar(m, kind, imm, a0, b0);
        }
        boolean gotFault = m.commit();

        String name = kind < KIND_NAMES.length ? KIND_NAMES[kind] : "kind" + kind;
        boolean resultOk = faulted || resultMatches(kind, r0, r1, got);
        if (gotFault != faulted || m.value != mxOut || !resultOk) {
            fail(name, String.format("imm=%02x mxcsr=%04x a=%016x:%016x b=%016x:%016x "
                    + "want %016x:%016x mx=%04x%s got %016x:%016x mx=%04x%s", imm, mxIn, a1, a0,
                    b1, b0, r1, r0, mxOut, faulted ? " #XM" : "", got[1], got[0], m.value,
                    gotFault ? " #XM" : ""));
        }
    }

    private static boolean resultMatches(int kind, long r0, long r1, long[] got) {
        if (kind == SseLanes.RCPSS || kind == SseLanes.RSQRTSS) {
            return approximates((int) r0, (int) got[0]);
        }
        long mask = SseLanes.resultMask(kind);
        return ((r0 ^ got[0]) & mask) == 0 && r1 == got[1];
    }

    /** RCP/RSQRT: same class and sign, and within the architectural 1.5 * 2^-12. */
    static boolean approximates(int hw, int mine) {
        float h = Float.intBitsToFloat(hw);
        float x = Float.intBitsToFloat(mine);
        if (Float.isNaN(h) || Float.isInfinite(h) || h == 0) {
            return hw == mine;
        }
        double rel = Math.abs(((double) x - h) / h);
        return rel <= 1.5 * Math.scalb(1.0, -12);
    }

    private void fail(String name, String detail) {
        failureCounts.merge(name, 1, Integer::sum);
        List<String> list = failures.computeIfAbsent(name, k -> new ArrayList<>());
        if (list.size() < MAX_REPORTED) {
            list.add(detail);
        }
    }

    private void report(String what, int count, int atLeast) {
        StringBuilder sb = new StringBuilder();
        failures.forEach((name, list) -> {
            sb.append(name).append(": ").append(failureCounts.get(name)).append(" mismatches\n");
            list.forEach(d -> sb.append("  ").append(d).append('\n'));
        });
        System.out.println(what + ": " + count + " vectors replayed");
        assertTrue(count >= atLeast, what + ": only " + count + " vectors");
        assertEquals("", sb.toString(), what + " differs from hardware");
    }

    private static ByteBuffer load(String name) throws IOException {
        try (InputStream raw = SseGoldenTest.class.getResourceAsStream("/sse/" + name)) {
            assertTrue(raw != null, "missing test resource /sse/" + name);
            byte[] bytes = new GZIPInputStream(raw).readAllBytes();
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}

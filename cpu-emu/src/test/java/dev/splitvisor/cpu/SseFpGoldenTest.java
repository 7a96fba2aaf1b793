package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Replays whole SSE floating-point instructions recorded on an AMD Zen 4 (resource
 * ssefp/insn.txt.gz, written by src/test/native/ssefp/gen.c; its header describes the line
 * format): every register and memory form of every instruction SseFpOps implements, with
 * special values, all rounding modes, FTZ/DAZ, unmasked exceptions (#XM with the destination
 * untouched and the flags MXCSR shows at the fault), misaligned operands (#GP) and
 * encodings that do not exist (#UD).
 *
 * <p>RCPPS/RCPSS/RSQRTPS/RSQRTSS are approximations whose exact bits differ between CPUs; their
 * result lanes are checked against the recorded ones within the architectural error bound.
 */
class SseFpGoldenTest {
    private static final long FLAGS = Flags.ARITH;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void everyRecordedCaseMatchesTheHardware() throws IOException {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        try (BufferedReader r = open()) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                cases++;
                String why = replay(line);
                if (why != null) {
                    failures.add(why + "  <- " + line);
                }
            }
        }
        assertTrue(cases > 5000, "golden cases read: " + cases);
        assertEquals(0, failures.size(), failures.size() + " of " + cases + " cases differ:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    private static BufferedReader open() throws IOException {
        InputStream in = SseFpGoldenTest.class.getResourceAsStream("/ssefp/insn.txt.gz");
        if (in == null) {
            throw new IOException("missing test resource ssefp/insn.txt.gz");
        }
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                StandardCharsets.US_ASCII));
    }

    /** Runs one case; returns null when it matches, else what differs. */
    private String replay(String line) {
        String[] parts = line.split("\\|");
        String[] head = parts[0].trim().split(" ");
        long[] in = hexFields(parts[1]);
        long[] out = hexFields(parts[2]);
        String code = head[0];
        long addr = CpuHarness.DATA + Long.parseLong(head[1], 16);

        setUp(in, addr);
        int exit = h.exec(code);

        int vector = (int) out[11];
        if (vector != 0 && (exit != Cpu.EXIT_FAULT || c.faultVector != vector)) {
            return "expected vector " + vector + ", got exit " + exit + " vector "
                    + c.faultVector;
        }
        if (vector == 0 && exit == Cpu.EXIT_FAULT) {
            return "unexpected " + GuestFault.mnemonic(c.faultVector);
        }
        return compare(code, out, addr);
    }

    private void setUp(long[] in, long addr) {
        java.util.Arrays.fill(c.xmm, 0);
        System.arraycopy(in, 0, c.xmm, 0, 6);
        c.mem.write64(addr, in[6]);
        c.mem.write64(addr + 8, in[7]);
        c.gpr[Cpu.RAX] = in[8];
        c.gpr[Cpu.RDI] = addr;
        c.mxcsr.value = (int) in[9];
        c.setRflags(0x8D7 | 0x200);
    }

    private String compare(String code, long[] out, long addr) {
        boolean approximate = isReciprocal(code);
        for (int k = 0; k < 6; k++) {
            boolean same = approximate ? closeEnough(c.xmm[k], out[k]) : c.xmm[k] == out[k];
            if (!same) {
                return String.format("xmm%d.%s = %x, want %x", k / 2, k % 2 == 0 ? "lo" : "hi",
                        c.xmm[k], out[k]);
            }
        }
        if (c.mem.read64(addr) != out[6] || c.mem.read64(addr + 8) != out[7]) {
            return String.format("memory = %x %x", c.mem.read64(addr), c.mem.read64(addr + 8));
        }
        if (c.gpr[Cpu.RAX] != out[8]) {
            return String.format("rax = %x", c.gpr[Cpu.RAX]);
        }
        if (c.mxcsr.value != out[9]) {
            return String.format("mxcsr = %x", c.mxcsr.value);
        }
        if ((c.getRflags() & FLAGS) != out[10]) {
            return String.format("rflags = %x", c.getRflags() & FLAGS);
        }
        return null;
    }

    /** 0F 52 (RSQRT) or 0F 53 (RCP), any prefix. */
    private static boolean isReciprocal(String code) {
        int k = code.indexOf("0f5");
        return k >= 0 && (code.startsWith("0f52", k) || code.startsWith("0f53", k));
    }

    /** Both singles of each half agree, or are within 3 * 2^-12 relative (two approximations). */
    private static boolean closeEnough(long got, long want) {
        return closeEnough((int) got, (int) want) && closeEnough((int) (got >>> 32),
                (int) (want >>> 32));
    }

    private static boolean closeEnough(int got, int want) {
        if (got == want) {
            return true;
        }
        float g = Float.intBitsToFloat(got);
        float w = Float.intBitsToFloat(want);
        if (!Float.isFinite(g) || !Float.isFinite(w) || w == 0) {
            return false;
        }
        return Math.abs(g - w) <= Math.abs(w) * 3 * 0x1p-12f;
    }

    private static long[] hexFields(String s) {
        String[] f = s.trim().split(" ");
        long[] v = new long[f.length];
        for (int k = 0; k < f.length; k++) {
            v[k] = Long.parseUnsignedLong(f[k], 16);
        }
        return v;
    }
}

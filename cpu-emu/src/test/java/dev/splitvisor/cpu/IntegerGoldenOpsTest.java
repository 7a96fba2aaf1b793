package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import dev.splitvisor.mmu.Prot;
import org.junit.jupiter.api.Test;

/**
 * Replays register forms of the shift, multiply/divide, bit, exchange and BMI instructions
 * recorded on real hardware (AMD Zen 4) by {@code src/test/native/integer/gen.c}: every
 * register and every status flag the SDM defines must match, and so must #DE. String
 * instructions (MOVS, CMPS, STOS, LODS, SCAS with REP, REPE, REPNE, DF and 32-bit addressing)
 * are replayed on a buffer at the address the generator used, which must match byte for byte.
 *
 * <p>With {@code -Dinteger.golden.undefined=true} the flags the SDM leaves undefined are
 * compared too, to see where the emulator differs from Zen 4's choices; they are not required.
 */
class IntegerGoldenOpsTest {
    /** State slots of the generator (RAX RCX RDX RBX RSI RDI R8 R9) as register numbers. */
    private static final int[] REGS = {0, 1, 2, 3, 6, 7, 8, 9};
    private static final int MAX_REPORTED = 4;
    /** STRING_BASE and STRING_BYTES of the generator. */
    private static final long STRING_BASE = 0x20000000L;
    private static final int STRING_BYTES = 512;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;
    private final Map<String, Integer> failureCounts = new LinkedHashMap<>();
    private final StringBuilder details = new StringBuilder();

    @Test
    void registerFormsMatchTheHardware() throws IOException {
        boolean undefinedToo = Boolean.getBoolean("integer.golden.undefined");
        h.mem.map(STRING_BASE, STRING_BYTES, Prot.READ | Prot.WRITE);
        int vectors = 0;
        int strings = 0;
        String name = null;
        try (BufferedReader in = open()) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("T ")) {
                    int sp = line.indexOf(' ', 2);
                    byte[] code = CpuHarness.hex(line.substring(2, sp));
                    name = line.substring(sp + 1);
                    h.mem.poke(CpuHarness.CODE, code, 0, code.length);
                } else if (line.startsWith("C ")) {
                    replay(name, line, undefinedToo);
                    vectors++;
                } else if (line.startsWith("S ")) {
                    replayString(name, line);
                    strings++;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        failureCounts.forEach((n, k) -> sb.append(n).append(": ").append(k).append('\n'));
        if (sb.length() > 0) {
            System.out.println(sb + details.toString());
        }
        assertTrue(vectors > 9000, "only " + vectors + " vectors");
        assertTrue(strings >= 800, "only " + strings + " string vectors");
        assertEquals("", sb.toString(), "mismatches with the hardware (see stdout)");
    }

    private static BufferedReader open() throws IOException {
        InputStream raw = IntegerGoldenOpsTest.class.getResourceAsStream("/integer/golden.txt.gz");
        assertTrue(raw != null, "missing test resource /integer/golden.txt.gz");
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                StandardCharsets.US_ASCII));
    }

    private void replay(String name, String line, boolean undefinedToo) {
        String[] f = line.split(" ");
        long mask = undefinedToo ? Flags.ARITH : Long.parseLong(f[1], 16);
        for (int k = 0; k < 8; k++) {
            c.gpr[REGS[k]] = Long.parseUnsignedLong(f[2 + k], 16);
        }
        c.setRflags(Long.parseUnsignedLong(f[10], 16));
        long[] before = c.gpr.clone();
        long flagsBefore = c.getRflags();
        c.rip = CpuHarness.CODE;
        int exit = c.step();
        if (f[12].equals("DE")) {
            boolean ok = exit == Cpu.EXIT_FAULT && c.faultVector == GuestFault.DE
                    && Arrays.equals(before, c.gpr) && c.getRflags() == flagsBefore;
            check(name, ok, line, "expected #DE and no change");
            return;
        }
        if (exit != Cpu.EXIT_BUDGET) {
            check(name, false, line, "exit " + exit + " vector " + c.faultVector);
            return;
        }
        StringBuilder got = new StringBuilder();
        boolean ok = true;
        for (int k = 0; k < 8; k++) {
            long want = Long.parseUnsignedLong(f[12 + k], 16);
            ok &= want == c.gpr[REGS[k]];
            got.append(Long.toHexString(c.gpr[REGS[k]])).append(' ');
        }
        long wantFlags = Long.parseUnsignedLong(f[20], 16);
        ok &= ((wantFlags ^ c.getRflags()) & mask) == 0;
        got.append(Long.toHexString(c.getRflags()));
        check(name, ok, line, "got " + got);
    }

    /** S: registers, flags (DF included) and the buffer before and after. */
    private void replayString(String name, String line) {
        String[] f = line.split(" ");
        for (int k = 0; k < 8; k++) {
            c.gpr[REGS[k]] = Long.parseUnsignedLong(f[1 + k], 16);
        }
        c.setRflags(Long.parseUnsignedLong(f[9], 16));
        byte[] in = CpuHarness.hex(f[10]);
        h.mem.writeBytes(STRING_BASE, in, 0, STRING_BYTES);
        c.rip = CpuHarness.CODE;
        int exit = c.step();
        boolean ok = exit == Cpu.EXIT_BUDGET;
        StringBuilder got = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            ok &= Long.parseUnsignedLong(f[12 + k], 16) == c.gpr[REGS[k]];
            got.append(Long.toHexString(c.gpr[REGS[k]])).append(' ');
        }
        long wantFlags = Long.parseUnsignedLong(f[20], 16);
        ok &= ((wantFlags ^ c.getRflags()) & (Flags.ARITH | Flags.DF)) == 0;
        got.append(Long.toHexString(c.getRflags()));
        byte[] out = new byte[STRING_BYTES];
        h.mem.readBytes(STRING_BASE, out, 0, STRING_BYTES);
        ok &= Arrays.equals(CpuHarness.hex(f[21]), out);
        check(name, ok, line.substring(0, line.indexOf(' ', 150)) + "...", "got " + got);
    }

    private void check(String name, boolean ok, String line, String got) {
        if (ok) {
            return;
        }
        int n = failureCounts.merge(name, 1, Integer::sum);
        if (n <= MAX_REPORTED) {
            details.append(name).append("\n  ").append(line).append("\n  ").append(got)
                    .append('\n');
        }
    }
}

package dev.splitvisor.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Replays every vector recorded on real hardware by testsuite/oracle/harness.c through the
 * emulator and compares the fault, RIP, all general registers, RFLAGS (only the flags the
 * manuals leave undefined for that template are masked), the 1 KiB memory window and, for x87
 * and SSE templates, the FXSAVE image. Any mismatch fails the test.
 *
 * <p>System properties: {@code oracle.dir} replays templates.txt and vectors.bin.gz from that
 * directory instead of the committed ones (check-sample.sh uses it); {@code oracle.filter}
 * replays only templates whose name contains the text; {@code oracle.list=true} prints the
 * pass/fail count of every template; {@code oracle.report=FILE} writes the full mismatch report.
 *
 * <p>Templates marked {@code vendor} (results the manuals leave to the implementation, which
 * the emulator takes from AMD Zen 4) are replayed only when the CPU file beside the data names
 * an AMD CPU; on data recorded elsewhere they are skipped and counted.
 */
class NativeOracleTest {
    private static final int SHOWN_PER_TEMPLATE = 3;
    private static final int SHOWN_TEMPLATES = 40;
    private static final String[] GPR_NAMES = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI",
        "RDI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"};

    /** Per-template outcome. */
    private static final class Result {
        final OracleTemplate template;
        int passed;
        int failed;
        final StringBuilder shown = new StringBuilder();

        Result(OracleTemplate template) {
            this.template = template;
        }
    }

    private final OracleInputs in = new OracleInputs();
    private final OracleMachine m = new OracleMachine();
    private final long[] expGpr = new long[16];
    private final long[] expWin = new long[OracleInputs.WIN_WORDS];
    private final long[] expFx = new long[OracleInputs.FX_WORDS];
    private final byte[] fxIn = new byte[512];

    @Test
    void emulatorMatchesRecordedHardware() throws IOException {
        String dir = System.getProperty("oracle.dir", "");
        String filter = System.getProperty("oracle.filter", "");
        List<OracleTemplate> templates = OracleTemplate.parseAll(
                new String(read(dir, "templates.txt", false), StandardCharsets.UTF_8));
        ByteBuffer data = ByteBuffer.wrap(read(dir, "vectors.bin.gz", true))
                .order(ByteOrder.LITTLE_ENDIAN);
        Map<String, OracleTemplate> byName = new HashMap<>();
        for (OracleTemplate t : templates) {
            byName.put(t.name, t);
        }
        byte[] magic = new byte[8];
        data.get(magic);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("SVORACL1")) {
            fail("vectors.bin.gz is not oracle data (bad magic); regenerate with generate.sh");
        }
        long seed = data.getLong();
        int count = data.getInt();
        boolean amdData = recordedOnAmd(dir);
        Map<String, Result> results = new java.util.LinkedHashMap<>();
        Set<String> problems = new LinkedHashSet<>();
        for (int k = 0; k < count; k++) {
            replayTemplate(data, seed, byName, filter, amdData, results, problems);
        }
        if (filter.isEmpty()) {
            for (OracleTemplate t : templates) {
                if (!results.containsKey(t.name) && (amdData || !t.vendorSpecific)) {
                    problems.add("no recorded vectors for template " + t.name
                            + "; run testsuite/oracle/generate.sh");
                }
            }
        }
        report(results, problems);
    }

    /** Whether the data's CPU file names an AMD CPU (no file: the data is not from AMD). */
    private static boolean recordedOnAmd(String dir) throws IOException {
        String cpu;
        try {
            cpu = new String(read(dir, "CPU", false), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            cpu = "";
        }
        boolean amd = cpu.contains("AuthenticAMD");
        if (!amd) {
            System.out.println("oracle data not recorded on an AMD CPU: templates marked"
                    + " 'vendor' are skipped");
        }
        return amd;
    }

    private void replayTemplate(ByteBuffer data, long seed, Map<String, OracleTemplate> byName,
            String filter, boolean amdData, Map<String, Result> results, Set<String> problems) {
        byte[] nameBytes = new byte[data.getShort() & 0xFFFF];
        data.get(nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        int hash = data.getInt();
        int n = data.getInt();
        OracleTemplate t = byName.get(name);
        if (t == null || t.hash() != hash) {
            problems.add("template " + name + (t == null ? " is not in templates.txt"
                    : " changed since its vectors were recorded")
                    + "; run testsuite/oracle/generate.sh");
            throw new AssertionError(String.join("\n", problems));
        }
        boolean replay = name.contains(filter) && (amdData || !t.vendorSpecific);
        Result r = replay ? new Result(t) : null;
        if (replay) {
            results.put(name, r);
            m.load(t);
        }
        long nameHash = OracleInputs.fnv1a64(name);
        for (int v = 0; v < n; v++) {
            in.derive(t, nameHash, seed, v);
            readExpected(data, t);
            if (replay) {
                m.run(t, in);
                String diff = compare(t);
                countResult(r, v, diff);
            }
        }
    }

    private int expFault;
    private int expRip;
    private long expFlags;

    private void readExpected(ByteBuffer data, OracleTemplate t) {
        expFault = data.get() & 0xFF;
        expRip = expFault == OracleMachine.NO_FAULT ? t.code.length : data.getShort() & 0xFFFF;
        System.arraycopy(in.gpr, 0, expGpr, 0, 16);
        int gmask = data.getShort() & 0xFFFF;
        for (int r = 0; r < 16; r++) {
            if ((gmask & (1 << r)) != 0) {
                expGpr[r] = data.getLong();
            }
        }
        expFlags = data.getInt() & 0xFFFFFFFFL;
        long[] wmask = {data.getLong(), data.getLong()};
        for (int k = 0; k < OracleInputs.WIN_WORDS; k++) {
            boolean changed = ((wmask[k >> 6] >>> (k & 63)) & 1) != 0;
            expWin[k] = changed ? data.getLong() : OracleInputs.getLong(in.win, 8 * k);
        }
        if (t.fpu) {
            in.fxImage(fxIn);
            long fmask = data.getLong();
            for (int k = 0; k < OracleInputs.FX_WORDS; k++) {
                boolean changed = ((fmask >>> k) & 1) != 0;
                expFx[k] = changed ? data.getLong()
                        : OracleInputs.getLong(fxIn, 8 * k) & OracleInputs.fxWordMask(k);
            }
        }
    }

    private static void countResult(Result r, int v, String diff) {
        if (diff == null) {
            r.passed++;
            return;
        }
        r.failed++;
        if (r.failed <= SHOWN_PER_TEMPLATE) {
            r.shown.append("    vector ").append(v).append(": ").append(diff).append('\n');
        }
    }

    /** Null when the emulator's outcome matches, else a readable list of differences. */
    private String compare(OracleTemplate t) {
        if (m.setupError != null) {
            return m.setupError;
        }
        StringBuilder sb = null;
        if (m.fault != expFault || m.ripOffset != expRip) {
            sb = add(sb, "outcome expected " + outcome(expFault, expRip) + " actual "
                    + outcome(m.fault, m.ripOffset));
        }
        for (int r = 0; r < 16; r++) {
            if (m.gpr[r] != expGpr[r]) {
                sb = add(sb, String.format("%s expected 0x%x actual 0x%x", GPR_NAMES[r],
                        expGpr[r], m.gpr[r]));
            }
        }
        if (((m.rflags ^ expFlags) & t.flagMask) != 0) {
            sb = add(sb, String.format("RFLAGS expected 0x%x actual 0x%x (compared 0x%x: %s)",
                    expFlags, m.rflags, t.flagMask,
                    flagNames((m.rflags ^ expFlags) & t.flagMask)));
        }
        for (int k = 0; k < OracleInputs.WIN_WORDS; k++) {
            long actual = OracleInputs.getLong(m.win, 8 * k);
            if (actual != expWin[k]) {
                sb = add(sb, String.format("mem[ptr%+d] expected 0x%x actual 0x%x",
                        8 * k - 0x200, expWin[k], actual));
            }
        }
        if (t.fpu) {
            sb = compareFx(t, sb);
        }
        return sb == null ? null : sb.toString();
    }

    private StringBuilder compareFx(OracleTemplate t, StringBuilder sb) {
        for (int k = 0; k < OracleInputs.FX_WORDS; k++) {
            long mask = OracleInputs.fxWordMask(k);
            if (k == 0) {
                mask &= ~(0xFFFFL << 16) | ((long) t.fswMask << 16);
            }
            long actual = OracleInputs.getLong(m.fxOut, 8 * k) & mask;
            long expected = expFx[k] & mask;
            if (actual == expected) {
                continue;
            }
            if (t.ulp && k >= 4 && k < 20 && withinUlp(k & ~1)) {
                continue;
            }
            if (t.approx && k >= 20 && withinApproximation(expected, actual)) {
                continue;
            }
            sb = add(sb, String.format("%s expected 0x%x actual 0x%x", fxName(k), expected,
                    actual));
        }
        return sb;
    }

    /** Both float32 lanes of an XMM word within 3 x 2^-12 of the hardware's, relatively. */
    private static boolean withinApproximation(long expected, long actual) {
        for (int shift = 0; shift < 64; shift += 32) {
            float e = Float.intBitsToFloat((int) (expected >>> shift));
            float a = Float.intBitsToFloat((int) (actual >>> shift));
            boolean same = Float.floatToRawIntBits(e) == Float.floatToRawIntBits(a);
            boolean close = Float.isFinite(e) && Float.isFinite(a)
                    && Math.signum(e) == Math.signum(a)
                    && Math.abs((double) a - e) <= 3.0 * 0x1p-12 * Math.abs((double) e);
            if (!same && !close) {
                return false;
            }
        }
        return true;
    }

    /** ST register at FXSAVE words k, k+1 within one unit in the last place. */
    private boolean withinUlp(int k) {
        long es = expFx[k];
        long as = OracleInputs.getLong(m.fxOut, 8 * k);
        int ee = (int) (expFx[k + 1] & 0xFFFF);
        int ae = (int) (OracleInputs.getLong(m.fxOut, 8 * k + 8) & 0xFFFF);
        if (ee == ae) {
            long d = es - as;
            return d == 1 || d == -1 || d == 0;
        }
        if ((ee & 0x8000) != (ae & 0x8000) || Math.abs((ee & 0x7FFF) - (ae & 0x7FFF)) != 1) {
            return false;
        }
        long low = (ee & 0x7FFF) < (ae & 0x7FFF) ? es : as;
        long high = (ee & 0x7FFF) < (ae & 0x7FFF) ? as : es;
        return low == -1L && high == 0x8000000000000000L;
    }

    private static String fxName(int k) {
        if (k == 0) {
            return "FCW/FSW/FTW";
        }
        if (k == 3) {
            return "MXCSR";
        }
        if (k < 20) {
            return "ST(" + ((k - 4) / 2) + ((k & 1) == 0 ? ").significand" : ").sign+exponent");
        }
        return "XMM" + ((k - 20) / 2) + ((k & 1) == 0 ? ".low" : ".high");
    }

    private static String outcome(int fault, int rip) {
        String what = fault == OracleMachine.NO_FAULT ? "completion"
                : fault >= OracleMachine.EXIT_BASE ? "exit " + (fault - OracleMachine.EXIT_BASE)
                : dev.splitvisor.cpu.GuestFault.mnemonic(fault);
        return what + " at +" + rip;
    }

    private static String flagNames(long bits) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "TF", "IF", "DF", "OF"};
        for (int b = 0; b < 32; b++) {
            if ((bits >>> b & 1) != 0) {
                sb.append(b < names.length && !names[b].isEmpty() ? names[b] : "bit" + b)
                        .append(' ');
            }
        }
        return sb.toString().trim();
    }

    private static StringBuilder add(StringBuilder sb, String s) {
        StringBuilder out = sb == null ? new StringBuilder() : sb.append("; ");
        return out.append(s);
    }

    // ---------------------------------------------------------------- reporting

    private static void report(Map<String, Result> results, Set<String> problems)
            throws IOException {
        TreeMap<String, int[]> families = new TreeMap<>();
        StringBuilder details = new StringBuilder();
        StringBuilder list = new StringBuilder();
        long vectors = 0;
        int failedTemplates = 0;
        for (Result r : results.values()) {
            int[] f = families.computeIfAbsent(r.template.family, x -> new int[4]);
            vectors += r.passed + r.failed;
            f[r.failed == 0 ? 0 : 1]++;
            f[2] += r.passed;
            f[3] += r.failed;
            list.append(String.format("  %-28s %6d passed %6d failed%n", r.template.name,
                    r.passed, r.failed));
            if (r.failed > 0) {
                failedTemplates++;
                details.append(String.format("%s [%s] (%s): %d of %d vectors differ%n%s",
                        r.template.name, r.template.family, r.template.bytesHex(), r.failed,
                        r.failed + r.passed, r.shown));
            }
        }
        String table = familyTable(families, results.size(), vectors);
        System.out.println(table);
        if (Boolean.getBoolean("oracle.list")) {
            System.out.println("Per template:\n" + list);
        }
        String reportFile = System.getProperty("oracle.report", "");
        if (!reportFile.isEmpty()) {
            Files.writeString(Path.of(reportFile), table + "\n" + details + "\n" + list);
        }
        if (failedTemplates > 0 || !problems.isEmpty()) {
            fail(failedTemplates + " of " + results.size() + " templates differ from the "
                    + "hardware.\n" + String.join("\n", problems) + "\n" + table + "\n"
                    + firstLines(details.toString()));
        }
    }

    private static String familyTable(TreeMap<String, int[]> families, int templates,
            long vectors) {
        StringBuilder sb = new StringBuilder(String.format(
                "Native oracle: %d templates, %d vectors%n  %-12s %9s %9s %10s %10s%n",
                templates, vectors, "family", "tmpl ok", "tmpl bad", "vec ok", "vec bad"));
        for (Map.Entry<String, int[]> e : families.entrySet()) {
            int[] f = e.getValue();
            sb.append(String.format("  %-12s %9d %9d %10d %10d%n", e.getKey(), f[0], f[1], f[2],
                    f[3]));
        }
        return sb.toString();
    }

    /** The first failing templates in detail; the full list goes to oracle.report. */
    private static String firstLines(String details) {
        int shown = 0;
        int at = 0;
        while (shown < SHOWN_TEMPLATES && at < details.length()) {
            int nl = details.indexOf('\n', at);
            at = nl < 0 ? details.length() : nl + 1;
            if (at < details.length() && details.charAt(at) != ' ') {
                shown++;
            }
        }
        return details.substring(0, at)
                + (at < details.length() ? "... (set -Doracle.report=FILE for all)\n" : "");
    }

    private static byte[] read(String dir, String file, boolean gzip) throws IOException {
        InputStream raw = dir.isEmpty()
                ? NativeOracleTest.class.getResourceAsStream("/oracle/" + file)
                : Files.newInputStream(Path.of(dir, file));
        if (raw == null) {
            throw new IOException("missing test resource oracle/" + file
                    + "; run testsuite/oracle/generate.sh");
        }
        try (InputStream s = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.transferTo(out);
            return out.toByteArray();
        }
    }
}

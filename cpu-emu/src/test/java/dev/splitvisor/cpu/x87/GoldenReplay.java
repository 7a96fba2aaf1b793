package dev.splitvisor.cpu.x87;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Replays the vectors recorded on a real x87 by src/test/native/x87/gen.c against {@link F80}
 * and {@link X87Transcendental}, and tallies mismatches per operation.
 *
 * <p>Line format: {@code op fcw in1 in2 out1 out2 fsw}, hex, "-" for unused fields.
 */
final class GoldenReplay {
    /** FSW bits compared for instructions that leave C0, C2 and C3 undefined. */
    private static final int ARITH_MASK = 0x027F;
    /** FSW bits compared for compares, FXAM and FPREM. */
    private static final int ALL_MASK = 0x477F;
    /** FSW bits compared for FSIN/FCOS/FSINCOS/FPTAN (C2 reports an out-of-range operand). */
    private static final int TRIG_MASK = 0x067F;

    /** Per-operation totals. */
    static final class Tally {
        int total;
        int failed;
        final List<String> examples = new ArrayList<>();
    }

    private final F80 f = new F80();
    private final X87Transcendental t = new X87Transcendental(f);
    final Map<String, Tally> tallies = new TreeMap<>();

    static InputStream open() throws IOException {
        InputStream in = GoldenReplay.class.getResourceAsStream("/x87/golden.txt.gz");
        if (in == null) {
            throw new IOException("missing test resource /x87/golden.txt.gz (run gen.sh)");
        }
        return new GZIPInputStream(in);
    }

    /** Replays every line whose operation name is accepted by the filter (null: all). */
    void run(java.util.function.Predicate<String> filter) throws IOException {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(open(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split(" ");
                if (p[0].equals("fxsave64") || p[0].equals("fnsave")) {
                    continue; // save-area images: X87ImageGoldenTest
                }
                if (filter == null || filter.test(p[0])) {
                    replay(p, line);
                }
            }
        }
    }

    int failures() {
        int n = 0;
        for (Tally t : tallies.values()) {
            n += t.failed;
        }
        return n;
    }

    int total() {
        int n = 0;
        for (Tally t : tallies.values()) {
            n += t.total;
        }
        return n;
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            sb.append(String.format("%-9s %6d vectors %5d failed%n", e.getKey(), t.total,
                    t.failed));
            for (String ex : t.examples) {
                sb.append("    ").append(ex).append('\n');
            }
        }
        return sb.toString();
    }

    private static long sigOf(String s) {
        return Long.parseUnsignedLong(s.substring(4), 16);
    }

    private static int seOf(String s) {
        return Integer.parseInt(s.substring(0, 4), 16);
    }

    private void replay(String[] p, String line) {
        // "_u" vectors ran with OE and UE unmasked; the result is the re-biased one.
        String op = p[0].endsWith("_u") ? p[0].substring(0, p[0].length() - 2) : p[0];
        f.setControl(Integer.parseInt(p[1], 16));
        int sw = Integer.parseInt(p[6], 16);
        Check c = new Check(op, line);
        switch (op) {
            case "fadd":
            case "fsub":
            case "fmul":
            case "fdiv":
            case "fscale":
                binary(op, p);
                c.reg(p[4], ARITH_MASK, sw, false);
                break;
            case "fprem":
            case "fprem1":
                f.prem(sigOf(p[2]), seOf(p[2]), sigOf(p[3]), seOf(p[3]), op.equals("fprem1"));
                c.reg(p[4], ALL_MASK, sw, false);
                break;
            case "fcom":
            case "fucom":
                f.compare(sigOf(p[2]), seOf(p[2]), sigOf(p[3]), seOf(p[3]), op.equals("fucom"));
                c.flagsOnly(ALL_MASK, sw);
                break;
            case "ftst":
                f.test(sigOf(p[2]), seOf(p[2]));
                c.flagsOnly(ALL_MASK, sw);
                break;
            case "fxam":
                f.examine(sigOf(p[2]), seOf(p[2]), false);
                c.flagsOnly(ALL_MASK, sw);
                break;
            case "fxtract":
                f.xtract(sigOf(p[2]), seOf(p[2]));
                c.reg2(p[4], p[5], ARITH_MASK, sw, false);
                break;
            default:
                if (!unary(op, p, c, sw) && !memory(op, p, c, sw)) {
                    transcendental(op, p, c, sw);
                }
                break;
        }
        Tally tally = tallies.computeIfAbsent(p[0], k -> new Tally());
        tally.total++;
        if (c.failure != null) {
            tally.failed++;
            if (tally.examples.size() < 6) {
                tally.examples.add(c.failure);
            }
        }
    }

    private void binary(String op, String[] p) {
        long as = sigOf(p[2]);
        int ae = seOf(p[2]);
        long bs = sigOf(p[3]);
        int be = seOf(p[3]);
        switch (op) {
            case "fadd":
                f.add(as, ae, bs, be);
                break;
            case "fsub":
                f.sub(as, ae, bs, be);
                break;
            case "fmul":
                f.mul(as, ae, bs, be);
                break;
            case "fdiv":
                f.div(as, ae, bs, be);
                break;
            default:
                f.scale(as, ae, bs, be);
                break;
        }
    }

    private boolean unary(String op, String[] p, Check c, int sw) {
        if (op.startsWith("fld") && !op.startsWith("fld3") && !op.startsWith("fld6")) {
            f.loadConstant(constantIndex(op));
            c.reg(p[4], ARITH_MASK, sw, false);
            return true;
        }
        boolean f80 = p[2].length() == 20;
        long as = f80 ? sigOf(p[2]) : 0;
        int ae = f80 ? seOf(p[2]) : 0;
        switch (op) {
            case "fsqrt":
                f.sqrt(as, ae);
                break;
            case "frndint":
                f.rndint(as, ae);
                break;
            case "fabs":
                f.abs(as, ae);
                break;
            case "fchs":
                f.chs(as, ae);
                break;
            default:
                return false;
        }
        c.reg(p[4], ARITH_MASK, sw, false);
        return true;
    }

    private static int constantIndex(String op) {
        switch (op) {
            case "fld1":
                return F80.CONST_ONE;
            case "fldl2t":
                return F80.CONST_L2T;
            case "fldl2e":
                return F80.CONST_L2E;
            case "fldpi":
                return F80.CONST_PI;
            case "fldlg2":
                return F80.CONST_LG2;
            case "fldln2":
                return F80.CONST_LN2;
            default:
                return F80.CONST_ZERO;
        }
    }

    private boolean memory(String op, String[] p, Check c, int sw) {
        switch (op) {
            case "fld32":
                f.fromFloat32((int) Long.parseLong(p[2], 16));
                c.reg(p[4], ARITH_MASK, sw, false);
                return true;
            case "fld64":
                f.fromFloat64(Long.parseUnsignedLong(p[2], 16));
                c.reg(p[4], ARITH_MASK, sw, false);
                return true;
            case "fild16":
                f.fromInt((short) Integer.parseInt(p[2], 16));
                c.reg(p[4], ARITH_MASK, sw, false);
                return true;
            case "fild32":
                f.fromInt((int) Long.parseLong(p[2], 16));
                c.reg(p[4], ARITH_MASK, sw, false);
                return true;
            case "fild64":
                f.fromInt(Long.parseUnsignedLong(p[2], 16));
                c.reg(p[4], ARITH_MASK, sw, false);
                return true;
            case "fbld":
                f.fromBcd(sigOf(p[2]), seOf(p[2]));
                c.reg(p[4], ARITH_MASK, sw, false);
                return true;
            default:
                return store(op, p, c, sw);
        }
    }

    private boolean store(String op, String[] p, Check c, int sw) {
        if (p[2].length() != 20) {
            return false;
        }
        long as = sigOf(p[2]);
        int ae = seOf(p[2]);
        switch (op) {
            case "fst32":
                f.toFloat32(as, ae);
                break;
            case "fst64":
                f.toFloat64(as, ae);
                break;
            case "fist16":
            case "fist32":
            case "fist64":
                f.toInt(as, ae, Integer.parseInt(op.substring(4)), false);
                break;
            case "fisttp16":
            case "fisttp32":
            case "fisttp64":
                f.toInt(as, ae, Integer.parseInt(op.substring(6)), true);
                break;
            case "fbstp":
                f.toBcd(as, ae);
                c.bits(p[4], ((long) f.bitsHi << 48) >>> 48, f.bits, ARITH_MASK, sw);
                return true;
            default:
                return false;
        }
        c.bits(p[4], 0, f.bits, ARITH_MASK, sw);
        return true;
    }

    private void transcendental(String op, String[] p, Check c, int sw) {
        long as = sigOf(p[2]);
        int ae = seOf(p[2]);
        switch (op) {
            case "fsin":
                t.sin(as, ae);
                c.reg(p[4], TRIG_MASK, sw, true);
                break;
            case "fcos":
                t.cos(as, ae);
                c.reg(p[4], TRIG_MASK, sw, true);
                break;
            case "fsincos":
            case "fptan":
                if (op.equals("fptan")) {
                    t.ptan(as, ae);
                } else {
                    t.sincos(as, ae);
                }
                if ((sw & F80.C2) != 0) {
                    // Out of range: nothing was pushed, ST0 keeps the operand.
                    c.reg(p[4], TRIG_MASK, sw, true);
                } else {
                    c.reg2(p[4], p[5], TRIG_MASK, sw, true);
                }
                break;
            case "f2xm1":
                t.f2xm1(as, ae);
                c.reg(p[4], ARITH_MASK, sw, true);
                break;
            default:
                binaryTranscendental(op, as, ae, sigOf(p[3]), seOf(p[3]));
                c.reg(p[4], ARITH_MASK, sw, true);
                break;
        }
    }

    private void binaryTranscendental(String op, long as, int ae, long bs, int be) {
        // Recorded with ST0 = in1 and ST1 = in2; the result replaces ST1.
        switch (op) {
            case "fpatan":
                t.patan(bs, be, as, ae);
                break;
            case "fyl2x":
                t.yl2x(bs, be, as, ae);
                break;
            case "fyl2xp1":
                t.yl2xp1(bs, be, as, ae);
                break;
            default:
                throw new IllegalArgumentException("unknown golden operation: " + op);
        }
    }

    /** Comparison of one vector; failure stays null when it matches. */
    private final class Check {
        private final String op;
        private final String line;
        String failure;

        Check(String op, String line) {
            this.op = op;
            this.line = line;
        }

        void reg(String expected, int mask, int sw, boolean ulp) {
            boolean valueOk = same(expected, f.sig, f.se, ulp);
            flagsCheck(mask, sw, valueOk && exact(expected, f.sig, f.se), ulp,
                    fmt(f.sig, f.se));
            if (!valueOk && failure == null) {
                failure = line + "  got " + fmt(f.sig, f.se);
            }
        }

        void reg2(String e0, String e1, int mask, int sw, boolean ulp) {
            // The generator stored ST0 first: the pushed (secondary) result, then ST1.
            boolean ok = same(e0, f.sig2, f.se2, ulp) && same(e1, f.sig, f.se, ulp);
            boolean ex = exact(e0, f.sig2, f.se2) && exact(e1, f.sig, f.se);
            String got = fmt(f.sig2, f.se2) + " " + fmt(f.sig, f.se);
            flagsCheck(mask, sw, ok && ex, ulp, got);
            if (!ok && failure == null) {
                failure = line + "  got " + got;
            }
        }

        void bits(String expected, long hi, long lo, int mask, int sw) {
            String got = expected.length() > 16 ? String.format("%04x%016x", hi, lo)
                    : String.format("%0" + expected.length() + "x", lo);
            boolean ok = expected.equals(got);
            flagsCheck(mask, sw, ok, false, got);
            if (!ok && failure == null) {
                failure = line + "  got " + got;
            }
        }

        void flagsOnly(int mask, int sw) {
            flagsCheck(mask, sw, true, false, "-");
        }

        private void flagsCheck(int mask, int sw, boolean exactResult, boolean ulp, String got) {
            int m = mask;
            if (ulp) {
                // The hardware derives C1 of transcendentals from its own internal
                // approximation, so C1 is not compared; PE only when the results differ.
                m &= exactResult ? ~F80.C1 : ~(F80.PE | F80.C1);
            }
            if ((f.flags & m) != (sw & m) && failure == null) {
                failure = String.format("%s  got %s flags %04x want %04x", line, got,
                        f.flags & m, sw & m);
            }
        }

        private boolean exact(String expected, long sig, int se) {
            return expected.equals(fmt(sig, se));
        }

        private boolean same(String expected, long sig, int se, boolean ulp) {
            if (exact(expected, sig, se)) {
                return true;
            }
            if (!ulp) {
                return false;
            }
            long es = sigOf(expected);
            int ee = seOf(expected);
            return withinOneUlp(es, ee, sig, se);
        }
    }

    /** True when both are finite of the same sign and at most one 64-bit ulp apart. */
    static boolean withinOneUlp(long as, int ae, long bs, int be) {
        if (((ae ^ be) & 0x8000) != 0 || (ae & 0x7FFF) == 0x7FFF || (be & 0x7FFF) == 0x7FFF) {
            return false;
        }
        // Sign-magnitude 80-bit values order like integers of (exponent, significand) with the
        // integer bit dropped for normals, so neighbours differ by one in that integer.
        java.math.BigInteger a = ordinal(as, ae);
        java.math.BigInteger b = ordinal(bs, be);
        return a.subtract(b).abs().compareTo(java.math.BigInteger.ONE) <= 0;
    }

    private static java.math.BigInteger ordinal(long sig, int se) {
        int e = se & 0x7FFF;
        java.math.BigInteger m = new java.math.BigInteger(Long.toUnsignedString(sig & ~F80.MSB));
        java.math.BigInteger base = java.math.BigInteger.valueOf(e == 0 ? 0 : e)
                .shiftLeft(63);
        return base.add(m);
    }

    static String fmt(long sig, int se) {
        return String.format("%04x%016x", se & 0xFFFF, sig);
    }
}

package dev.splitvisor.testsuite.oracle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of templates.txt: an instruction form, the arithmetic flags the manuals define for
 * it, and its options and input constraints. Parsed exactly as harness.c parses it.
 */
final class OracleTemplate {
    static final int L_GPR = 0, L_MEM = 1, L_XMM = 2, L_MXCSR = 3, L_FCW = 4, L_MM = 5;
    static final int OP_SET = 0, OP_COPY = 1, OP_SX = 2, OP_MOD = 3, OP_NZ = 4, OP_LT = 5,
            OP_AND = 6, OP_OR = 7;

    private static final String[] REG64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi",
        "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] REG32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi",
        "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] REG8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};
    private static final String[] OP_SYMBOLS = {"!=", "%", "<", "&", "|", "="};
    private static final int[] OP_CODES = {OP_NZ, OP_MOD, OP_LT, OP_AND, OP_OR, OP_SET};

    /** A place an input constraint reads or writes. */
    static final class Loc {
        int kind;
        int reg;
        int shift;
        int size;
        int off;
    }

    /** One input constraint, applied after the random inputs are drawn. */
    static final class Constraint {
        final Loc dst = new Loc();
        final Loc src = new Loc();
        int op;
        long value;
        long modulus;
        long bias;
    }

    final String line;
    final String name;
    final String family;
    final byte[] code;
    /** RFLAGS bits compared: everything but the arithmetic flags the manuals leave undefined. */
    final long flagMask;
    int count = 160;
    boolean fpu;
    int mxcsrMode;
    boolean fcwRandom;
    int depth = -1;
    boolean dfRandom;
    /** MMX template: MM0-MM7 get random integers. */
    boolean mmx;
    /** Transcendental: ST registers may differ by one unit in the last place. */
    boolean ulp;
    /** XMM float32 lanes may differ within twice the RCP/RSQRT error bound (2 x 1.5 x 2^-12). */
    boolean approx;
    /**
     * The result is implementation-specific (the emulator follows the AMD Zen 4 of the committed
     * data); compared only against data recorded on an AMD CPU.
     */
    boolean vendorSpecific;
    /** FSW bits compared (C0-C3 are undefined after many x87 instructions). */
    int fswMask = 0xFFFF;
    final List<Constraint> constraints = new ArrayList<>();

    private OracleTemplate(String line, String family) {
        this.line = line;
        this.family = family;
        String[] f = line.split("\t", -1);
        if (f.length < 3) {
            throw new IllegalArgumentException("template needs name, bytes and flags: " + line);
        }
        name = f[0];
        code = hex(f[1]);
        flagMask = flagMask(f[2]);
        if (f.length > 3) {
            parseOptions(f[3]);
        }
    }

    /** Parses templates.txt; "# family X" comment lines name the family of what follows. */
    static List<OracleTemplate> parseAll(String text) {
        List<OracleTemplate> out = new ArrayList<>();
        String family = "other";
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith("# family ")) {
                family = line.substring("# family ".length()).trim();
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(new OracleTemplate(line, family));
            }
        }
        return out;
    }

    /** FNV-1a 32 of the line, as recorded beside the template's vectors. */
    int hash() {
        int h = 0x811C9DC5;
        for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h;
    }

    String bytesHex() {
        StringBuilder sb = new StringBuilder();
        for (byte b : code) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString().trim();
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) Integer.parseInt(s.substring(2 * k, 2 * k + 2), 16);
        }
        return b;
    }

    private static long flagMask(String letters) {
        long undefined = 0;
        String all = "OSZAPC";
        long[] bits = {0x800, 0x80, 0x40, 0x10, 0x4, 0x1};
        for (int k = 0; k < all.length(); k++) {
            if (letters.indexOf(all.charAt(k)) < 0) {
                undefined |= bits[k];
            }
        }
        // RF never shows in a PUSHFQ image but is set in a fault's saved RFLAGS.
        return 0xFFFFFFFFL & ~undefined & ~0x10000L;
    }

    private void parseOptions(String opts) {
        for (String tok : opts.split(" ")) {
            if (tok.isEmpty()) {
                continue;
            } else if (tok.startsWith("n=")) {
                count = Integer.parseInt(tok.substring(2));
            } else if (tok.equals("fpu")) {
                fpu = true;
            } else if (tok.equals("mxcsr=rand")) {
                mxcsrMode = 1;
            } else if (tok.equals("mxcsr=unmasked")) {
                mxcsrMode = 2;
            } else if (tok.equals("fcw=rand")) {
                fcwRandom = true;
            } else if (tok.startsWith("st=")) {
                depth = Integer.parseInt(tok.substring(3));
            } else if (tok.equals("df=rand")) {
                dfRandom = true;
            } else if (tok.equals("mmx")) {
                mmx = true;
            } else if (tok.equals("ulp")) {
                ulp = true;
            } else if (tok.equals("approx")) {
                approx = true;
            } else if (tok.equals("vendor")) {
                vendorSpecific = true;
            } else if (tok.startsWith("fsw=")) {
                fswMask = (int) parseNumber(tok.substring(4));
            } else {
                constraints.add(parseConstraint(tok));
            }
        }
    }

    private Constraint parseConstraint(String tok) {
        for (int k = 0; k < OP_SYMBOLS.length; k++) {
            int p = tok.indexOf(OP_SYMBOLS[k]);
            if (p < 0) {
                continue;
            }
            Constraint c = new Constraint();
            String lhs = tok.substring(0, p);
            String rhs = tok.substring(p + OP_SYMBOLS[k].length());
            if (!parseLoc(lhs, c.dst)) {
                throw new IllegalArgumentException("bad location " + lhs + " in " + name);
            }
            c.op = OP_CODES[k];
            parseOperand(c, rhs);
            return c;
        }
        throw new IllegalArgumentException("unknown option " + tok + " in " + name);
    }

    private void parseOperand(Constraint c, String rhs) {
        if (c.op == OP_MOD) {
            int plus = rhs.indexOf('+');
            c.modulus = parseNumber(plus < 0 ? rhs : rhs.substring(0, plus));
            c.bias = plus < 0 ? 0 : parseNumber(rhs.substring(plus + 1));
        } else if (c.op == OP_LT) {
            if (!parseLoc(rhs, c.src)) {
                throw new IllegalArgumentException("bad location " + rhs + " in " + name);
            }
        } else if (c.op == OP_SET && rhs.startsWith("sx:")) {
            c.op = OP_SX;
            if (!parseLoc(rhs.substring(3), c.src)) {
                throw new IllegalArgumentException("bad location " + rhs + " in " + name);
            }
        } else if (c.op == OP_SET && parseLoc(rhs, c.src)) {
            c.op = OP_COPY;
        } else if (rhs.startsWith("ptr")) {
            c.value = OracleInputs.PTR + (rhs.length() > 3 ? parseNumber(rhs.substring(3)) : 0);
        } else if (!rhs.isEmpty()) {
            c.value = parseNumber(rhs);
        }
    }

    static boolean parseLoc(String s, Loc l) {
        for (int r = 0; r < 20; r++) {
            String[] names = {r < 16 ? REG64[r] : "", r < 16 ? REG32[r] : "",
                r < 16 ? REG16[r] : "", REG8[r]};
            for (int k = 0; k < 4; k++) {
                if (s.equals(names[k])) {
                    l.kind = L_GPR;
                    l.size = 8 >> k;
                    l.reg = r < 16 ? r : r - 16;
                    l.shift = r < 16 ? 0 : 8;
                    return true;
                }
            }
        }
        if (s.matches("mm[0-7]")) {
            l.kind = L_MM;
            l.reg = s.charAt(2) - '0';
            l.size = 8;
            return true;
        }
        if (s.startsWith("m") && s.indexOf('@') > 0) {
            l.kind = L_MEM;
            l.size = Integer.parseInt(s.substring(1, s.indexOf('@'))) / 8;
            l.off = (int) parseNumber(s.substring(s.indexOf('@') + 1));
            return true;
        }
        if (s.startsWith("xmm")) {
            l.kind = L_XMM;
            l.reg = Integer.parseInt(s.substring(3));
            l.size = 8;
            return true;
        }
        if (s.equals("mxcsr") || s.equals("fcw")) {
            l.kind = s.equals("mxcsr") ? L_MXCSR : L_FCW;
            l.size = s.equals("mxcsr") ? 4 : 2;
            return true;
        }
        return false;
    }

    /** A number as C's strtoll/strtoull with base 0 reads it (decimal or 0x hex, signed). */
    static long parseNumber(String s) {
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1) : s;
        long v = body.startsWith("0x") || body.startsWith("0X")
                ? Long.parseUnsignedLong(body.substring(2), 16)
                : Long.parseUnsignedLong(body);
        return negative ? -v : v;
    }
}

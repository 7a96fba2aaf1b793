package dev.splitvisor.cpu.x87;

/**
 * The x87 FPU register file of one virtual CPU: eight physical 80-bit registers, TOP, FCW,
 * FSW, the full tag word and the last-instruction pointers (FOP, FIP, FDP and the selectors
 * FCS, FDS), with the stack discipline, fault handling and the FXSAVE/FSAVE/FSTENV images.
 *
 * <p>ST(i) is physical register (TOP + i) mod 8. Tags are kept per physical register in the
 * 2-bit encoding (00 valid, 01 zero, 10 special, 11 empty) and recomputed on every write. The
 * MMX registers MM0-MM7 are the significands of R0-R7 (see {@link #enterMmx}).
 *
 * <p>Hot path: registers live in two primitive arrays; nothing allocates. The register file is
 * exposed as public fields for the interpreter's executors (package dev.splitvisor.cpu); the
 * methods here keep ES/B and the tags in step, and direct writers of {@link #fsw}, {@link #fcw}
 * or the registers must do the same (call {@link #setEmpty} after writing a register).
 */
public final class X87State {
    /** Tag: valid (normal finite). */
    public static final int TAG_VALID = 0;
    /** Tag: zero. */
    public static final int TAG_ZERO = 1;
    /** Tag: special (NaN, infinity, denormal, unsupported). */
    public static final int TAG_SPECIAL = 2;
    /** Tag: empty. */
    public static final int TAG_EMPTY = 3;
    /** FCW after FINIT/FNINIT and reset. */
    public static final int FCW_DEFAULT = 0x037F;

    private static final int EXCEPTIONS = 0x3F;
    /** FSW bits kept in {@link #fsw}; TOP is held apart. */
    private static final int FSW_STORED = 0xC7FF;

    /** Significands of the physical registers R0..R7. */
    public final long[] sig = new long[8];
    /** Sign/exponent fields of the physical registers R0..R7. */
    public final int[] se = new int[8];
    /** TOP: the physical index of ST(0). */
    public int top;
    /** The control word. */
    public int fcw = FCW_DEFAULT;
    /** The status word without TOP (bits 11-13 kept zero; see {@link #statusWord()}). */
    public int fsw;
    private int ftw = 0xFFFF;
    /** The arithmetic unit of this FPU. */
    public final F80 f = new F80();
    /** The transcendental unit of this FPU, delivering through {@link #f}. */
    public final X87Transcendental t = new X87Transcendental(f);

    /** Last non-control instruction opcode (11 bits: low 3 bits of the first byte, ModRM). */
    public int fop;
    /** Last non-control instruction pointer. */
    public long fip;
    /** Last memory operand pointer. */
    public long fdp;
    /** Code selector of the last instruction (legacy FSAVE formats). */
    public int fcs;
    /** Data selector of the last memory operand (legacy FSAVE formats). */
    public int fds;

    /** FNINIT/FINIT: default control word, clear status, all registers empty, pointers 0. */
    public void init() {
        fcw = FCW_DEFAULT;
        fsw = 0;
        top = 0;
        ftw = 0xFFFF;
        fop = 0;
        fip = 0;
        fdp = 0;
        fcs = 0;
        fds = 0;
    }

    // ---------------------------------------------------------------- control and status

    /** The control word (FSTCW/FNSTCW). */
    public int controlWord() {
        return fcw;
    }

    /** FLDCW: loads the control word; ES and B follow the new masks. */
    public void setControlWord(int v) {
        fcw = v & 0x1F7F | 0x0040;
        updateSummary();
    }

    /** The status word with TOP in bits 11-13 (FSTSW/FNSTSW). */
    public int statusWord() {
        return (fsw & FSW_STORED) | (top << 11);
    }

    /** Replaces the status word, TOP included (FLDENV/FRSTOR). */
    public void setStatusWord(int v) {
        fsw = v & FSW_STORED;
        top = (v >>> 11) & 7;
        updateSummary();
    }

    /** FCLEX/FNCLEX: clears the exception flags, SF, ES and B. */
    public void clearExceptions() {
        fsw &= ~(EXCEPTIONS | F80.SF | F80.ES | F80.B);
    }

    /**
     * True when an exception flag is set whose mask bit is clear: the next waiting x87
     * instruction must raise #MF.
     */
    public boolean unmaskedPending() {
        return (fsw & ~fcw & EXCEPTIONS) != 0;
    }

    /** ORs exception flags (bits 0-6 of FSW layout) into FSW and updates ES and B. */
    public void raise(int exceptions) {
        fsw |= exceptions & (EXCEPTIONS | F80.SF);
        updateSummary();
    }

    /** Sets the condition codes selected by mask (C0 C1 C2 C3 in FSW layout) to those in cc. */
    public void setConditionCodes(int cc, int mask) {
        int m = mask & (F80.C0 | F80.C1 | F80.C2 | F80.C3);
        fsw = (fsw & ~m) | (cc & m);
    }

    private void updateSummary() {
        if (unmaskedPending()) {
            fsw |= F80.ES | F80.B;
        } else {
            fsw &= ~(F80.ES | F80.B);
        }
    }

    /** Current FCW.RC rounding control. */
    public int roundingControl() {
        return (fcw >>> 10) & 3;
    }

    /** TOP, the physical index of ST(0). */
    public int top() {
        return top;
    }

    // ---------------------------------------------------------------- tags

    /** The full 16-bit tag word, two bits per physical register. */
    public int tagWord() {
        return ftw;
    }

    /** Loads a full tag word: empty stays empty, the rest are recomputed from the contents. */
    public void setTagWord(int v) {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            int tag = ((v >>> (2 * p)) & 3) == TAG_EMPTY ? TAG_EMPTY : tagOf(sig[p], se[p]);
            t |= tag << (2 * p);
        }
        ftw = t;
    }

    /** The FXSAVE abridged tag byte: bit p set when physical register p is not empty. */
    public int abridgedTag() {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            if (((ftw >>> (2 * p)) & 3) != TAG_EMPTY) {
                t |= 1 << p;
            }
        }
        return t;
    }

    /** The tag a value gets when written to a register. */
    public static int tagOf(long s, int e) {
        int exp = e & 0x7FFF;
        if (exp == 0) {
            return s == 0 ? TAG_ZERO : TAG_SPECIAL;
        }
        return exp == 0x7FFF || s >= 0 ? TAG_SPECIAL : TAG_VALID;
    }

    /** The physical register number of ST(i). */
    public int physical(int i) {
        return (top + i) & 7;
    }

    /** True when physical register p is tagged empty. */
    public boolean isEmpty(int p) {
        return ((ftw >>> (2 * p)) & 3) == TAG_EMPTY;
    }

    /** True when ST(i) is empty. */
    public boolean stEmpty(int i) {
        return isEmpty(physical(i));
    }

    /** Tags physical register p empty, or (empty false) by its current contents. */
    public void setEmpty(int p, boolean empty) {
        int tag = empty ? TAG_EMPTY : tagOf(sig[p], se[p]);
        ftw = (ftw & ~(3 << (2 * p))) | (tag << (2 * p));
    }

    /** FFREE ST(i): tags it empty. */
    public void free(int i) {
        ftw |= TAG_EMPTY << (2 * physical(i));
    }

    // ---------------------------------------------------------------- registers and stack

    /** Significand of ST(i) (no emptiness check; see {@link #stEmpty}). */
    public long sig(int i) {
        return sig[physical(i)];
    }

    /** Sign/exponent of ST(i). */
    public int se(int i) {
        return se[physical(i)];
    }

    /** Writes ST(i) and its tag. */
    public void write(int i, long s, int e) {
        int p = physical(i);
        sig[p] = s;
        se[p] = e & 0xFFFF;
        ftw = (ftw & ~(3 << (2 * p))) | (tagOf(s, e) << (2 * p));
    }

    /** Writes the real indefinite QNaN to ST(i). */
    public void writeIndefinite(int i) {
        write(i, F80.INDEFINITE_SIG, F80.INDEFINITE_SE);
    }

    /**
     * Pushes a value. If ST(7) is occupied this is a stack overflow: IE, SF and C1 are set;
     * when IE is masked TOP still moves and the real indefinite is written instead, otherwise
     * nothing changes. Returns false on overflow.
     */
    public boolean push(long s, int e) {
        int p = (top - 1) & 7;
        if (((ftw >>> (2 * p)) & 3) != TAG_EMPTY) {
            raise(F80.IE | F80.SF);
            fsw |= F80.C1;
            if ((fcw & F80.IE) != 0) {
                top = p;
                writeIndefinite(0);
            }
            return false;
        }
        top = p;
        write(0, s, e);
        return true;
    }

    /** Marks ST(0) empty and increments TOP. */
    public void pop() {
        ftw |= TAG_EMPTY << (2 * top);
        top = (top + 1) & 7;
    }

    /** FINCSTP: increments TOP without changing tags. */
    public void incrementTop() {
        top = (top + 1) & 7;
    }

    /** FDECSTP: decrements TOP without changing tags. */
    public void decrementTop() {
        top = (top - 1) & 7;
    }

    /**
     * Signals a stack underflow (an empty register was read): IE and SF set, C1 cleared.
     * Returns true when IE is masked, in which case the caller stores the indefinite (into
     * the destination register, or the memory indefinite for stores) and goes on.
     */
    public boolean stackUnderflow() {
        fsw &= ~F80.C1;
        raise(F80.IE | F80.SF);
        return (fcw & F80.IE) != 0;
    }

    /**
     * Checks that ST(i) (and ST(j), pass j = i when only one is read) are not empty; on an
     * empty one signals stack underflow and, when masked, writes the indefinite to ST(dst).
     * Returns true when the operands are present.
     */
    public boolean operandsPresent(int i, int j, int dst) {
        if (!stEmpty(i) && !stEmpty(j)) {
            return true;
        }
        if (stackUnderflow()) {
            writeIndefinite(dst);
        }
        return false;
    }

    /**
     * Delivers the result of an {@link F80} operation to ST(dst): raises its exceptions, sets
     * the condition codes in ccMask from it (C1 is cleared when not reported), and writes the
     * value unless an unmasked IE, DE or ZE forbids it. Returns true when the value was written.
     */
    public boolean commit(F80 f, int dst, int ccMask) {
        int flags = f.flags;
        raise(flags);
        setConditionCodes(flags, ccMask);
        if ((flags & ~fcw & (F80.IE | F80.DE | F80.ZE)) != 0) {
            return false;
        }
        write(dst, f.sig, f.se);
        return true;
    }

    // ---------------------------------------------------------------- MMX aliasing

    /**
     * The switch to MMX operation that every MMX instruction makes once it can no longer fault:
     * TOP becomes 0 and no register is empty. The full tags of registers that were empty are
     * worked out from their contents, as FSTENV on the hardware reports them.
     */
    public void enterMmx() {
        top = 0;
        // A pair of tag bits 11 (empty) leaves bit 2p set in ftw & (ftw >>> 1).
        if ((ftw & (ftw >>> 1) & 0x5555) != 0) {
            setTagWord(0);
        }
    }

    /** MMn: the significand of physical register n (n = 0..7, not ST(n)). */
    public long mmx(int n) {
        return sig[n];
    }

    /**
     * Writes MMn: the significand of physical register n gets v and its sign and exponent
     * become all ones, which tags it special. Call {@link #enterMmx} as well.
     */
    public void writeMmx(int n, long v) {
        sig[n] = v;
        se[n] = 0xFFFF;
        ftw = (ftw & ~(3 << (2 * n))) | (TAG_SPECIAL << (2 * n));
    }

    /** EMMS: TOP 0 and every register empty; the registers' contents stay. */
    public void emptyAll() {
        top = 0;
        ftw = 0xFFFF;
    }

    // ---------------------------------------------------------------- FXSAVE / FXRSTOR

    /**
     * Writes the x87 part of an FXSAVE image (bytes 0-23 and 32-159; MXCSR at 24-31 is left to
     * the SSE unit). rexW selects the 64-bit FIP/FDP form (FXSAVE64) over the 32-bit one with
     * FCS/FDS. As on AMD processors, FOP, FIP and FDP are written as zero unless an unmasked
     * exception is pending (ES set); Intel processors always write them.
     */
    public void saveFxsave(byte[] area, int off, boolean rexW) {
        putShort(area, off, fcw);
        putShort(area, off + 2, statusWord());
        area[off + 4] = (byte) abridgedTag();
        area[off + 5] = 0;
        boolean pointers = (fsw & F80.ES) != 0;
        putShort(area, off + 6, pointers ? fop & 0x7FF : 0);
        long ip = pointers ? fip : 0;
        long dp = pointers ? fdp : 0;
        if (rexW) {
            putLong(area, off + 8, ip);
            putLong(area, off + 16, dp);
        } else {
            putInt(area, off + 8, (int) ip);
            putInt(area, off + 12, pointers ? fcs & 0xFFFF : 0);
            putInt(area, off + 16, (int) dp);
            putInt(area, off + 20, pointers ? fds & 0xFFFF : 0);
        }
        for (int i = 0; i < 8; i++) {
            int at = off + 32 + 16 * i;
            putLong(area, at, sig(i));
            putShort(area, at + 8, se(i));
            for (int k = 10; k < 16; k++) {
                area[at + k] = 0;
            }
        }
    }

    /** Loads the x87 part of an FXSAVE image written by {@link #saveFxsave} or the hardware. */
    public void loadFxsave(byte[] area, int off, boolean rexW) {
        fcw = getShort(area, off) & 0x1F7F | 0x0040;
        setStatusWord(getShort(area, off + 2));
        int abridged = area[off + 4] & 0xFF;
        fop = getShort(area, off + 6) & 0x7FF;
        if (rexW) {
            fip = getLong(area, off + 8);
            fdp = getLong(area, off + 16);
        } else {
            fip = getInt(area, off + 8) & 0xFFFF_FFFFL;
            fcs = getShort(area, off + 12);
            fdp = getInt(area, off + 16) & 0xFFFF_FFFFL;
            fds = getShort(area, off + 20);
        }
        for (int i = 0; i < 8; i++) {
            int p = physical(i);
            sig[p] = getLong(area, off + 32 + 16 * i);
            se[p] = getShort(area, off + 40 + 16 * i);
        }
        int full = 0;
        for (int p = 0; p < 8; p++) {
            full |= ((abridged >>> p & 1) == 0 ? 3 : 0) << (2 * p);
        }
        setTagWord(full);
        updateSummary();
    }

    // ---------------------------------------------------------------- FSTENV, FSAVE and back

    /** Size of the 32-bit protected-mode FSTENV/FLDENV image. */
    public static final int ENV_SIZE = 28;
    /** Size of the 32-bit protected-mode FSAVE/FRSTOR image. */
    public static final int SAVE_SIZE = 108;

    /**
     * FNSTENV, 32-bit protected-mode format (also what 64-bit mode uses): FCW, FSW, FTW, FIP,
     * FCS with FOP in bits 16-26, FDP, FDS; each in a 32-bit slot. Afterwards all exceptions
     * are masked, as the instruction specifies.
     */
    public void saveEnv(byte[] area, int off) {
        putInt(area, off, 0xFFFF_0000 | fcw);
        putInt(area, off + 4, 0xFFFF_0000 | statusWord());
        putInt(area, off + 8, 0xFFFF_0000 | ftw);
        putInt(area, off + 12, (int) fip);
        putInt(area, off + 16, (fcs & 0xFFFF) | ((fop & 0x7FF) << 16));
        putInt(area, off + 20, (int) fdp);
        putInt(area, off + 24, 0xFFFF_0000 | (fds & 0xFFFF));
        fcw |= EXCEPTIONS;
        updateSummary();
    }

    /** FLDENV, 32-bit protected-mode format. */
    public void loadEnv(byte[] area, int off) {
        fcw = getShort(area, off) & 0x1F7F | 0x0040;
        setStatusWord(getShort(area, off + 4));
        fip = getInt(area, off + 12) & 0xFFFF_FFFFL;
        int csop = getInt(area, off + 16);
        fcs = csop & 0xFFFF;
        fop = (csop >>> 16) & 0x7FF;
        fdp = getInt(area, off + 20) & 0xFFFF_FFFFL;
        fds = getShort(area, off + 24);
        setTagWord(getShort(area, off + 8));
        updateSummary();
    }

    /** FNSAVE: the environment, then ST(0)..ST(7) (10 bytes each), then FNINIT. */
    public void save(byte[] area, int off) {
        int savedFcw = fcw;
        saveEnv(area, off);
        fcw = savedFcw;
        for (int i = 0; i < 8; i++) {
            int at = off + ENV_SIZE + 10 * i;
            putLong(area, at, sig(i));
            putShort(area, at + 8, se(i));
        }
        init();
    }

    /** FRSTOR: the inverse of {@link #save}. */
    public void restore(byte[] area, int off) {
        int tw = getShort(area, off + 8);
        loadEnv(area, off);
        for (int i = 0; i < 8; i++) {
            int p = physical(i);
            int at = off + ENV_SIZE + 10 * i;
            sig[p] = getLong(area, at);
            se[p] = getShort(area, at + 8);
        }
        setTagWord(tw);
    }

    // ---------------------------------------------------------------- little-endian access

    private static void putShort(byte[] a, int off, int v) {
        a[off] = (byte) v;
        a[off + 1] = (byte) (v >>> 8);
    }

    private static void putInt(byte[] a, int off, int v) {
        putShort(a, off, v);
        putShort(a, off + 2, v >>> 16);
    }

    private static void putLong(byte[] a, int off, long v) {
        putInt(a, off, (int) v);
        putInt(a, off + 4, (int) (v >>> 32));
    }

    private static int getShort(byte[] a, int off) {
        return (a[off] & 0xFF) | (a[off + 1] & 0xFF) << 8;
    }

    private static int getInt(byte[] a, int off) {
        return getShort(a, off) | getShort(a, off + 2) << 16;
    }

    private static long getLong(byte[] a, int off) {
        return (getInt(a, off) & 0xFFFF_FFFFL) | (long) getInt(a, off + 4) << 32;
    }
}

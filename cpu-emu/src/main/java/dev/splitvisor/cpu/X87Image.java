package dev.splitvisor.cpu;

import dev.splitvisor.cpu.x87.X87State;

/**
 * Memory layouts of the x87 state as 64-bit mode writes them: the FSTENV/FLDENV environment
 * (28 bytes, or 14 with a 66 prefix), the FSAVE/FRSTOR register area, and the x87 part of the
 * FXSAVE image (64-bit form with REX.W, else the 32-bit form with FCS and FDS).
 *
 * <p>What an AMD Zen 4 does, measured: the reserved upper halves of the 28-byte environment
 * read as ones; FCS is the code selector of the last instruction (0x33 in Linux user mode), FDS
 * 0; FXSAVE writes FOP, FIP and FDP only while ES is set (zeros otherwise) and FXRSTOR loads
 * them always, sign-extending FIP and FDP from bit 56; every load of a status word recomputes
 * ES and B from the flags and the masks; a control word keeps bits 0-5, 8-12 and reads bit 6
 * as one.
 */
final class X87Image {
    /** Bits of a loaded control word that are kept, and the reserved bit that reads as one. */
    private static final int FCW_WRITABLE = 0x1F3F;
    private static final int FCW_ONES = 0x0040;
    /** Offsets in the FXSAVE image. */
    private static final int FX_FCW = 0, FX_FSW = 2, FX_FTW = 4, FX_FOP = 6, FX_FIP = 8,
            FX_FDP = 16, FX_ST0 = 32;

    private X87Image() {
    }

    /** The control word as FLDCW, FLDENV, FRSTOR and FXRSTOR load it. */
    static int controlWord(int v) {
        return (v & FCW_WRITABLE) | FCW_ONES;
    }

    // ---------------------------------------------------------------- FSTENV, FSAVE

    /** Size of the environment: 14 bytes in the 16-bit layout, else 28. */
    static int envSize(boolean small) {
        return small ? 14 : 28;
    }

    /** Writes the environment at ea (the caller has probed it). */
    static void storeEnvironment(Cpu c, long ea, boolean small) {
        X87State s = c.fpu;
        if (small) {
            c.mem.write16(ea, s.fcw);
            c.mem.write16(ea + 2, s.statusWord());
            c.mem.write16(ea + 4, s.tagWord());
            c.mem.write16(ea + 6, (int) s.fip);
            c.mem.write16(ea + 8, s.fcs);
            c.mem.write16(ea + 10, (int) s.fdp);
            c.mem.write16(ea + 12, s.fds);
            return;
        }
        c.mem.write32(ea, 0xFFFF_0000 | s.fcw);
        c.mem.write32(ea + 4, 0xFFFF_0000 | s.statusWord());
        c.mem.write32(ea + 8, 0xFFFF_0000 | s.tagWord());
        c.mem.write32(ea + 12, (int) s.fip);
        c.mem.write32(ea + 16, (s.fop << 16) | s.fcs);
        c.mem.write32(ea + 20, (int) s.fdp);
        c.mem.write32(ea + 24, 0xFFFF_0000 | s.fds);
    }

    /**
     * Loads the environment from ea (the caller has probed it) and returns its tag word, which
     * FRSTOR applies again once the registers are loaded (tags follow the contents).
     */
    static int loadEnvironment(Cpu c, long ea, boolean small) {
        X87State s = c.fpu;
        int tags;
        s.fcw = controlWord(c.mem.read16(ea));
        if (small) {
            tags = c.mem.read16(ea + 4);
            s.fip = c.mem.read16(ea + 6);
            s.fcs = c.mem.read16(ea + 8);
            s.fdp = c.mem.read16(ea + 10);
            s.fds = c.mem.read16(ea + 12);
            s.fop = 0;
            s.setStatusWord(c.mem.read16(ea + 2));
        } else {
            tags = c.mem.read16(ea + 8);
            s.fip = c.mem.read32(ea + 12) & 0xFFFF_FFFFL;
            int opcs = c.mem.read32(ea + 16);
            s.fcs = opcs & 0xFFFF;
            s.fop = (opcs >>> 16) & 0x7FF;
            s.fdp = c.mem.read32(ea + 20) & 0xFFFF_FFFFL;
            s.fds = c.mem.read16(ea + 24);
            s.setStatusWord(c.mem.read16(ea + 4));
        }
        s.setTagWord(tags);
        return tags;
    }

    /** Writes ST(0)..ST(7), 10 bytes each, at ea (the caller has probed it). */
    static void storeRegisters(Cpu c, long ea) {
        X87State s = c.fpu;
        for (int k = 0; k < 8; k++) {
            c.mem.write64(ea + 10 * k, s.sig(k));
            c.mem.write16(ea + 10 * k + 8, s.se(k));
        }
    }

    /**
     * Loads ST(0)..ST(7) from ea (after the environment, so TOP is the new one); the caller
     * then reloads the tag word.
     */
    static void loadRegisters(Cpu c, long ea) {
        X87State s = c.fpu;
        for (int k = 0; k < 8; k++) {
            int p = s.physical(k);
            s.sig[p] = c.mem.read64(ea + 10 * k);
            s.se[p] = c.mem.read16(ea + 10 * k + 8);
        }
    }

    // ---------------------------------------------------------------- FXSAVE

    /** Fills bytes 0-23 and 32-159 of an FXSAVE image with the x87 state. */
    static void saveFx(X87State s, byte[] image, boolean fx64) {
        s.saveFxsave(image, 0, fx64);
    }

    /**
     * Loads the x87 state from bytes 0-159 of an FXSAVE image. Unlike
     * {@link X87State#loadFxsave} it keeps FIP and FDP as the 57-bit sign-extended values the
     * Zen 4 holds and clears FCS and FDS for the 64-bit form, as measured.
     */
    /** Loads the x87 state from bytes 0-159 of an FXSAVE image. */
    static void restoreFx(X87State s, byte[] image, boolean fx64) {
        s.fcw = controlWord((int) get(image, FX_FCW, 2));
        s.fop = (int) get(image, FX_FOP, 2) & 0x7FF;
        if (fx64) {
            // Linear addresses are kept as 57-bit values, sign-extended (5-level paging width).
            s.fip = (get(image, FX_FIP, 8) << 7) >> 7;
            s.fdp = (get(image, FX_FDP, 8) << 7) >> 7;
            s.fcs = 0;
            s.fds = 0;
        } else {
            s.fip = get(image, FX_FIP, 4);
            s.fcs = (int) get(image, FX_FIP + 4, 2);
            s.fdp = get(image, FX_FDP, 4);
            s.fds = (int) get(image, FX_FDP + 4, 2);
        }
        s.setStatusWord((int) get(image, FX_FSW, 2));
        for (int k = 0; k < 8; k++) {
            int p = s.physical(k);
            s.sig[p] = get(image, FX_ST0 + 16 * k, 8);
            s.se[p] = (int) get(image, FX_ST0 + 16 * k + 8, 2);
        }
        int abridged = image[FX_FTW] & 0xFF;
        int tags = 0;
        for (int p = 0; p < 8; p++) {
            tags |= ((abridged >>> p) & 1) == 0 ? 3 << (2 * p) : 0;
        }
        s.setTagWord(tags);
    }

    private static long get(byte[] b, int off, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xFF);
        }
        return v;
    }
}

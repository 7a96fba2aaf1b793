package dev.splitvisor.cpu.sse;

/**
 * The MXCSR register plus the exception flags gathered while one SSE instruction runs.
 *
 * <p>Lane operations read the control bits from {@link #value} and OR the exceptions they detect
 * into {@link #pending}; they never touch {@code value}. Once every lane of an instruction has
 * been computed, the caller calls {@link #commit()}: if it returns {@code true} an unmasked
 * exception occurred, the caller must raise #XM (or #UD when CR4.OSXMMEXCPT is clear) and write
 * no destination. {@link #discard()} drops the pending flags without touching MXCSR.
 *
 * <p>Which flags land in MXCSR when an instruction faults follows the two-stage rule of the
 * Intel SDM (vol. 1, 11.5.1): the pre-computation exceptions IE, DE and ZE are checked for all
 * lanes first. If any of them is unmasked, only the pre-computation flags of all lanes are
 * recorded and the post-computation exceptions OE, UE and PE are not examined at all.
 * Otherwise the flags of both stages of all lanes are recorded, and the instruction faults if
 * any post-computation exception is unmasked. Checked against an AMD Zen 4 by SseGoldenTest.
 *
 * <p>Hot path: one instance per virtual CPU, reused by every instruction; nothing allocates.
 */
public final class Mxcsr {
    /** Invalid-operation exception flag (bit 0). */
    public static final int IE = 1;
    /** Denormal-operand exception flag (bit 1). */
    public static final int DE = 1 << 1;
    /** Divide-by-zero exception flag (bit 2). */
    public static final int ZE = 1 << 2;
    /** Numeric-overflow exception flag (bit 3). */
    public static final int OE = 1 << 3;
    /** Numeric-underflow exception flag (bit 4). */
    public static final int UE = 1 << 4;
    /** Precision (inexact) exception flag (bit 5). */
    public static final int PE = 1 << 5;
    /** All six exception flags. */
    public static final int FLAGS = 0x3F;
    /** Exceptions detected before the arithmetic: IE, DE, ZE. */
    public static final int PRE_COMPUTATION = IE | DE | ZE;
    /** Denormals-are-zeros control (bit 6): denormal sources read as signed zero. */
    public static final int DAZ = 1 << 6;
    /** Position of the exception mask bits IM..PM (bits 7-12), in flag order. */
    public static final int MASK_SHIFT = 7;
    /** Invalid-operation mask (bit 7). */
    public static final int IM = IE << MASK_SHIFT;
    /** Underflow mask (bit 11). */
    public static final int UM = UE << MASK_SHIFT;
    /** Overflow mask (bit 10). */
    public static final int OM = OE << MASK_SHIFT;
    /** Position of the rounding-control field RC (bits 13-14). */
    public static final int RC_SHIFT = 13;
    /** Flush-to-zero control (bit 15): masked underflows produce signed zero. */
    public static final int FTZ = 1 << 15;
    /** Value after reset and after LDMXCSR of the default: all masked, round to nearest. */
    public static final int RESET = 0x1F80;
    /**
     * Bits that LDMXCSR and FXRSTOR accept, and the MXCSR_MASK that FXSAVE should report;
     * setting any other bit raises #GP(0). This is the Intel value; an AMD Zen 4 also accepts
     * bit 17 (MM, misaligned-access exception mask) and reports 0x2FFFF.
     */
    public static final int WRITABLE = 0xFFFF;

    /** RC value: round to nearest, ties to even. */
    public static final int RC_NEAREST = 0;
    /** RC value: round down, toward negative infinity. */
    public static final int RC_DOWN = 1;
    /** RC value: round up, toward positive infinity. */
    public static final int RC_UP = 2;
    /** RC value: round toward zero (truncate). */
    public static final int RC_ZERO = 3;

    /** The architectural MXCSR contents. */
    public int value = RESET;
    /** Exception flags detected by the current instruction but not yet committed. */
    public int pending;
    /** Flags of the finished stages of a multi-stage instruction (see {@link #endStage()}). */
    private int settled;

    /** Rounding control field of {@link #value}, one of the {@code RC_*} constants. */
    public int roundingControl() {
        return (value >>> RC_SHIFT) & 3;
    }

    /** Flags whose exceptions are unmasked in {@link #value}. */
    public int unmasked() {
        return ~(value >>> MASK_SHIFT) & FLAGS;
    }

    /** Records exception flags detected by a lane operation. */
    public void raise(int flags) {
        pending |= flags;
    }

    /**
     * Ends an instruction: merges the pending flags into MXCSR by the two-stage rule in the
     * class comment and clears them.
     *
     * @return true if an unmasked exception occurred: raise #XM and write no result
     */
    public boolean commit() {
        int p = pending;
        int done = settled;
        int unmasked = unmasked();
        pending = 0;
        settled = 0;
        if ((p & PRE_COMPUTATION & unmasked) != 0) {
            value |= done | (p & PRE_COMPUTATION);
            return true;
        }
        value |= done | p;
        return (p & unmasked) != 0;
    }

    /**
     * Ends one stage of a multi-stage instruction (DPPS and DPPD multiply, then add). If the
     * stage raised an unmasked exception the instruction must stop: this returns true and
     * leaves the flags for {@link #commit()}, which will report #XM. Otherwise the stage's
     * flags are settled: they reach MXCSR even if a later stage faults (hardware behaviour).
     */
    public boolean endStage() {
        if ((pending & unmasked()) != 0) {
            return true;
        }
        settled |= pending;
        pending = 0;
        return false;
    }

    /** Forgets the pending flags, e.g. when a memory operand faults after lanes ran. */
    public void discard() {
        pending = 0;
        settled = 0;
    }
}

package dev.splitvisor.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Stack discipline, fault responses, tags and the save-area layouts of {@link X87State}. */
class X87StateTest {
    private static final long ONE = F80.MSB;
    private static final int ONE_SE = 0x3FFF;

    @Test
    void finitStateMatchesTheManual() {
        X87State s = new X87State();
        s.init();
        assertEquals(0x037F, s.controlWord());
        assertEquals(0, s.statusWord());
        assertEquals(0xFFFF, s.tagWord());
        assertTrue(s.stEmpty(0));
    }

    @Test
    void pushSetsTopTagsAndStackOrder() {
        X87State s = new X87State();
        s.push(ONE, ONE_SE);
        s.push(0, 0);
        assertEquals(6, s.top());
        assertEquals(6 << 11, s.statusWord());
        assertEquals(0, s.sig(0));
        assertEquals(ONE, s.sig(1));
        // physical 7 valid (00), physical 6 zero (01), the rest empty
        assertEquals(0x0FFF | (X87State.TAG_ZERO << 12), s.tagWord());
        s.pop();
        assertEquals(7, s.top());
        assertEquals(ONE, s.sig(0));
    }

    @Test
    void maskedStackOverflowWritesIndefiniteAndSetsC1() {
        X87State s = new X87State();
        for (int i = 0; i < 8; i++) {
            assertTrue(s.push(ONE, ONE_SE));
        }
        assertFalse(s.push(ONE, ONE_SE));
        int sw = s.statusWord();
        assertEquals(F80.IE | F80.SF | F80.C1, sw & (F80.IE | F80.SF | F80.C1));
        assertEquals(F80.INDEFINITE_SIG, s.sig(0));
        assertEquals(F80.INDEFINITE_SE, s.se(0));
        assertFalse(s.unmaskedPending());
        assertEquals(0, sw & F80.ES);
    }

    @Test
    void unmaskedStackOverflowLeavesStackAndRequestsMf() {
        X87State s = new X87State();
        s.setControlWord(0x037E);
        for (int i = 0; i < 8; i++) {
            s.push(ONE, ONE_SE);
        }
        int top = s.top();
        assertFalse(s.push(0, 0));
        assertEquals(top, s.top());
        assertEquals(ONE, s.sig(0));
        assertTrue(s.unmaskedPending());
        assertEquals(F80.ES | F80.B, s.statusWord() & (F80.ES | F80.B));
        s.clearExceptions();
        assertFalse(s.unmaskedPending());
    }

    @Test
    void stackUnderflowClearsC1AndWritesIndefiniteWhenMasked() {
        X87State s = new X87State();
        s.setConditionCodes(F80.C1, F80.C1);
        s.push(ONE, ONE_SE);
        assertFalse(s.operandsPresent(0, 1, 0));
        int sw = s.statusWord();
        assertEquals(F80.IE | F80.SF, sw & (F80.IE | F80.SF | F80.C1));
        assertEquals(F80.INDEFINITE_SIG, s.sig(0));
    }

    @Test
    void commitSkipsWriteOnUnmaskedZeroDivide() {
        X87State s = new X87State();
        s.setControlWord(0x037B);
        s.push(ONE, ONE_SE);
        F80 f = new F80();
        f.setControl(s.controlWord());
        f.div(ONE, ONE_SE, 0, 0);
        assertFalse(s.commit(f, 0, F80.C1));
        assertEquals(ONE, s.sig(0));
        assertTrue(s.unmaskedPending());
    }

    @Test
    void fxsaveRoundTripsAndUsesStackOrder() {
        X87State s = filled();
        byte[] area = new byte[512];
        s.saveFxsave(area, 0, true);
        assertEquals(0, readLong(area, 8), "AMD: no FIP without a pending exception");
        s.setControlWord(0x035F);
        assertTrue(s.unmaskedPending(), "PE flagged and now unmasked");
        s.saveFxsave(area, 0, true);
        assertEquals(0x35F, (area[0] & 0xFF) | (area[1] & 0xFF) << 8);
        assertEquals(0xE0, area[4] & 0xFF, "physical 5, 6, 7 occupied");
        assertEquals(0x5555_5555L, readLong(area, 32) & 0xFFFF_FFFFL, "ST0 first");
        X87State t = new X87State();
        t.loadFxsave(area, 0, true);
        assertEquals(s.statusWord(), t.statusWord());
        assertEquals(s.tagWord(), t.tagWord());
        assertEquals(0x1234_5678_9ABCL, t.fip);
        for (int i = 0; i < 8; i++) {
            assertEquals(s.sig(i), t.sig(i));
            assertEquals(s.se(i), t.se(i));
        }
    }

    @Test
    void fsaveImageRoundTripsAndReinitializes() {
        X87State s = filled();
        int sw = s.statusWord();
        int tw = s.tagWord();
        byte[] area = new byte[X87State.SAVE_SIZE];
        s.save(area, 0);
        assertEquals(0xFFFF, s.tagWord());
        assertEquals(sw, (area[4] & 0xFF) | (area[5] & 0xFF) << 8);
        assertEquals(tw, (area[8] & 0xFF) | (area[9] & 0xFF) << 8);
        assertEquals(0x1D8, ((area[18] & 0xFF) | (area[19] & 0xFF) << 8), "FOP");
        X87State t = new X87State();
        t.restore(area, 0);
        assertEquals(sw, t.statusWord());
        assertEquals(tw, t.tagWord());
        assertEquals(0x5555_5555L, t.sig(0));
        byte[] again = new byte[X87State.SAVE_SIZE];
        t.save(again, 0);
        assertArrayEquals(area, again);
    }

    @Test
    void fstenvMasksExceptionsAfterSaving() {
        X87State s = filled();
        s.setControlWord(0x0360);
        byte[] env = new byte[X87State.ENV_SIZE];
        s.saveEnv(env, 0);
        assertEquals(0x60, env[0] & 0xFF);
        assertEquals(0x37F, s.controlWord());
    }

    private static X87State filled() {
        X87State s = new X87State();
        s.push(ONE, ONE_SE);
        s.push(0, 0x8000);
        s.push(0x5555_5555L, 0x0000);
        s.fop = 0x1D8;
        s.fip = 0x1234_5678_9ABCL;
        s.fdp = 0x4000;
        s.raise(F80.PE);
        return s;
    }

    private static long readLong(byte[] a, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (a[off + i] & 0xFF);
        }
        return v;
    }
}

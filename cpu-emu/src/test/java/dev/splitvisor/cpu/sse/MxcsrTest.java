package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MxcsrTest {
    @Test
    void maskedExceptionsAreStickyAndDoNotFault() {
        Mxcsr m = new Mxcsr();
        m.raise(Mxcsr.PE);
        assertFalse(m.commit());
        m.raise(Mxcsr.DE);
        assertFalse(m.commit());
        assertEquals(Mxcsr.RESET | Mxcsr.PE | Mxcsr.DE, m.value);
        assertEquals(0, m.pending);
    }

    @Test
    void unmaskedPreComputationExceptionHidesPostComputationFlags() {
        Mxcsr m = new Mxcsr();
        m.value = Mxcsr.RESET & ~Mxcsr.IM;
        // One lane is invalid, another inexact: only the first stage reaches MXCSR.
        m.raise(Mxcsr.IE);
        m.raise(Mxcsr.PE | Mxcsr.DE);
        assertTrue(m.commit());
        assertEquals((Mxcsr.RESET & ~Mxcsr.IM) | Mxcsr.IE | Mxcsr.DE, m.value);
    }

    @Test
    void unmaskedPostComputationExceptionRecordsBothStages() {
        Mxcsr m = new Mxcsr();
        m.value = Mxcsr.RESET & ~Mxcsr.OM;
        m.raise(Mxcsr.OE | Mxcsr.DE);
        assertTrue(m.commit());
        assertEquals((Mxcsr.RESET & ~Mxcsr.OM) | Mxcsr.OE | Mxcsr.DE, m.value);
    }

    @Test
    void discardLeavesTheRegisterAlone() {
        Mxcsr m = new Mxcsr();
        m.raise(Mxcsr.ZE);
        m.discard();
        assertFalse(m.commit());
        assertEquals(Mxcsr.RESET, m.value);
    }

    @Test
    void controlFieldsDecode() {
        Mxcsr m = new Mxcsr();
        m.value = Mxcsr.RESET | Mxcsr.RC_UP << Mxcsr.RC_SHIFT;
        assertEquals(Mxcsr.RC_UP, m.roundingControl());
        m.value = Mxcsr.RESET & ~Mxcsr.UM;
        assertEquals(Mxcsr.UE, m.unmasked());
    }
}

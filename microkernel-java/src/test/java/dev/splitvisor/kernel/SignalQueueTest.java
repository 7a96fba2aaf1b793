package dev.splitvisor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Standard signals are pending at most once; real-time signals queue in order. */
class SignalQueueTest {
    private static SigInfo info(int sig, long value) {
        SigInfo i = new SigInfo(sig, SigInfo.SI_QUEUE);
        i.value = value;
        return i;
    }

    @Test
    void aStandardSignalIsPendingOnceWithItsFirstInfo() {
        SignalQueue q = new SignalQueue();
        assertTrue(q.add(info(Signal.SIGUSR1, 1)));
        assertFalse(q.add(info(Signal.SIGUSR1, 2)));
        assertEquals(SignalDelivery.bit(Signal.SIGUSR1), q.bits);
        assertEquals(1, q.take(Signal.SIGUSR1).value);
        assertEquals(0, q.bits);
    }

    @Test
    void realTimeSignalsQueueInOrderAndStayPendingUntilTheLast() {
        SignalQueue q = new SignalQueue();
        int rt = 34;
        for (int v = 0; v < 3; v++) {
            assertTrue(q.add(info(rt, v)));
        }
        assertEquals(0, q.take(rt).value);
        assertEquals(1, q.take(rt).value);
        assertEquals(SignalDelivery.bit(rt), q.bits);
        assertEquals(2, q.take(rt).value);
        assertEquals(0, q.bits);
    }
}

package dev.splitvisor.sysvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** eventfd counters: add on write, take on read, semaphore mode, waiting and poll bits. */
class EventCounterTest {
    private final GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));

    private long add(long h, long v) {
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        return g.call(Opcode.WRITE, (int) h, Grant.ofBuffer(b, 0, 8, false), -1, 0, null);
    }

    private long take(long h) {
        byte[] b = new byte[8];
        long r = g.call(Opcode.READ, (int) h, Grant.ofBuffer(b, 0, 8, true), -1, 0, null);
        return r < 0 ? r : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void readsTakeTheWholeCountAndAnEmptyCounterWaits() {
        long h = g.call(Opcode.EVENTFD, 0, null, 3, 0, null);
        assertEquals(8, add(h, 4));
        assertEquals(7, take(h));
        assertEquals(-Errno.WOULD_BLOCK, take(h));
        assertEquals(-Errno.EINVAL, add(h, -1L));
    }

    @Test
    void semaphoreModeTakesOneAndNonBlockingSaysEagain() {
        long h = g.call(Opcode.EVENTFD, 0, null, 2, 1 | 0x800, null);
        assertEquals(1, take(h));
        assertEquals(1, take(h));
        assertEquals(-Errno.EAGAIN, take(h));
    }
}

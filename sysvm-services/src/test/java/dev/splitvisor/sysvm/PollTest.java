package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** POLL: readiness of files, pipes and unknown handles, never waiting. */
class PollTest {
    private static final short POLLIN = 1, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10,
            POLLNVAL = 0x20;

    private final GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));

    /** Polls {handle, events} pairs; the revents in order, then the result. */
    private short[] poll(int... pairs) {
        int n = pairs.length / 2;
        ByteBuffer b = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            b.putInt(pairs[2 * k]).putShort((short) pairs[2 * k + 1]).putShort((short) -1);
        }
        long r = g.call(Opcode.POLL, 0, Grant.ofBuffer(b.array(), 0, n * 8, true), n, 0, null);
        short[] out = new short[n + 1];
        for (int k = 0; k < n; k++) {
            out[k] = b.getShort(k * 8 + 6);
        }
        out[n] = (short) r;
        return out;
    }

    @Test
    void pipesReportTheirState() {
        int[] p = g.pipe(0);
        short[] r = poll(p[0], POLLIN, p[1], POLLOUT);
        assertEquals(0, r[0], "empty read end");
        assertEquals(POLLOUT, r[1]);
        assertEquals(1, r[2]);
        g.write(p[1], "x");
        assertEquals(POLLIN, poll(p[0], POLLIN)[0]);
        g.close(p[1]);
        assertEquals(POLLIN | POLLHUP, poll(p[0], POLLIN)[0], "data, then hang-up");
        g.read(p[0], 1);
        assertEquals(POLLHUP, poll(p[0], POLLIN)[0]);
        int[] q = g.pipe(0);
        g.close(q[0]);
        assertEquals(POLLOUT | POLLERR, poll(q[1], POLLOUT)[0], "room, but no reader (Linux)");
    }

    @Test
    void filesAreReadyUnknownHandlesInvalidNegativeIgnored() {
        long f = g.open(-1, "/tmp/f", O_CREAT | O_RDWR, 0644);
        short[] r = poll((int) f, POLLIN | POLLOUT, 999, POLLIN, -1, POLLIN);
        assertEquals(POLLIN | POLLOUT, r[0]);
        assertEquals(POLLNVAL, r[1]);
        assertEquals(0, r[2]);
        assertEquals(2, r[3]);
    }

    @Test
    void aShortGrantFaults() {
        byte[] b = new byte[8];
        assertEquals(-14, g.call(Opcode.POLL, 0, Grant.ofBuffer(b, 0, 8, true), 2, 0, null));
    }
}

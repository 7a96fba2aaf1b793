package dev.splitvisor.hypercall.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import org.junit.jupiter.api.Test;

/** The VM side of the rings against a stand-in server: encoding, bounces, slots, detach. */
class RingPortTest {
    private static final EventSource NO_EVENTS = new EventSource() {
        @Override
        public long eventCount() {
            return 0;
        }

        @Override
        public void awaitEvent(long seen, long timeoutNanos) {
        }
    };

    private final RingConfig config = RingConfig.DEFAULT.entries(4).serverThreads(0);
    private final RingPair pair = RingPair.allocate(config);
    private final LoopbackServer server = new LoopbackServer(pair);
    private final RingPort port = new RingPort(pair, server, NO_EVENTS, config);
    private final HypercallRequest r = new HypercallRequest();

    @Test
    void aKernelBufferIsBouncedThroughTheSlotAndCopiedBack() {
        byte[] buf = new byte[100];
        long n = port.call(r.set(Opcode.READ, 3, Grant.ofBuffer(buf, 10, 50, true)).args(7, 0));
        assertEquals(50, n);
        assertEquals(0, buf[9]);
        assertEquals(7, buf[10]);
        assertEquals(56, buf[59]);
        assertEquals(0, buf[60], "nothing past the grant");
        byte[] text = "hello".getBytes();
        assertEquals(5, port.call(r.set(Opcode.WRITE, 3, Grant.ofBuffer(text, 0, 5, false))));
        assertArrayEquals(text, server.written.toByteArray());
    }

    @Test
    void aKernelReadLargerThanASlotGoesInChunks() {
        byte[] buf = new byte[3 * config.slotBytes() + 5];
        long n = port.call(r.set(Opcode.READ, 3, Grant.ofBuffer(buf, 0, buf.length, true))
                .args(0, 0));
        assertEquals(buf.length, n);
        for (int i = 0; i < buf.length; i++) {
            assertEquals((byte) i, buf[i], "byte " + i);
        }
        assertEquals(4, server.log.size(), "one request per slot-sized chunk");
        assertEquals(buf.length, r.grant.length(), "the caller's request is restored");
    }

    @Test
    void aShortChunkEndsTheRead() {
        server.readLimit = 100;
        byte[] buf = new byte[2 * config.slotBytes()];
        assertEquals(100, port.call(r.set(Opcode.READ, 3, Grant.ofBuffer(buf, 0, buf.length,
                true)).args(-1, 0)));
        assertEquals(1, server.log.size());
    }

    @Test
    void aGuestGrantTravelsAsAnAddressInTheLentSpace() {
        AddressSpace space = new AddressSpace();
        space.map(0x40000, 0x2000, Prot.READ | Prot.WRITE);
        long n = port.call(r.set(Opcode.READ, 3, new Grant(space, 0x40ff0, 32, true)).args(1, 0));
        assertEquals(32, n);
        assertEquals(1, space.read8(0x40ff0));
        assertEquals(32, space.read8(0x4100f), "across the page boundary");
        long bad = port.call(r.set(Opcode.READ, 3, new Grant(space, 0x90000, 8, true)));
        assertEquals(-Errno.EFAULT, bad, "unmapped guest memory");
    }

    @Test
    void pathsTravelInTheSlot() {
        assertEquals(8, port.call(r.set(Opcode.STAT, -100, null).path("/tmp/\u00e9t\u00e9")),
                "the server saw the decoded path of 8 characters");
        assertEquals("STAT -100 0 /tmp/\u00e9t\u00e9", server.log.get(0));
        String tooLong = "/" + "a".repeat(RingLayout.PATH_MAX);
        assertEquals(-Errno.ENAMETOOLONG, port.call(r.set(Opcode.STAT, 0, null).path(tooLong)));
    }

    @Test
    void aBatchIsAnnouncedByOneDoorbell() {
        server.serveOnDoorbell = false;
        int[] tickets = new int[4];
        for (int i = 0; i < 4; i++) {
            tickets[i] = port.submit(r.set(Opcode.NOP, 0, null));
            assertTrue(tickets[i] >= 0);
        }
        port.flush();
        assertEquals(1, server.doorbells);
        assertEquals(4, server.serve(), "all four in one pass");
        for (int t : tickets) {
            assertEquals(0, port.complete(t));
        }
    }

    @Test
    void aFullPortAnswersTryCallWithEagain() {
        server.serveOnDoorbell = false;
        int[] tickets = new int[4];
        for (int i = 0; i < 4; i++) {
            tickets[i] = port.submit(r.set(Opcode.NOP, 0, null));
        }
        assertEquals(-Errno.EAGAIN, port.tryCall(r.set(Opcode.NOP, 0, null)));
        server.serve();
        assertEquals(0, port.complete(tickets[0]));
        server.serveOnDoorbell = true;
        assertEquals(0, port.tryCall(r.set(Opcode.NOP, 0, null)), "a slot came back");
    }

    @Test
    void detachCancelsWhatIsQueuedAndRefusesMore() {
        server.serveOnDoorbell = false;
        int t = port.submit(r.set(Opcode.NOP, 0, null));
        port.detach();
        assertEquals(-Errno.ECANCELED, port.complete(t));
        assertTrue(pair.isClosed());
        assertEquals(-Errno.ECANCELED, port.call(r.set(Opcode.NOP, 0, null)));
    }
}

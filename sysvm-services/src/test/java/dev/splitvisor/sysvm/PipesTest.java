package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.Opcode;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pipes: data, end of file, EPIPE, waiting, atomic writes, and the event count. */
class PipesTest {
    private final GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));

    @Test
    void bytesGoThroughInOrder() {
        int[] p = g.pipe(0);
        assertEquals(5, g.write(p[1], "hello"));
        assertEquals(6, g.write(p[1], " pipe"  + "!"));
        assertEquals("hello pi", g.read(p[0], 8));
        assertEquals("pe!", g.read(p[0], 100));
        assertEquals(0010000, mode(g.fstat(p[0])) & 0170000);
        assertEquals(ino(g.fstat(p[0])), ino(g.fstat(p[1])));
        assertEquals(-Errno.ESPIPE, g.seek(p[0], 0, 0));
        assertEquals("errno -" + Errno.ESPIPE, g.read(p[0], 1, 0));
        assertEquals("errno -" + Errno.EBADF, g.read(p[1], 1));
    }

    @Test
    void emptyPipeWaitsWhileWritersLiveAndEndsWhenTheyClose() {
        int[] p = g.pipe(0);
        assertEquals(-Errno.WOULD_BLOCK, g.readResult(p[0], 10));
        g.close(p[1]);
        assertEquals(0, g.readResult(p[0], 10));
    }

    @Test
    void nonBlockingEndsAnswerEagain() {
        int[] p = g.pipe(O_NONBLOCK);
        assertEquals(-Errno.EAGAIN, g.readResult(p[0], 10));
        byte[] big = new byte[Pipe.CAPACITY];
        assertEquals(Pipe.CAPACITY, g.write(p[1], big, -1));
        assertEquals(-Errno.EAGAIN, g.write(p[1], "x"));
    }

    @Test
    void writingWithoutReadersIsEpipe() {
        int[] p = g.pipe(0);
        g.close(p[0]);
        assertEquals(-Errno.EPIPE, g.write(p[1], "x"));
    }

    @Test
    void smallWritesAreAtomicLargeOnesPartial() {
        int[] p = g.pipe(0);
        assertEquals(Pipe.CAPACITY - 100, g.write(p[1], new byte[Pipe.CAPACITY - 100], -1));
        assertEquals(-Errno.WOULD_BLOCK, g.write(p[1], new byte[200], -1),
                "200 bytes do not fit in 100 and must not be split");
        assertEquals(100, g.write(p[1], new byte[5000], -1), "a large write takes what fits");
        assertEquals(-Errno.WOULD_BLOCK, g.write(p[1], new byte[5000], -1));
        assertEquals(4096, g.readResult(p[0], 4096));
        assertEquals(4096, g.write(p[1], new byte[4096], -1));
    }

    @Test
    void stateChangesMoveTheEventCount() {
        HypercallPort port = g.port;
        int[] p = g.pipe(0);
        long e0 = port.eventCount();
        g.write(p[1], "x");
        long e1 = port.eventCount();
        assertNotEquals(e0, e1, "data");
        g.read(p[0], 1);
        long e2 = port.eventCount();
        assertNotEquals(e1, e2, "space");
        g.close(p[1]);
        assertNotEquals(e2, port.eventCount(), "writer gone");
    }

    @Test
    void awaitEventWakesOnAnotherThreadsWrite() throws Exception {
        int[] p = g.pipe(0);
        HypercallPort port = g.port;
        long seen = port.eventCount();
        CountDownLatch woke = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                port.awaitEvent(seen, TimeUnit.SECONDS.toNanos(20));
                woke.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        Thread.sleep(50);
        assertEquals(1, woke.getCount(), "nothing happened yet");
        g.write(p[1], "go");
        assertTrue(woke.await(5, TimeUnit.SECONDS));
        waiter.join();
    }

    @Test
    void awaitEventTimesOut() throws Exception {
        long t0 = System.nanoTime();
        g.port.awaitEvent(g.port.eventCount(), TimeUnit.MILLISECONDS.toNanos(30));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(25));
    }

    @Test
    void detachClosesEveryHandle() {
        GuestCalls other = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        int[] p = other.pipe(0);
        other.port.detach();
        assertEquals(-Errno.ECANCELED, other.close(p[0]), "a detached VM is served no more");
    }

    @Test
    void bytesSurviveWrapAroundAndRingGrowth() {
        int[] p = g.pipe(0);
        byte[] all = new byte[20_000];
        for (int k = 0; k < all.length; k++) {
            all[k] = (byte) (k * 31 + 7);
        }
        int[] writes = {3000, 3000, 5000, 9000};
        int[] reads = {2000, 0, 1000, 17_000};
        int wrote = 0;
        int read = 0;
        byte[] got = new byte[all.length];
        for (int step = 0; step < writes.length; step++) {
            byte[] chunk = Arrays.copyOfRange(all, wrote, wrote + writes[step]);
            assertEquals(writes[step], g.write(p[1], chunk, -1));
            wrote += writes[step];
            if (reads[step] > 0) {
                byte[] b = new byte[reads[step]];
                long n = g.call(Opcode.READ, p[0], Grant.ofBuffer(b, 0, b.length, true), -1, 0,
                        null);
                assertEquals(reads[step], n);
                System.arraycopy(b, 0, got, read, (int) n);
                read += (int) n;
            }
        }
        assertEquals(wrote, read);
        assertArrayEquals(all, got);
    }
}

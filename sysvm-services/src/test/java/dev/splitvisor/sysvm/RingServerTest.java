package dev.splitvisor.sysvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.CompletionRing;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingLayout;
import dev.splitvisor.hypercall.ring.RingPair;
import dev.splitvisor.hypercall.ring.RingPort;
import dev.splitvisor.hypercall.ring.SubmissionRing;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The ring server's policies, with no server thread: the test serves turn by turn, so every
 * order is exact.
 */
class RingServerTest {
    private final HypercallRequest nop = new HypercallRequest().set(Opcode.NOP, 0, null);

    private static SystemVm manual(RingConfig config) {
        return new SystemVm("t", config.serverThreads(0));
    }

    private static int[] submitNops(RingPort port, int n) {
        int[] tickets = new int[n];
        HypercallRequest r = new HypercallRequest();
        for (int i = 0; i < n; i++) {
            tickets[i] = port.submit(r.set(Opcode.NOP, 0, null));
            assertTrue(tickets[i] >= 0, "ticket " + tickets[i]);
        }
        return tickets;
    }

    @Test
    void aBatchIsServedInOneTurn() {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(8).batch(8));
        RingPort port = vm.attachRing(new SessionSpec());
        int[] tickets = submitNops(port, 8);
        port.flush();
        assertTrue(vm.ringServer().serveOneTurn());
        assertFalse(vm.ringServer().serveOneTurn(), "nothing left after one turn");
        assertEquals(1, vm.ringServer().turns());
        for (int t : tickets) {
            assertEquals(0, port.complete(t));
        }
        assertEquals(8, vm.requestsServed());
    }

    @Test
    void aTurnServesAtMostABatch() {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(16).batch(4));
        RingPort port = vm.attachRing(new SessionSpec());
        submitNops(port, 10);
        port.flush();
        int turns = 0;
        while (vm.ringServer().serveOneTurn()) {
            turns++;
        }
        assertEquals(3, turns, "4 + 4 + 2");
        assertEquals(10, vm.requestsServed());
    }

    @Test
    void aFloodingVmDelaysAnotherByOneTurnAtMost() {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(64).batch(4));
        RingPort flood = vm.attachRing(new SessionSpec());
        RingPort quiet = vm.attachRing(new SessionSpec());
        submitNops(flood, 64);
        flood.flush();
        assertTrue(vm.ringServer().serveOneTurn(), "the flood's first turn");
        int ticket = quiet.submit(nop);
        quiet.flush();
        assertTrue(vm.ringServer().serveOneTurn(), "the flood's turn queued before the quiet");
        assertEquals(0, quiet.pair().completions().available());
        assertTrue(vm.ringServer().serveOneTurn());
        assertEquals(1, quiet.pair().completions().available(),
                "served after one turn of the flooding ring, not after its 56 waiting entries");
        assertEquals(0, quiet.complete(ticket));
        assertEquals(9, vm.requestsServed(), "4 + 4 of the flood, then the quiet one");
        assertEquals(1, vm.ringServer().worstWaitTurns());
    }

    @Test
    void aFullCompletionRingPausesTheServerForThatRing() {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(8).completionEntries(2).batch(8));
        RingPort port = vm.attachRing(new SessionSpec());
        int[] tickets = submitNops(port, 8);
        port.flush();
        assertTrue(vm.ringServer().serveOneTurn());
        assertEquals(2, vm.requestsServed(), "only as many as the completion ring holds");
        assertFalse(vm.ringServer().serveOneTurn(), "the ring left the run queue");
        assertEquals(0, port.complete(tickets[0]), "taking completions rings again");
        assertTrue(vm.ringServer().serveOneTurn());
        assertEquals(4, vm.requestsServed());
        for (int i = 1; i < 8; i++) {
            while (vm.ringServer().serveOneTurn()) {
                // drain what the completions taken so far made room for
            }
            assertEquals(0, port.complete(tickets[i]));
        }
        assertEquals(8, vm.requestsServed());
    }

    @Test
    void aFullSubmissionRingMakesTheCallerWait() throws Exception {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(2));
        RingPort port = vm.attachRing(new SessionSpec());
        int[] tickets = submitNops(port, 2);
        assertEquals(-Errno.EAGAIN, port.tryCall(nop));
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                () -> port.call(new HypercallRequest().set(Opcode.NOP, 0, null)));
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "no slot: the caller waits");
        port.flush();
        vm.ringServer().serveOneTurn();
        assertEquals(0, port.complete(tickets[0]));
        assertEquals(0, port.complete(tickets[1]));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waiting.isDone() && System.nanoTime() < deadline) {
            vm.ringServer().serveOneTurn();
            Thread.sleep(1);
        }
        assertEquals(0L, waiting.get(1, TimeUnit.SECONDS));
    }

    @Test
    void detachCancelsQueuedEntriesAndNothingMoreIsServed() {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(8));
        RingPort port = vm.attachRing(new SessionSpec());
        int[] tickets = submitNops(port, 5);
        port.flush();
        port.detach();
        for (int t : tickets) {
            assertEquals(-Errno.ECANCELED, port.complete(t));
        }
        assertEquals(0, vm.requestsServed());
        assertEquals(-Errno.ECANCELED, port.submit(nop));
        while (vm.ringServer().serveOneTurn()) {
            // a stale doorbell only finds a closed ring
        }
        assertEquals(0, vm.requestsServed());
    }

    @Test
    void malformedEntriesCompleteWithAnErrnoAndServiceGoesOn() {
        SystemVm vm = manual(RingConfig.DEFAULT.entries(4));
        RingPort port = vm.attachRing(new SessionSpec());
        RingPair pair = port.pair();
        ByteBuffer region = pair.region();
        SubmissionRing sq = pair.submissions();
        int[][] bad = {
            {RingLayout.SQE_OPCODE, 0x7777, 2}, // unknown opcode
            {RingLayout.SQE_FLAGS, 3, 2}, // flags
            {RingLayout.SQE_GRANT + RingLayout.REF_FLAGS, 0x1 | 0x4, 4}, // header as data
        };
        for (int k = 0; k < bad.length; k++) {
            int at = sq.producerEntry(k);
            for (int i = 0; i < RingLayout.SQE_BYTES; i++) {
                region.put(at + i, (byte) 0);
            }
            region.putLong(at + RingLayout.SQE_USER_DATA, 100 + k);
            if (bad[k][2] == 2) {
                region.putShort(at + bad[k][0], (short) bad[k][1]);
            } else {
                region.putInt(at + bad[k][0], bad[k][1]);
            }
        }
        sq.publish(bad.length);
        port.flush();
        assertTrue(vm.ringServer().serveOneTurn());
        CompletionRing cq = pair.completions();
        assertEquals(3, cq.available());
        long[] expected = {-Errno.ENOSYS, -Errno.EINVAL, -Errno.EFAULT};
        for (int k = 0; k < 3; k++) {
            assertEquals(100 + k, cq.userData(k));
            assertEquals(expected[k], cq.result(k));
        }
        cq.consume(3);
        assertEquals(3, vm.ringServer().malformedEntries());
        assertEquals(0, vm.requestsServed(), "none reached a service");
        int t = port.submit(nop);
        port.flush();
        vm.ringServer().serveOneTurn();
        assertEquals(0, port.complete(t), "the ring still works");
    }

    @Test
    void underAThreadedFloodAQuietCallWaitsAFewTurnsAtMost() throws Exception {
        SystemVm vm = new SystemVm("t", RingConfig.DEFAULT.entries(16).batch(4)
                .serverThreads(1));
        RingPort flood = vm.attachRing(new SessionSpec());
        RingPort quiet = vm.attachRing(new SessionSpec());
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] flooders = new Thread[3];
        for (int i = 0; i < flooders.length; i++) {
            flooders[i] = new Thread(() -> {
                HypercallRequest r = new HypercallRequest();
                while (!stop.get()) {
                    flood.call(r.set(Opcode.NOP, 0, null));
                }
            });
            flooders[i].start();
        }
        try {
            for (int i = 0; i < 300; i++) {
                assertEquals(0, quiet.call(nop));
            }
            // Two rings with work: each waits behind at most one turn of the other.
            long worst = vm.ringServer().worstWaitTurns();
            assertTrue(worst <= 1, "worst wait in turns: " + worst);
            assertTrue(vm.requestsServed() > 300, "the flood was served too");
        } finally {
            stop.set(true);
            for (Thread t : flooders) {
                t.join(10_000);
            }
            vm.close();
        }
    }

    @Test
    void serverThreadsServeWithoutHelp() throws Exception {
        SystemVm vm = new SystemVm("t", RingConfig.DEFAULT.serverThreads(2));
        try {
            RingPort a = vm.attachRing(new SessionSpec());
            RingPort b = vm.attachRing(new SessionSpec());
            for (int i = 0; i < 10_000; i++) {
                assertEquals(0, a.call(nop));
                assertEquals(0, b.call(nop));
            }
            assertEquals(20_000, vm.requestsServed());
        } finally {
            vm.close();
        }
    }

    @Test
    void aVmCallingAgainAndAgainIsServedWithoutTheRunQueue() throws Exception {
        SystemVm vm = new SystemVm("t", RingConfig.DEFAULT.serverThreads(1));
        try {
            RingPort port = vm.attachRing(new SessionSpec());
            for (int i = 0; i < 20_000; i++) {
                assertEquals(0, port.call(nop));
            }
            assertEquals(20_000, vm.requestsServed());
            long kept = vm.ringServer().keptTurns();
            assertTrue(kept > 0, "no turn was kept: the spinner does not watch its last ring");
            assertTrue(kept <= vm.ringServer().turns(), kept + " kept of "
                    + vm.ringServer().turns());
        } finally {
            vm.close();
        }
    }

    @Test
    void manyCallersAtOnceAllComplete() throws Exception {
        manyCallersAtOnce(16, 2_000);
    }

    @Test
    void moreCallersThanRingEntriesAllComplete() throws Exception {
        // More rings with work than a ring has entries, and a spinner keeping one of them: the
        // kept ring must go back to the queue whenever others wait, and nobody may hang.
        manyCallersAtOnce(40, 500);
    }

    private void manyCallersAtOnce(int vms, int calls) throws Exception {
        // More callers than cores: many give up spinning and park, and rely on the completion
        // signal; none may be left waiting.
        SystemVm vm = new SystemVm("t", RingConfig.DEFAULT.serverThreads(2));
        try {
            CompletableFuture<?>[] done = new CompletableFuture<?>[vms];
            for (int i = 0; i < vms; i++) {
                RingPort port = vm.attachRing(new SessionSpec());
                done[i] = CompletableFuture.runAsync(() -> {
                    HypercallRequest r = new HypercallRequest();
                    for (int k = 0; k < calls; k++) {
                        assertEquals(0, port.call(r.set(Opcode.NOP, 0, null)));
                    }
                }, runnable -> new Thread(runnable).start());
            }
            CompletableFuture.allOf(done).get(60, TimeUnit.SECONDS);
            assertEquals((long) vms * calls, vm.requestsServed());
        } finally {
            vm.close();
        }
    }
}

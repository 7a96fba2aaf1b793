package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.ring.CompletionRing;
import dev.splitvisor.hypercall.ring.Doorbell;
import dev.splitvisor.hypercall.ring.EventSource;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingPair;
import dev.splitvisor.hypercall.ring.RingPort;
import dev.splitvisor.hypercall.ring.SubmissionDecoder;
import dev.splitvisor.hypercall.ring.SubmissionRing;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the rings of all of one system VM's user VMs with a small fixed set of host threads.
 *
 * <p>Fairness: a doorbell puts its ring at the back of one FIFO run queue, unless it is queued
 * or being served already. A thread takes the ring at the front, serves at most
 * {@link RingConfig#batch()} entries of it (a turn), posts their completions at once, and puts
 * the ring back at the back if it still has work. So a request waits behind at most one turn of
 * each other ring with work, however hard those VMs flood theirs, and one ring is never served
 * by two threads at once (its session serves one request at a time anyway).
 *
 * <p>Back-pressure: a turn serves no more entries than the completion ring has room for; a ring
 * whose completion ring is full leaves the run queue until its VM takes completions (and rings
 * again). Cancellation: {@link Doorbell#close()} marks the region closed, completes what is
 * queued with ECANCELED, releases the session's handles; later doorbells only cancel.
 *
 * <p>Idle threads: at most one spins (yielding) for {@link RingConfig#spinNanos()} looking for
 * work, the others park; a doorbell unparks a parked thread only when none spins, and a thread
 * that takes a ring while others wait in the queue wakes one more. So on a small host the idle
 * threads do not steal the cores of the VMs they serve.
 */
public final class RingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("hypercall");

    private final SystemVm vm;
    private final RingConfig config;
    private final ConcurrentLinkedQueue<ServedRing> runQueue = new ConcurrentLinkedQueue<>();
    /** Makes joining the queue and leaving it atomic with reading the turn count. */
    private final Object queueLock = new Object();
    private final ConcurrentLinkedQueue<Thread> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger spinners = new AtomicInteger();
    private final AtomicLong turns = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong worstWait = new AtomicLong();
    /** Rings attached and not yet closed, so that stopping the server can cancel them. */
    private final Set<ServedRing> attached = ConcurrentHashMap.newKeySet();
    private final Thread[] threads;
    private final Worker manual = new Worker();
    private volatile boolean stopped;

    RingServer(SystemVm vm, RingConfig config) {
        this.vm = vm;
        this.config = config;
        this.threads = new Thread[config.serverThreads()];
        for (int i = 0; i < threads.length; i++) {
            Worker w = new Worker();
            threads[i] = new Thread(w::run, "sysvm-ring-" + vm.tenant() + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** The sizes and policies this server was built with. */
    public RingConfig config() {
        return config;
    }

    /** Turns served so far (one turn: up to a batch of one ring's entries). */
    public long turns() {
        return turns.get();
    }

    /**
     * The most turns any ring has waited in the run queue, from its doorbell (or the end of
     * its previous turn) to its next turn: the fairness bound, at most the number of other
     * rings with work.
     */
    public long worstWaitTurns() {
        return worstWait.get();
    }

    /** Entries that completed with an errno because they were malformed. */
    public long malformedEntries() {
        return malformed.get();
    }

    /** Gives {@code session} a region and returns the VM-side port over it. */
    RingPort attach(Session session) {
        RingPair pair = RingPair.allocate(config);
        ServedRing ring = new ServedRing(session, pair);
        attached.add(ring);
        EventSource events = new EventSource() {
            @Override
            public long eventCount() {
                return vm.events.count();
            }

            @Override
            public void awaitEvent(long seen, long timeoutNanos) throws InterruptedException {
                vm.events.await(seen, timeoutNanos);
            }
        };
        return new RingPort(pair, ring, events, config);
    }

    /**
     * Serves one turn on the calling thread, for a server built with no threads (tests that
     * need an exact order). Returns false when no ring had work.
     */
    public boolean serveOneTurn() {
        synchronized (manual) {
            ServedRing r = take();
            if (r == null) {
                return false;
            }
            manual.turn(r);
            manual.dropSpin();
            return true;
        }
    }

    /**
     * Stops the threads. Rings still attached are closed as by their VM's detach: what they
     * have queued and submit later completes with ECANCELED, so their VMs end instead of
     * waiting forever for a server that is gone.
     */
    @Override
    public void close() {
        stopped = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ServedRing r : attached) {
            r.close();
        }
    }

    private void enqueue(ServedRing r) {
        synchronized (queueLock) {
            r.queuedAtTurn = turns.get();
            runQueue.offer(r);
        }
    }

    /** The ring at the front of the run queue, its turn counted, or null. */
    private ServedRing take() {
        if (runQueue.isEmpty()) {
            return null;
        }
        synchronized (queueLock) {
            ServedRing r = runQueue.poll();
            if (r != null) {
                long waited = turns.getAndIncrement() - r.queuedAtTurn;
                worstWait.accumulateAndGet(waited, Math::max);
            }
            return r;
        }
    }

    private void wakeOne() {
        if (spinners.get() > 0 || idleCount.get() == 0) {
            return;
        }
        Thread t = idle.poll();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** One serving thread's state: its decoder and the request it decodes into. */
    private final class Worker {
        private final SubmissionDecoder decoder = new SubmissionDecoder();
        private final HypercallRequest request = new HypercallRequest();
        private boolean spinning;

        void run() {
            while (!stopped) {
                ServedRing r = take();
                if (r == null) {
                    idleWait();
                    continue;
                }
                dropSpin();
                if (!runQueue.isEmpty()) {
                    wakeOne();
                }
                turn(r);
            }
            dropSpin();
        }

        /**
         * Takes the spinner's role if free. Called also just before a turn posts completions:
         * the VM answers them with its next doorbell at once, and a doorbell that finds a
         * spinner wakes nobody, which spares it an unpark system call.
         */
        void claimSpin() {
            if (!spinning && spinners.get() == 0 && spinners.compareAndSet(0, 1)) {
                spinning = true;
            }
        }

        void dropSpin() {
            if (spinning) {
                spinning = false;
                spinners.decrementAndGet();
            }
        }

        void turn(ServedRing r) {
            if (r.serve(this)) {
                enqueue(r);
                return;
            }
            r.scheduled.set(false);
            // A doorbell that came after serve() looked saw "scheduled" and did nothing; the
            // fence orders our clear before our look at the tail, the VM's CAS after its tail.
            VarHandle.fullFence();
            if (r.hasWork() && r.scheduled.compareAndSet(false, true)) {
                enqueue(r);
            }
        }

        private void idleWait() {
            claimSpin();
            if (spinning) {
                if (spin()) {
                    return; // keeps the role until it takes a ring
                }
                dropSpin();
            }
            Thread me = Thread.currentThread();
            idle.offer(me);
            idleCount.incrementAndGet();
            if (runQueue.isEmpty() && !stopped) {
                LockSupport.parkNanos(10_000_000);
            }
            idleCount.decrementAndGet();
            idle.remove(me);
        }

        /** Spins for work; true when some came (or the server stops). */
        private boolean spin() {
            long spinUntil = System.nanoTime() + config.spinNanos();
            while (System.nanoTime() < spinUntil) {
                if (!runQueue.isEmpty() || stopped) {
                    return true;
                }
                // Yields rather than pauses, so that on a small or busy host the spinner
                // hands its core to the VM thread whose doorbell it waits for.
                Thread.yield();
            }
            return false;
        }

        long serveEntry(ServedRing r, int at) {
            long result = decoder.decode(r.pair, at, request);
            if (result < 0) {
                malformed.incrementAndGet();
                LOG.debug("malformed hypercall entry from tenant {}: errno {}", vm.tenant(),
                        -result);
                return result;
            }
            return r.session.call(request);
        }
    }

    /** One attached VM's region, as the server sees it; also that VM's doorbell. */
    private final class ServedRing implements Doorbell {
        final Session session;
        final RingPair pair;
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** The turn count when the ring last joined the run queue; guarded by queueLock. */
        long queuedAtTurn;
        private boolean released;

        ServedRing(Session session, RingPair pair) {
            this.session = session;
            this.pair = pair;
        }

        @Override
        public void ring() {
            if (stopped) {
                synchronized (this) {
                    cancelQueued(); // no thread is left to serve it
                }
                return;
            }
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                enqueue(this);
                wakeOne();
            }
        }

        @Override
        public void close() {
            pair.markClosed();
            attached.remove(this);
            synchronized (this) {
                cancelQueued();
                if (!released) {
                    released = true;
                    session.detach();
                }
            }
        }

        boolean hasWork() {
            return pair.submissions().available() > 0 && pair.completions().free() > 0;
        }

        /** Serves up to a batch; true when the ring has more work it can take now. */
        synchronized boolean serve(Worker w) {
            if (pair.isClosed()) {
                cancelQueued();
                return false;
            }
            SubmissionRing sq = pair.submissions();
            CompletionRing cq = pair.completions();
            int n = Math.min(config.batch(), Math.min(sq.available(), cq.free()));
            for (int k = 0; k < n; k++) {
                int at = sq.consumerEntry(k);
                cq.put(k, SubmissionDecoder.userData(pair, at), w.serveEntry(this, at));
            }
            w.claimSpin();
            post(n);
            return hasWork();
        }

        private void cancelQueued() {
            SubmissionRing sq = pair.submissions();
            CompletionRing cq = pair.completions();
            int n = Math.min(sq.available(), cq.free());
            for (int k = 0; k < n; k++) {
                cq.put(k, SubmissionDecoder.userData(pair, sq.consumerEntry(k)),
                        -Errno.ECANCELED);
            }
            post(n);
        }

        private void post(int n) {
            if (n == 0) {
                return;
            }
            pair.submissions().consume(n);
            pair.completions().publish(n);
            // The VM counts itself parked, then looks at the tail; we publish, then look at
            // its count. The fence keeps one of the two from missing the other.
            VarHandle.fullFence();
            pair.signalCompletions();
        }
    }
}

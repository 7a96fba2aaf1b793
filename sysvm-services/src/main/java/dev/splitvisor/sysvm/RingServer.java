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
 * <p>Idle threads: at most one spins for {@link RingConfig#spinNanos()} looking for work
 * (pausing between looks for {@link RingConfig#busySpinNanos()}, then yielding), the others
 * park; a doorbell unparks a parked thread only when none spins, and a thread that takes a
 * ring while others wait in the queue wakes one more. So on a small host the idle threads do
 * not steal the cores of the VMs they serve.
 *
 * <p>The spinner keeps the turn of the ring it served last and watches that ring's tail
 * itself, as long as the run queue is empty: a VM that calls again at once (the common case of
 * one busy VM) finds its ring still scheduled, so its doorbell does nothing, and is served
 * without the run queue's hand-offs between cores. Work in the run queue ends the keeping: the
 * kept ring then joins the back of the queue if it has work, as after any turn.
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
    private final AtomicLong keptTurns = new AtomicLong();
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

    /** Of those, the turns a spinning thread took of the ring it kept, without the run queue. */
    public long keptTurns() {
        return keptTurns.get();
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

        /**
         * The ring this thread keeps while it spins, or null: its last served ring, whose turn
         * it has not given back (the ring stays scheduled, so its VM's doorbells do nothing),
         * and whose tail it watches itself.
         */
        private ServedRing kept;
        /** Whether the kept ring's VM last came back within the busy-spin time. */
        private boolean quickReturns;

        void run() {
            while (!stopped) {
                ServedRing r = take();
                if (r == null) {
                    r = idleWait();
                    if (r == null) {
                        continue;
                    }
                } else {
                    giveBack(); // another ring's turn first; the kept one queues if it has work
                }
                dropSpin();
                if (!runQueue.isEmpty()) {
                    wakeOne();
                }
                if (r.serve(this)) {
                    kept = null;
                    enqueue(r);
                } else if (spinning) {
                    kept = r;
                } else {
                    kept = null;
                    release(r);
                }
            }
            giveBack();
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

        /** Serves one turn of {@code r} and gives the turn back or queues it for more. */
        void turn(ServedRing r) {
            if (r.serve(this)) {
                enqueue(r);
            } else {
                release(r);
            }
        }

        /** Gives back the turn of the kept ring, if any. */
        private void giveBack() {
            ServedRing r = kept;
            if (r != null) {
                kept = null;
                release(r);
            }
        }

        /**
         * Ends {@code r}'s turn: a doorbell rung since the ring was taken saw it scheduled and
         * did nothing, so what its ring holds now is queued here. The fence orders our clear
         * before our look at the tail, as the doorbell's fence orders the VM's tail before its
         * look at the flag.
         */
        private void release(ServedRing r) {
            r.scheduled.set(false);
            VarHandle.fullFence();
            if (r.hasWork() && r.scheduled.compareAndSet(false, true)) {
                enqueue(r);
            }
        }

        /**
         * Waits for work: spins if no other thread does, else parks. Returns the kept ring when
         * it has work, or null to look at the run queue again.
         */
        private ServedRing idleWait() {
            claimSpin();
            if (spinning) {
                ServedRing r = spin();
                if (r != null || !runQueue.isEmpty() || stopped) {
                    return r; // keeps the role until it takes a ring
                }
                giveBack();
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
            return null;
        }

        /**
         * Spins until the run queue has work or the server stops (null), until the kept ring
         * has work (that ring: a VM calling again and again is served without the run queue's
         * hand-offs), or until the spin time ends (null).
         *
         * <p>It spins busily only while the kept ring's VM came back within the busy-spin time
         * after its previous turn: a VM that calls again at once has a core of its own. When
         * many VMs share few cores, the VM comes back late, and a busy spin would hold a core
         * that the VMs need.
         */
        private ServedRing spin() {
            long start = System.nanoTime();
            long busyUntil = quickReturns && kept != null ? start + config.busySpinNanos() : start;
            long spinUntil = start + config.spinNanos();
            for (long now = start; now < spinUntil; now = System.nanoTime()) {
                if (!runQueue.isEmpty() || stopped) {
                    quickReturns = false;
                    return null;
                }
                ServedRing r = kept;
                if (r != null && r.hasWork() && takeKept()) {
                    quickReturns = now - start < config.busySpinNanos();
                    return r;
                }
                if (now < busyUntil) {
                    Thread.onSpinWait();
                } else {
                    // Yields, so that on a small or busy host the spinner hands its core to
                    // the VM thread whose doorbell it waits for.
                    Thread.yield();
                }
            }
            quickReturns = false;
            return null;
        }

        /**
         * Counts a turn of the kept ring, unless a ring joined the run queue meanwhile: under
         * the queue's lock, so that a ring that joins counts this turn among those it waits
         * behind only if it joined before it.
         */
        private boolean takeKept() {
            synchronized (queueLock) {
                if (!runQueue.isEmpty()) {
                    return false;
                }
                turns.incrementAndGet();
                keptTurns.incrementAndGet();
                return true;
            }
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
            // Our VM published its tail before this; the fence orders that before the look at
            // the flag, as a thread ending the turn orders its clear before its look at the tail.
            VarHandle.fullFence();
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
            return pair.submissions().available() > 0 && pair.completions().free(1) > 0;
        }

        /** Serves up to a batch; true when the ring has more work it can take now. */
        synchronized boolean serve(Worker w) {
            if (pair.isClosed()) {
                cancelQueued();
                return false;
            }
            SubmissionRing sq = pair.submissions();
            CompletionRing cq = pair.completions();
            int wanted = Math.min(config.batch(), sq.available());
            int n = Math.min(wanted, cq.free(wanted));
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

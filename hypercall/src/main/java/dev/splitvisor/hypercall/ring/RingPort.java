package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.RingLayout.*;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The VM side of a {@link RingPair}: a {@link HypercallPort} whose calls travel as submission
 * entries and come back as completions.
 *
 * <p>Each request in flight owns one slot: its user_data is the slot number and its paths and
 * kernel-buffer bounces live in that slot's part of the data area. Guest grants travel as
 * (address-space id, address, length): the port lends the grant's address space under an id
 * of the slot, and the system VM copies straight to and from guest memory. A kernel buffer
 * ({@link Grant#ofBuffer}) is copied into the slot before submission and, when writable, back
 * after completion; a READ or WRITE of a kernel buffer larger than a slot goes as several
 * requests, which only ever shortens the count, as Linux may.
 *
 * <p>Waiting: a caller spins for {@link RingConfig#spinNanos()} taking completions itself
 * (pausing between looks for {@link RingConfig#busySpinNanos()} when the last wait was that
 * short, else yielding), then parks; the system VM's completion signal unparks parked callers.
 * Several threads may call at once: submission is serialized on the port, and whichever
 * waiting thread holds the reap lock hands completions to their slots.
 *
 * <p>Back-pressure: when every slot is in flight, {@link #call} waits for one and
 * {@link #tryCall} answers EAGAIN.
 */
public final class RingPort implements HypercallPort {
    private static final int NO_SLOT = Integer.MIN_VALUE;

    private final RingPair pair;
    private final Doorbell doorbell;
    private final EventSource events;
    private final long spinNanos;
    private final long busySpinNanos;
    /**
     * Whether the last wait ended within the busy-spin time: only then does the next one spin
     * busily. When many VMs share few cores, waits are long, and callers that spun busily
     * would hold the cores that the serving thread and the other callers need. Only a hint:
     * threads that wait at once may overwrite each other's answer.
     */
    private boolean quickCompletions = true;
    private final ByteBuffer region;
    private final SubmissionRing sq;
    private final CompletionRing cq;
    private final Slot[] slots;
    private final int[] freeSlots;
    private int freeCount;
    private int slotWaiters;
    private final ReentrantLock reapLock = new ReentrantLock();
    private final AtomicInteger parked = new AtomicInteger();
    /** Requests published so far; written under this port's monitor, read by the reaper. */
    private volatile int submitted;
    /** Completions taken so far; guarded by reapLock. */
    private int completed;
    private volatile boolean detached;

    /** One request in flight: where its result lands and what to copy back. */
    private static final class Slot {
        volatile boolean done;
        long result;
        volatile Thread waiter;
        final Grant[] bounce = new Grant[2];
        final int[] bounceAt = new int[2];
        int opcode;
    }

    /**
     * A port over {@code pair} that announces work through {@code doorbell} and reads the
     * event count from {@code events}.
     */
    public RingPort(RingPair pair, Doorbell doorbell, EventSource events, RingConfig config) {
        this.pair = pair;
        this.doorbell = doorbell;
        this.events = events;
        this.spinNanos = config.spinNanos();
        this.busySpinNanos = config.busySpinNanos();
        this.region = pair.region();
        this.sq = pair.submissions();
        this.cq = pair.completions();
        this.slots = new Slot[pair.slots()];
        this.freeSlots = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
            freeSlots[i] = slots.length - 1 - i;
        }
        freeCount = slots.length;
        pair.onCompletions(this::wakeParked);
    }

    /** The region this port submits to. */
    public RingPair pair() {
        return pair;
    }

    @Override
    public long call(HypercallRequest request) {
        Grant g = request.grant;
        if ((request.opcode == Opcode.READ || request.opcode == Opcode.WRITE) && g != null
                && g.buffer() != null && g.length() > pair.slotBytes()) {
            return callInChunks(request);
        }
        int ticket = submit(request, true);
        if (ticket < 0) {
            return ticket;
        }
        doorbell.ring();
        return complete(ticket);
    }

    /** As {@link #call}, but answers -EAGAIN at once when every slot is in flight. */
    public long tryCall(HypercallRequest request) {
        int ticket = submit(request, false);
        if (ticket < 0) {
            return ticket == NO_SLOT ? -Errno.EAGAIN : ticket;
        }
        doorbell.ring();
        return complete(ticket);
    }

    /**
     * Queues {@code request} without ringing the doorbell, for batches: submit several, then
     * {@link #flush()} once, then {@link #complete} each ticket. Waits while every slot is in
     * flight. Returns the ticket, or a negated errno when the request cannot be encoded
     * (ENOMEM: its kernel buffers and paths do not fit a slot; ECANCELED after detach).
     * The request may be reused as soon as this returns.
     */
    public int submit(HypercallRequest request) {
        return submit(request, true);
    }

    /** Rings the doorbell for everything submitted so far. */
    public void flush() {
        doorbell.ring();
    }

    /** Waits for {@code ticket}'s completion, copies back its buffers, returns its result. */
    public long complete(int ticket) {
        Slot s = slots[ticket];
        await(s);
        long result = s.result;
        copyBack(s, result);
        release(ticket);
        return result;
    }

    @Override
    public long eventCount() {
        return events.eventCount();
    }

    @Override
    public void awaitEvent(long seen, long timeoutNanos) throws InterruptedException {
        events.awaitEvent(seen, timeoutNanos);
    }

    /** Cancels what is queued, releases the VM's handles, and refuses later calls. */
    @Override
    public void detach() {
        detached = true;
        doorbell.close();
        wakeParked();
        synchronized (this) {
            notifyAll();
        }
    }

    // ---------------------------------------------------------------- submission

    private int submit(HypercallRequest r, boolean wait) {
        if (r.opcode < 0 || r.opcode > 0xFFFF) {
            return -Errno.ENOSYS;
        }
        synchronized (this) {
            while (true) {
                if (detached) {
                    return -Errno.ECANCELED;
                }
                if (freeCount > 0 && sq.free(1) > 0) {
                    break;
                }
                if (!wait) {
                    return NO_SLOT;
                }
                waitForSlot();
            }
            int slot = freeSlots[--freeCount];
            long encoded = encode(r, slot, sq.producerEntry(0));
            if (encoded < 0) {
                freeSlots[freeCount++] = slot;
                return (int) encoded;
            }
            slots[slot].done = false;
            submitted++;
            sq.publish(1);
            return slot;
        }
    }

    private void waitForSlot() {
        slotWaiters++;
        try {
            // Slots come back from complete(); the bounded wait also covers a server that has
            // not taken the submission ring's entries yet.
            wait(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slotWaiters--;
        }
    }

    private synchronized void release(int slot) {
        freeSlots[freeCount++] = slot;
        if (slotWaiters > 0) {
            notify();
        }
    }

    private long encode(HypercallRequest r, int slot, int at) {
        Slot s = slots[slot];
        s.opcode = r.opcode;
        s.bounce[0] = null;
        s.bounce[1] = null;
        region.putShort(at + SQE_OPCODE, (short) r.opcode).putShort(at + SQE_FLAGS, (short) 0)
                .putInt(at + SQE_HANDLE, r.handle).putInt(at + SQE_HANDLE2, r.handle2)
                .putInt(at + SQE_RESERVED, 0).putLong(at + SQE_USER_DATA, slot)
                .putLong(at + SQE_ARG0, r.arg0).putLong(at + SQE_ARG1, r.arg1);
        int cursor = pair.slotOffset(slot);
        int limit = cursor + pair.slotBytes();
        cursor = path(r.path, at + SQE_PATH, cursor, limit);
        cursor = cursor < 0 ? cursor : path(r.path2, at + SQE_PATH2, cursor, limit);
        cursor = cursor < 0 ? cursor : grant(slot, 0, r.grant, at + SQE_GRANT, cursor, limit);
        cursor = cursor < 0 ? cursor : grant(slot, 1, r.grant2, at + SQE_GRANT2, cursor, limit);
        return cursor < 0 ? cursor : 0;
    }

    private int path(String p, int ref, int cursor, int limit) {
        if (p == null) {
            putRef(ref, 0, 0, 0);
            return cursor;
        }
        int len = putUtf8(p, cursor, limit);
        if (len < 0) {
            return len;
        }
        putRef(ref, cursor, len, REF_PRESENT | REF_REGION);
        return cursor + align8(len);
    }

    /** Writes {@code p} as UTF-8 at {@code at}; its length, or ENAMETOOLONG / ENOMEM. */
    private int putUtf8(String p, int at, int limit) {
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c >= 0x80) {
                return putBytes(p.getBytes(StandardCharsets.UTF_8), at, limit);
            }
            if (i >= PATH_MAX || at + i >= limit) {
                return i >= PATH_MAX ? -Errno.ENAMETOOLONG : -Errno.ENOMEM;
            }
            region.put(at + i, (byte) c);
        }
        return n;
    }

    private int putBytes(byte[] b, int at, int limit) {
        if (b.length > PATH_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        if (b.length > limit - at) {
            return -Errno.ENOMEM;
        }
        region.put(at, b, 0, b.length);
        return b.length;
    }

    private int grant(int slot, int which, Grant g, int ref, int cursor, int limit) {
        Slot s = slots[slot];
        s.bounce[which] = null;
        if (g == null) {
            putRef(ref, 0, 0, 0);
            return cursor;
        }
        int writable = g.writable() ? REF_WRITABLE : 0;
        if (g.space() != null) {
            int asid = 2 * slot + which;
            pair.lend(asid, g.space());
            putRef(ref, g.address(), g.length(), REF_PRESENT | writable | asid << REF_ASID_SHIFT);
            return cursor;
        }
        if (g.buffer() == null) {
            return -Errno.EFAULT; // a region grant belongs to the system VM's side
        }
        if (g.length() > limit - cursor) {
            return -Errno.ENOMEM;
        }
        if (s.opcode != Opcode.READ || which != 0) {
            region.put(cursor, g.buffer(), (int) g.address(), g.length());
        }
        s.bounce[which] = g;
        s.bounceAt[which] = cursor;
        putRef(ref, cursor, g.length(), REF_PRESENT | REF_REGION | writable);
        return cursor + align8(g.length());
    }

    private void putRef(int ref, long addr, int len, int flags) {
        region.putLong(ref + REF_ADDR, addr).putInt(ref + REF_LEN, len)
                .putInt(ref + REF_FLAGS, flags);
    }

    private static int align8(int n) {
        return (n + 7) & -8;
    }

    // ---------------------------------------------------------------- completion

    private void await(Slot s) {
        long start = System.nanoTime();
        if (quickCompletions && busySpinNanos > 0) {
            spinBusily(s, start + busySpinNanos);
        }
        long spinUntil = start + spinNanos;
        while (!s.done) {
            reap();
            if (s.done) {
                break;
            }
            if (System.nanoTime() < spinUntil) {
                // A yield, not a pause: when spinning threads outnumber free cores, a busy
                // spin holds the core the serving thread needs; on an idle core it is cheap.
                Thread.yield();
                continue;
            }
            s.waiter = Thread.currentThread();
            parked.incrementAndGet(); // a full fence: the system VM reads it after its tail
            reap();
            if (!s.done) {
                LockSupport.parkNanos(1_000_000);
            }
            parked.decrementAndGet();
            s.waiter = null;
        }
        quickCompletions = System.nanoTime() - start < busySpinNanos;
    }

    /**
     * Looks for the completion with a CPU pause between looks, until {@code until}: most come
     * within a microsecond or two, and a busy look sees one a cache-line transfer after it is
     * posted.
     */
    private void spinBusily(Slot s, long until) {
        while (!s.done) {
            reap();
            if (s.done || System.nanoTime() >= until) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Hands every posted completion to its slot; one thread at a time. */
    private void reap() {
        if (!reapLock.tryLock()) {
            return;
        }
        try {
            int n = cq.available();
            if (n == 0) {
                return;
            }
            for (int k = 0; k < n; k++) {
                long userData = cq.userData(k);
                if (userData >= 0 && userData < slots.length) {
                    Slot s = slots[(int) userData];
                    s.result = cq.result(k);
                    s.done = true;
                    Thread w = s.waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
            cq.consume(n);
            completed += n;
            if (submitted != completed) {
                // Requests are still in flight, and the system VM stops serving a ring whose
                // completion ring is full: what it saw then is counted in submitted already.
                doorbell.ring();
            }
        } finally {
            reapLock.unlock();
        }
    }

    private void wakeParked() {
        if (parked.get() == 0) {
            return;
        }
        for (Slot s : slots) {
            Thread w = s.waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    private void copyBack(Slot s, long result) {
        for (int which = 0; which < 2; which++) {
            Grant g = s.bounce[which];
            if (g == null || !g.writable()) {
                continue;
            }
            int n = s.opcode == Opcode.READ && which == 0
                    ? (int) Math.max(0, Math.min(result, g.length())) : g.length();
            region.get(s.bounceAt[which], g.buffer(), (int) g.address(), n);
            s.bounce[which] = null;
        }
    }

    private long callInChunks(HypercallRequest r) {
        Grant whole = r.grant;
        long offset = r.arg0;
        long done = 0;
        try {
            while (done < whole.length()) {
                int chunk = (int) Math.min(whole.length() - done, pair.slotBytes());
                r.grant = Grant.ofBuffer(whole.buffer(), (int) (whole.address() + done), chunk,
                        whole.writable());
                r.arg0 = offset == -1 ? -1 : offset + done;
                long n = call(r);
                if (n < 0) {
                    return done > 0 ? done : n;
                }
                done += n;
                if (n < chunk) {
                    break;
                }
            }
            return done;
        } finally {
            r.grant = whole;
            r.arg0 = offset;
        }
    }
}

package dev.splitvisor.kernel;

import dev.splitvisor.mmu.AddressSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Futex wait queues, keyed by address space and address: a FUTEX_WAIT parks the task here and a
 * FUTEX_WAKE on the same word makes it runnable. Threads of one user VM share its vCPU, so
 * nothing here needs host locks.
 */
final class Futexes {
    private static final class Key {
        final AddressSpace space;
        final long address;

        Key(AddressSpace space, long address) {
            this.space = space;
            this.address = address;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).space == space && ((Key) o).address == address;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(space), address);
        }
    }

    private final HashMap<Key, List<Task>> queues = new HashMap<>();

    /** Queues {@code t} on the word at {@code address} with wake {@code bitset}. */
    void enqueue(AddressSpace space, long address, Task t, int bitset) {
        t.futexAddress = address;
        t.futexBitset = bitset;
        List<Task> q = queues.computeIfAbsent(new Key(space, address), k -> new ArrayList<>());
        q.remove(t); // a stale entry left by a timeout or a signal
        q.add(t);
    }

    /** True when {@code t} still sleeps on the futex word at {@code address}. */
    private static boolean sleepsOn(Task t, long address) {
        return t.waiting() && t.waitMode == Task.COMPLETE && t.futexAddress == address;
    }

    /** Wakes up to {@code n} waiters whose bitset meets {@code bitset}; returns how many. */
    int wake(Microkernel k, AddressSpace space, long address, int n, int bitset) {
        Key key = new Key(space, address);
        List<Task> q = queues.get(key);
        if (q == null) {
            return 0;
        }
        int woken = 0;
        for (int i = 0; i < q.size() && woken < n; ) {
            Task t = q.get(i);
            if (!sleepsOn(t, address)) {
                q.remove(i); // left by a timeout or a signal
                continue;
            }
            if ((t.futexBitset & bitset) == 0) {
                i++;
                continue;
            }
            q.remove(i);
            k.wake(t, 0);
            woken++;
        }
        if (q.isEmpty()) {
            queues.remove(key);
        }
        return woken;
    }

    /**
     * Wakes up to {@code wakeN} waiters of the first word and moves up to {@code moveN} of the
     * rest to the second (FUTEX_REQUEUE); returns woken plus moved.
     */
    int requeue(Microkernel k, AddressSpace space, long from, long to, int wakeN, int moveN) {
        int woken = wake(k, space, from, wakeN, -1);
        Key fromKey = new Key(space, from);
        List<Task> q = queues.get(fromKey);
        int moved = 0;
        while (q != null && !q.isEmpty() && moved < moveN) {
            Task t = q.remove(0);
            if (sleepsOn(t, from)) {
                enqueue(space, to, t, t.futexBitset);
                moved++;
            }
        }
        if (q != null && q.isEmpty()) {
            queues.remove(fromKey);
        }
        return woken + moved;
    }
}

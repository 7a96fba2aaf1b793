package dev.splitvisor.sysvm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A system VM's event count: it moves whenever something a parked request may wait for
 * happens (pipe data or space, a pipe end closed, console input or its end, a flock released).
 * Waiters sleep on the monitor; a signal takes the monitor only when someone waits.
 */
final class Events {
    private final AtomicLong count = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();

    /** The current count. */
    long count() {
        return count.get();
    }

    /** Moves the count and wakes the waiters. */
    void signal() {
        count.incrementAndGet();
        // The waiter counts itself in before it reads the count, so one of the two sees the other.
        if (waiters.get() > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until the count differs from {@code seen} or {@code timeoutNanos} pass. */
    void await(long seen, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        waiters.incrementAndGet();
        try {
            synchronized (this) {
                while (count.get() == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }
}

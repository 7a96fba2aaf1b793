package dev.splitvisor.hypercall;

/**
 * The door from one VM to its tenant's system VM. {@link #call} returns the completion's result:
 * a non-negative value on success, or a negated {@link Errno}. It never throws for a bad
 * request; a malformed request, a foreign handle or a bad grant gets an errno.
 *
 * <p>Requests never block: a request that would wait (a read of an empty pipe in blocking mode)
 * completes with {@link Errno#WOULD_BLOCK}, and the caller parks the guest thread until
 * {@link #eventCount()} moves, then asks again. So no host thread waits for a guest's I/O.
 */
public interface HypercallPort {
    /** Submits {@code request} and returns its completion's result. */
    long call(HypercallRequest request);

    /**
     * A counter that moves whenever anything a parked request may wait for happens in this
     * system VM (data or space in a pipe, console input, a handle closed).
     */
    default long eventCount() {
        return 0;
    }

    /**
     * Waits until {@link #eventCount()} differs from {@code seen} or {@code timeoutNanos} pass.
     * Used by a user VM whose threads are all parked; returns at once if the count has moved.
     */
    default void awaitEvent(long seen, long timeoutNanos) throws InterruptedException {
        if (eventCount() == seen && timeoutNanos > 0) {
            Thread.sleep(Math.max(1, timeoutNanos / 1_000_000));
        }
    }

    /** Releases every handle of this port (its VM has ended). */
    default void detach() {
    }
}

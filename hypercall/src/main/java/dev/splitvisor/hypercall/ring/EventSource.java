package dev.splitvisor.hypercall.ring;

/**
 * The system VM's event count as a VM sees it beside its rings: the same meaning as
 * {@link dev.splitvisor.hypercall.HypercallPort#eventCount()} and
 * {@link dev.splitvisor.hypercall.HypercallPort#awaitEvent(long, long)}.
 */
public interface EventSource {
    /** The current count. */
    long eventCount();

    /** Waits until the count differs from {@code seen} or {@code timeoutNanos} pass. */
    void awaitEvent(long seen, long timeoutNanos) throws InterruptedException;
}

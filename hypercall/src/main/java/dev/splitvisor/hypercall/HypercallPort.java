package dev.splitvisor.hypercall;

/**
 * The door from one VM to its tenant's system VM. {@link #call} returns the completion's result:
 * a non-negative value on success, or a negated {@link Errno}. It never throws for a bad
 * request; a malformed request, a foreign handle or a bad grant gets an errno.
 */
public interface HypercallPort {
    /** Submits {@code request} and waits for its completion. */
    long call(HypercallRequest request);
}

package dev.splitvisor.hypercall.ring;

/**
 * How a VM tells its system VM that a region has new submissions. A microkernel VM calls
 * {@link #ring()} directly; a full-system guest writes to I/O port
 * {@value RingLayout#DOORBELL_PORT}, whose handler calls it. Ringing is cheap and idempotent:
 * ringing a region that is already queued for service does nothing more.
 */
public interface Doorbell {
    /** Announces that the submission ring may hold entries to serve. */
    void ring();

    /**
     * Ends the VM's service: entries still queued complete with ECANCELED, nothing more is
     * served, and the VM's handles in the system VM are released. Returns once that is done.
     */
    void close();
}

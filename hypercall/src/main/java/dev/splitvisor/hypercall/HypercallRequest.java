package dev.splitvisor.hypercall;

/**
 * One request to the system VM. Mutable and reused by its sender so that the per-call path
 * allocates nothing; the fields mirror a submission-ring entry.
 */
public final class HypercallRequest {
    /** An {@link Opcode}. */
    public int opcode;
    /** The handle the request acts on (a guest file descriptor's system-VM handle). */
    public int handle;
    /** Opcode-specific arguments. */
    public long arg0;
    public long arg1;
    /** The guest buffer lent to the request, or null. */
    public Grant grant;

    /** Fills the request and returns it, for chaining. */
    public HypercallRequest set(int opcode, int handle, Grant grant) {
        this.opcode = opcode;
        this.handle = handle;
        this.grant = grant;
        this.arg0 = 0;
        this.arg1 = 0;
        return this;
    }
}

package dev.splitvisor.hypercall;

/**
 * One request to the system VM. Mutable and reused by its sender so that the per-call path
 * allocates nothing; the fields mirror a submission-ring entry (the ring form carries the paths
 * as grants). {@link Opcode} documents what each opcode reads.
 */
public final class HypercallRequest {
    /** An {@link Opcode}. */
    public int opcode;
    /** The handle the request acts on, or the directory a relative {@link #path} starts from. */
    public int handle;
    /** The second directory handle (RENAME, LINK, SYMLINK). */
    public int handle2;
    /** Opcode-specific arguments. */
    public long arg0;
    public long arg1;
    /** The guest path the request names, or null. */
    public String path;
    /** The second path (RENAME, LINK, SYMLINK), or null. */
    public String path2;
    /** The guest buffer lent to the request, or null. */
    public Grant grant;
    /** A second buffer (a socket address beside the data: SENDTO, RECVFROM), or null. */
    public Grant grant2;

    /** Clears the request to {@code opcode} on {@code handle} with {@code grant}; for chaining. */
    public HypercallRequest set(int opcode, int handle, Grant grant) {
        this.opcode = opcode;
        this.handle = handle;
        this.handle2 = 0;
        this.grant = grant;
        this.grant2 = null;
        this.arg0 = 0;
        this.arg1 = 0;
        this.path = null;
        this.path2 = null;
        return this;
    }

    /** Sets the arguments; for chaining. */
    public HypercallRequest args(long arg0, long arg1) {
        this.arg0 = arg0;
        this.arg1 = arg1;
        return this;
    }

    /** Sets the path; for chaining. */
    public HypercallRequest path(String path) {
        this.path = path;
        return this;
    }

    /** Sets the second buffer; for chaining. */
    public HypercallRequest grant2(Grant g) {
        this.grant2 = g;
        return this;
    }

    /** Sets the second directory and path; for chaining. */
    public HypercallRequest second(int handle2, String path2) {
        this.handle2 = handle2;
        this.path2 = path2;
        return this;
    }
}

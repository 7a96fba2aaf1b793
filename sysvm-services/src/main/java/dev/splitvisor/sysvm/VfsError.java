package dev.splitvisor.sysvm;

/**
 * A failed file-service step, carrying the Linux errno the guest will see. Thrown only inside
 * the system VM and turned into a negated errno at the port, so it never reaches the host; it
 * records no stack trace because it is an answer, not a bug.
 */
final class VfsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The positive Linux errno. */
    final int errno;

    VfsError(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }
}

package dev.splitvisor.vmm;

/** A user VM could not be created; the message is one line naming the problem. */
public final class VmStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public VmStartException(String message) {
        super(message);
    }
}

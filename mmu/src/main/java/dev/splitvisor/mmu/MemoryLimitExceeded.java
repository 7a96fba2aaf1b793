package dev.splitvisor.mmu;

/**
 * A write needed a new private frame and the VM's {@link MemoryQuota} is spent. Linux would
 * have the OOM killer end the process; the kernel above does the same for the guest.
 */
public final class MemoryLimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The address whose write needed the frame. */
    public final long address;

    public MemoryLimitExceeded(long address, long limitBytes) {
        super(String.format("guest memory limit of %d MiB reached (write at 0x%x)",
                limitBytes >>> 20, address), null, false, false);
        this.address = address;
    }
}

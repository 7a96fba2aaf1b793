package dev.splitvisor.mmu;

/**
 * A cap on the frames one VM may own privately. Shared frames (read-only after a fork or a
 * clone) are charged to nobody until a write copies them. Single-threaded, like the vCPU.
 */
public final class MemoryQuota {
    private final long maxFrames;
    private long usedFrames;

    /** A quota of {@code maxBytes}, rounded down to whole frames. */
    public MemoryQuota(long maxBytes) {
        if (maxBytes < Frame.SIZE) {
            throw new IllegalArgumentException("memory quota too small: " + maxBytes + " bytes");
        }
        this.maxFrames = maxBytes >>> Frame.SHIFT;
    }

    /** A quota that never refuses. */
    public static MemoryQuota unlimited() {
        return new MemoryQuota(Long.MAX_VALUE);
    }

    boolean tryCharge() {
        if (usedFrames >= maxFrames) {
            return false;
        }
        usedFrames++;
        return true;
    }

    void credit() {
        usedFrames--;
    }

    /** Bytes currently charged. */
    public long usedBytes() {
        return usedFrames << Frame.SHIFT;
    }

    /** The cap in bytes. */
    public long limitBytes() {
        return maxFrames << Frame.SHIFT;
    }
}

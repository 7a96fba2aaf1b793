package dev.splitvisor.hypercall.ring;

/**
 * Sizes and policies of a system VM's rings, set with the chained setters. Immutable once
 * handed to a system VM (each setter returns a copy).
 *
 * @param entries submission entries (and slots) per VM, a power of two from 2 to 4096
 * @param completionEntries completion entries per VM, a power of two from 2 to 4096
 * @param slotBytes bytes of the data area per slot: paths and kernel-buffer bounces
 * @param serverThreads host threads that serve all the tenant's rings
 * @param batch entries served from one ring per turn before moving to the next ring
 * @param spinNanos how long a waiting side spins before it parks
 * @param busySpinNanos how long of that spin may pause the CPU between looks, before it
 *     yields its core between looks; at most {@code spinNanos} (each side spins busily only
 *     while the other answered within this time last)
 */
public record RingConfig(int entries, int completionEntries, int slotBytes, int serverThreads,
        int batch, long spinNanos, long busySpinNanos) {
    /**
     * 16 slots of 16 KiB: 258 KiB per VM; two server threads; 16 entries a turn; 20 us spin,
     * of which the first 4 us may be busy.
     */
    public static final RingConfig DEFAULT = new RingConfig(16, 16, 16 << 10, 2, 16, 20_000,
            4_000);

    /** Checks every field; see the record's parameters. */
    public RingConfig {
        powerOfTwo("entries", entries);
        powerOfTwo("completionEntries", completionEntries);
        int twoPaths = 2 * (RingLayout.PATH_MAX + 8);
        if (slotBytes < twoPaths || slotBytes > 1 << 24 || slotBytes % 8 != 0) {
            throw new IllegalArgumentException("slotBytes must be a multiple of 8 from "
                    + twoPaths + " (two paths) to 16 MiB: " + slotBytes);
        }
        if (serverThreads < 0 || serverThreads > 64) {
            throw new IllegalArgumentException("serverThreads must be 0 to 64: " + serverThreads);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1: " + batch);
        }
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos is negative: " + spinNanos);
        }
        if (busySpinNanos < 0 || busySpinNanos > spinNanos) {
            throw new IllegalArgumentException("busySpinNanos must be 0 to spinNanos ("
                    + spinNanos + "): " + busySpinNanos);
        }
    }

    /** A copy with {@code n} submission and completion entries. */
    public RingConfig entries(int n) {
        return new RingConfig(n, n, slotBytes, serverThreads, batch, spinNanos,
                busySpinNanos);
    }

    /** A copy with {@code n} completion entries. */
    public RingConfig completionEntries(int n) {
        return new RingConfig(entries, n, slotBytes, serverThreads, batch, spinNanos,
                busySpinNanos);
    }

    /** A copy with {@code n} bytes per slot. */
    public RingConfig slotBytes(int n) {
        return new RingConfig(entries, completionEntries, n, serverThreads, batch, spinNanos,
                busySpinNanos);
    }

    /**
     * A copy with {@code n} server threads. With 0 nothing serves on its own: the owner drives
     * turns by hand (deterministic tests).
     */
    public RingConfig serverThreads(int n) {
        return new RingConfig(entries, completionEntries, slotBytes, n, batch, spinNanos,
                busySpinNanos);
    }

    /** A copy serving at most {@code n} entries of one ring per turn. */
    public RingConfig batch(int n) {
        return new RingConfig(entries, completionEntries, slotBytes, serverThreads, n, spinNanos,
                busySpinNanos);
    }

    /** A copy whose waiting sides spin {@code nanos} before parking. */
    public RingConfig spinNanos(long nanos) {
        return new RingConfig(entries, completionEntries, slotBytes, serverThreads, batch, nanos,
                Math.min(busySpinNanos, nanos));
    }

    /** A copy whose waiting sides spin busily for the first {@code nanos} of their spin. */
    public RingConfig busySpinNanos(long nanos) {
        return new RingConfig(entries, completionEntries, slotBytes, serverThreads, batch,
                spinNanos, nanos);
    }

    private static void powerOfTwo(String name, int n) {
        if (n < 2 || n > 4096 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two from 2 to 4096: "
                    + n);
        }
    }
}

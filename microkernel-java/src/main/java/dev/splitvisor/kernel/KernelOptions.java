package dev.splitvisor.kernel;

/** How a user VM's kernel behaves: determinism, memory cap, tracing. */
public final class KernelOptions {
    /** Virtual time from the instruction count and seeded randomness. */
    public boolean deterministic;
    /** Seed for AT_RANDOM, getrandom and RDRAND in deterministic runs. */
    public long seed = 1;
    /** Cap on the guest's private memory, in bytes. */
    public long memoryLimit = 1L << 30;
    /** Print every system call, strace-style, to {@link #trace}. */
    public java.io.PrintStream trace;
    /** Instructions a vCPU runs before the kernel gets control back (preemption quantum). */
    public long quantum = 1_000_000;
    /** The first process's working directory, a guest path. */
    public String cwd = "/";
    /** CLOCK_REALTIME at boot under --deterministic: 2026-01-01T00:00:00Z. */
    public static final long DETERMINISTIC_EPOCH_NANOS = 1_767_225_600L * 1_000_000_000L;
}

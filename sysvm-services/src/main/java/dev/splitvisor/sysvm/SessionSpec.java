package dev.splitvisor.sysvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one user VM sees: its console, its root and its mounts, its /tmp size and its source
 * of randomness. Set with the chained setters, then pass to {@link SystemVm#attach(SessionSpec)}.
 */
public final class SessionSpec {
    /** The default size limit of a session's /tmp. */
    public static final long DEFAULT_TMP_LIMIT = 64L << 20;

    private Console console;
    private Path rootDir;
    private final List<Mount> mounts = new ArrayList<>();
    private long tmpLimitBytes = DEFAULT_TMP_LIMIT;
    private Long randomSeed;

    /**
     * The console behind handles 0, 1 and 2 (pre-opened read-only, write-only, write-only).
     * Without one, input is empty and output is discarded.
     */
    public SessionSpec console(Console c) {
        this.console = Objects.requireNonNull(c, "console");
        return this;
    }

    /**
     * A host directory shown read-only as "/", with a tmpfs on /tmp and the devices on /dev
     * mounted over it. Without one, "/" is in memory and holds /tmp, /dev and /proc.
     */
    public SessionSpec rootDir(Path dir) {
        this.rootDir = dir;
        return this;
    }

    /** Adds a mount; mount points in an in-memory root are created with their parents. */
    public SessionSpec mount(Mount m) {
        mounts.add(Objects.requireNonNull(m, "mount"));
        return this;
    }

    /** The size limit of /tmp (and of an in-memory root); going past it fails with ENOSPC. */
    public SessionSpec tmpLimitBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("tmp limit is negative: " + bytes);
        }
        this.tmpLimitBytes = bytes;
        return this;
    }

    /** Makes /dev/random and /dev/urandom a pseudo-random sequence from {@code seed}. */
    public SessionSpec randomSeed(Long seed) {
        this.randomSeed = seed;
        return this;
    }

    Console console() {
        return console != null ? console : Console.silent();
    }

    Path rootDir() {
        return rootDir;
    }

    List<Mount> mounts() {
        return List.copyOf(mounts);
    }

    long tmpLimitBytes() {
        return tmpLimitBytes;
    }

    Long randomSeed() {
        return randomSeed;
    }
}

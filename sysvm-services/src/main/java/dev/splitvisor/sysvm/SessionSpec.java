package dev.splitvisor.sysvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one user VM sees: its console, its root and its mounts, its limits (handles, sockets,
 * tmpfs bytes; inside its tenant's {@link Quotas}) and its source of randomness. Set with the
 * chained setters, then pass to {@link SystemVm#attach(SessionSpec)}.
 */
public final class SessionSpec {
    /** The default size limit of a session's tmpfs file systems together. */
    public static final long DEFAULT_TMP_LIMIT = 64L << 20;
    /** The default number of live handles of a session, counting the console's three. */
    public static final int DEFAULT_MAX_HANDLES = 4096;
    /** The most {@link #maxHandles} may be: the size of the handle table a session allocates. */
    public static final int HANDLES_CEILING = 1 << 16;
    /** The default number of sockets a session may hold. */
    public static final int DEFAULT_MAX_SOCKETS = 256;

    private Console console;
    private List<Path> rootLayers = List.of();
    private final List<Mount> mounts = new ArrayList<>();
    private long tmpLimitBytes = DEFAULT_TMP_LIMIT;
    private int maxHandles = DEFAULT_MAX_HANDLES;
    private int maxSockets = DEFAULT_MAX_SOCKETS;
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
     * A host directory or a tar archive (plain or gzip) shown read-only as "/", with a tmpfs
     * on /tmp, the devices on /dev and an empty /proc (hiding the host's; the microkernel
     * answers the guest's own entries) mounted over it. Without one (null), "/" is in memory
     * and holds /tmp, /dev and an empty /proc. The same as {@link #rootLayers} of one layer.
     */
    public SessionSpec rootDir(Path dir) {
        this.rootLayers = dir == null ? List.of() : List.of(dir);
        return this;
    }

    /**
     * Read-only layers, lowest first, each a host directory or a tar archive (plain or gzip),
     * shown as one tree at "/" the way an OCI image's layers are: an upper layer's name hides
     * the same name below, directories merge, and the OCI whiteouts {@code .wh.NAME} and
     * {@code .wh..wh..opq} hide what lies below them. /tmp, /dev and /proc are mounted over it
     * as for {@link #rootDir}. An empty list means the in-memory root. A layer that cannot be
     * mounted makes {@link SystemVm#attach} throw IllegalArgumentException with one line.
     */
    public SessionSpec rootLayers(List<Path> layers) {
        this.rootLayers = List.copyOf(layers);
        return this;
    }

    /**
     * Throws IllegalArgumentException, in one line naming the path, unless {@code layer}
     * exists and is a directory or a file that starts like a tar archive (plain or gzip).
     * Cheap: an archive's members are read only when a session mounts it.
     */
    public static void checkRootLayer(Path layer) {
        TarImage.checkLayer(layer);
    }

    /** Adds a mount; mount points in an in-memory root are created with their parents. */
    public SessionSpec mount(Mount m) {
        mounts.add(Objects.requireNonNull(m, "mount"));
        return this;
    }

    /**
     * The size limit of the session's tmpfs file systems together: /tmp (or the in-memory root
     * that holds it) and /dev/shm. Going past it, or past the tenant's
     * {@link Quotas#tmpBytes()}, fails with ENOSPC.
     */
    public SessionSpec tmpLimitBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("tmp limit is negative: " + bytes);
        }
        this.tmpLimitBytes = bytes;
        return this;
    }

    /**
     * The live handles the session may hold, counting the console's handles 0-2: 3 to
     * {@link #HANDLES_CEILING}. One more fails with EMFILE (ENFILE when the tenant's
     * {@link Quotas#handles()} are used up first).
     */
    public SessionSpec maxHandles(int n) {
        if (n < 3 || n > HANDLES_CEILING) {
            throw new IllegalArgumentException("maxHandles must be 3 (the console's) to "
                    + HANDLES_CEILING + ": " + n);
        }
        this.maxHandles = n;
        return this;
    }

    /**
     * The sockets the session may hold (each also takes a handle). One more fails with EMFILE
     * (ENFILE when the tenant's {@link Quotas#sockets()} are used up first).
     */
    public SessionSpec maxSockets(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxSockets is negative: " + n);
        }
        this.maxSockets = n;
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

    List<Path> rootLayers() {
        return rootLayers;
    }

    List<Mount> mounts() {
        return List.copyOf(mounts);
    }

    long tmpLimitBytes() {
        return tmpLimitBytes;
    }

    int maxHandles() {
        return maxHandles;
    }

    int maxSockets() {
        return maxSockets;
    }

    Long randomSeed() {
        return randomSeed;
    }
}

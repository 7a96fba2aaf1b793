package dev.splitvisor.sysvm;

/**
 * The limits of one tenant's system VM, summed over all its sessions; each session has its own
 * limits inside these ({@link SessionSpec#maxHandles}, {@link SessionSpec#maxSockets},
 * {@link SessionSpec#tmpLimitBytes}). Going over answers what Linux answers for its
 * system-wide table or its file system: ENFILE for handles and sockets, ENOSPC for tmpfs
 * bytes, EDQUOT for volume bytes. Immutable; each setter returns a copy.
 *
 * @param handles     open handles of all sessions, not counting each session's console
 *                    handles 0-2 (ENFILE beyond)
 * @param sockets     sockets of all sessions (ENFILE beyond)
 * @param tmpBytes    bytes held by all sessions' tmpfs file systems, with the per-object
 *                    charge of {@code Tmpfs} (ENOSPC beyond)
 * @param volumeBytes bytes of regular files in the tenant's writable host-directory volumes
 *                    (EDQUOT when a write or truncate would grow them beyond);
 *                    {@link Long#MAX_VALUE}: not counted at all
 */
public record Quotas(long handles, long sockets, long tmpBytes, long volumeBytes) {
    /**
     * 1,048,576 handles (Linux's default {@code fs.nr_open}), 16,384 sockets, 1 GiB of tmpfs,
     * volumes not counted.
     */
    public static final Quotas DEFAULT = new Quotas(1 << 20, 16_384, 1L << 30, Long.MAX_VALUE);

    /** Checks every field; see the record's parameters. */
    public Quotas {
        nonNegative("handles", handles);
        nonNegative("sockets", sockets);
        nonNegative("tmpBytes", tmpBytes);
        nonNegative("volumeBytes", volumeBytes);
    }

    /** A copy allowing {@code n} handles. */
    public Quotas handles(long n) {
        return new Quotas(n, sockets, tmpBytes, volumeBytes);
    }

    /** A copy allowing {@code n} sockets. */
    public Quotas sockets(long n) {
        return new Quotas(handles, n, tmpBytes, volumeBytes);
    }

    /** A copy allowing {@code n} bytes of tmpfs. */
    public Quotas tmpBytes(long n) {
        return new Quotas(handles, sockets, n, volumeBytes);
    }

    /** A copy allowing {@code n} bytes in volumes ({@link Long#MAX_VALUE}: not counted). */
    public Quotas volumeBytes(long n) {
        return new Quotas(handles, sockets, tmpBytes, n);
    }

    /** Whether volume bytes are counted at all. */
    boolean countsVolumes() {
        return volumeBytes != Long.MAX_VALUE;
    }

    private static void nonNegative(String name, long n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " quota is negative: " + n);
        }
    }
}

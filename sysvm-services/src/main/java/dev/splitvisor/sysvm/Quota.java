package dev.splitvisor.sysvm;

/**
 * One limit and what is used of it, possibly nested in a wider one: a session's sockets in its
 * tenant's. Taking checks this limit, then the wider one, and takes from both or from neither;
 * the errno thrown is that of the limit that was exceeded, so a session over its own share
 * sees EMFILE while a full tenant shows ENFILE, as Linux tells a process table from the
 * system's.
 */
final class Quota {
    private final String name;
    private final long limit;
    private final int errno;
    /** The wider limit, or null; guarded by this object's monitor. */
    private Quota parent;
    private long used;

    Quota(String name, long limit, int errno, Quota parent) {
        this.name = name;
        this.limit = limit;
        this.errno = errno;
        this.parent = parent;
    }

    /** Takes {@code n} units here and in the wider limits, or throws and takes nothing. */
    synchronized void take(long n) {
        if (n > 0 && used + n > limit) {
            throw new VfsError(errno);
        }
        if (parent != null) {
            parent.take(n);
        }
        used += n;
    }

    /** Up to {@code n} units, as many as fit here and in the wider limits (0 when none). */
    synchronized long takeUpTo(long n) {
        long k = Math.min(n, room());
        if (k > 0) {
            take(k);
        }
        return Math.max(0, k);
    }

    /** Counts {@code n} units already in use, past the limit if need be (found, not asked). */
    synchronized void count(long n) {
        used += n;
        if (parent != null) {
            parent.count(n);
        }
    }

    /** Gives back {@code n} units taken earlier. */
    synchronized void give(long n) {
        used -= n;
        if (parent != null) {
            parent.give(n);
        }
    }

    /** Units left before this limit or a wider one is reached (negative when over). */
    synchronized long room() {
        long own = limit - used;
        return parent == null ? own : Math.min(own, parent.room());
    }

    /** Units in use. */
    synchronized long used() {
        return used;
    }

    /** The limit. */
    long limit() {
        return limit;
    }

    /**
     * Gives everything used here back to the wider limits and stops counting there: the owner
     * ended, and what it still holds (a dead session's tmpfs) is garbage.
     */
    synchronized void leaveParent() {
        if (parent != null) {
            parent.give(used);
            parent = null;
        }
    }

    @Override
    public synchronized String toString() {
        return name + " " + used + "/" + limit;
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The flock advisory locks of one tenant, shared by all its sessions and keyed by file
 * identity (a host file's device and inode, a tmpfs object). A lock belongs to the open file
 * (handle) that took it and goes when that handle closes.
 */
final class FlockTable {
    /** Holders of the locks on one file: many shared, or one exclusive. */
    private static final class Holders {
        final Set<OpenFile> shared = new HashSet<>();
        OpenFile exclusive;

        boolean isEmpty() {
            return shared.isEmpty() && exclusive == null;
        }
    }

    private final Map<Object, Holders> locks = new HashMap<>();
    private final Map<OpenFile, Object> keys = new HashMap<>();
    private final Events events;

    FlockTable(Events events) {
        this.events = events;
    }

    /** flock({@code file}, {@code operation}): 0, -EAGAIN, WOULD_BLOCK or -EINVAL. */
    long flock(OpenFile file, int operation) {
        boolean noWait = (operation & LinuxFlags.LOCK_NB) != 0;
        int op = operation & ~LinuxFlags.LOCK_NB;
        if (op == LinuxFlags.LOCK_UN) {
            release(file);
            return 0;
        }
        if (op != LinuxFlags.LOCK_SH && op != LinuxFlags.LOCK_EX) {
            return -Errno.EINVAL;
        }
        Object key = file.lockKey();
        synchronized (this) {
            Holders h = locks.computeIfAbsent(key, k -> new Holders());
            boolean conflict = h.exclusive != null && h.exclusive != file
                    || op == LinuxFlags.LOCK_EX && !(h.shared.isEmpty()
                    || h.shared.size() == 1 && h.shared.contains(file));
            if (conflict) {
                if (h.isEmpty()) {
                    locks.remove(key);
                }
                return noWait ? -Errno.EAGAIN : -Errno.WOULD_BLOCK;
            }
            h.shared.remove(file);
            h.exclusive = null;
            if (op == LinuxFlags.LOCK_EX) {
                h.exclusive = file;
            } else {
                h.shared.add(file);
            }
            keys.put(file, key);
        }
        // Turning an exclusive lock into a shared one may let waiters in.
        events.signal();
        return 0;
    }

    /** Drops any lock {@code file} holds (LOCK_UN, or its handle closed). */
    void release(OpenFile file) {
        synchronized (this) {
            Object key = keys.remove(file);
            if (key == null) {
                return;
            }
            Holders h = locks.get(key);
            if (h != null) {
                h.shared.remove(file);
                if (h.exclusive == file) {
                    h.exclusive = null;
                }
                if (h.isEmpty()) {
                    locks.remove(key);
                }
            }
        }
        events.signal();
    }
}

package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.LinuxFlags.*;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.Lock;

/**
 * The requests that read or set attributes of a named object without changing names: stat,
 * readlink, access, chmod, utimens, statfs. They resolve under the shared
 * {@link Namespace#LOCK}. An empty path with AT_EMPTY_PATH means the handle itself.
 */
final class AttributeServices {
    /** tv_nsec values of utimensat. */
    static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    /** f_type of pipes and the console, which live in no mounted file system. */
    private static final long PIPEFS_MAGIC = 0x50495045L;
    /** Seconds whose nanoseconds still fit a long. */
    private static final long MAX_SECONDS = 9_000_000_000L;

    private AttributeServices() {
    }

    /** The object the request names: by path, or the handle's own for AT_EMPTY_PATH. */
    private static GuestPath target(Session s, HypercallRequest r, int atFlags, boolean follow) {
        if ((r.path == null || r.path.isEmpty()) && (atFlags & AT_EMPTY_PATH) != 0) {
            OpenFile f = s.file(r.handle);
            if (f.path == null) {
                throw new VfsError(Errno.EBADF);
            }
            return f.path;
        }
        return PathServices.resolve(s, r.handle, r.path, follow).existing();
    }

    private static Lock shared() {
        Lock lock = Namespace.LOCK.readLock();
        lock.lock();
        return lock;
    }

    /** STAT: {@code struct stat} of a path (or of the handle with AT_EMPTY_PATH). */
    static long stat(Session s, HypercallRequest r) {
        int flags = (int) r.arg0;
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        if ((r.path == null || r.path.isEmpty()) && (flags & AT_EMPTY_PATH) != 0) {
            return fstat(s, s.file(r.handle), r.grant);
        }
        Lock lock = shared();
        try {
            GuestPath p = target(s, r, flags, (flags & AT_SYMLINK_NOFOLLOW) == 0);
            return copyStat(r.grant, p.node.stat());
        } finally {
            lock.unlock();
        }
    }

    /** FSTAT of {@code f}. */
    static long fstat(Session s, OpenFile f, Grant g) {
        Lock lock = shared();
        try {
            return copyStat(g, f.stat());
        } finally {
            lock.unlock();
        }
    }

    private static long copyStat(Grant g, Stat st) {
        if (g == null) {
            return -Errno.EFAULT;
        }
        int r = g.copyIn(0, StatLayout.encode(st), 0, StatLayout.STAT_SIZE);
        return r < 0 ? r : 0;
    }

    /** READLINK: the target text, cut to the grant, not NUL-terminated. */
    static long readlink(Session s, HypercallRequest r) {
        Grant g = r.grant;
        if (g == null) {
            return -Errno.EFAULT;
        }
        if (g.length() <= 0) {
            return -Errno.EINVAL;
        }
        String text;
        Lock lock = shared();
        try {
            text = target(s, r, AT_EMPTY_PATH, false).node.readlink();
        } finally {
            lock.unlock();
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, g.length());
        int put = g.copyIn(0, b, 0, n);
        return put < 0 ? put : n;
    }

    /** ACCESS: as root, only W_OK on a read-only mount and X_OK without an x bit fail. */
    static long access(Session s, HypercallRequest r) {
        int mode = (int) r.arg0;
        int flags = (int) r.arg1;
        if ((mode & ~(R_OK | W_OK | X_OK)) != 0
                || (flags & ~(AT_SYMLINK_NOFOLLOW | 0x200 /* AT_EACCESS */ | AT_EMPTY_PATH))
                != 0) {
            return -Errno.EINVAL;
        }
        Lock lock = shared();
        try {
            Vnode node = target(s, r, flags, (flags & AT_SYMLINK_NOFOLLOW) == 0).node;
            int type = node.type();
            if ((mode & W_OK) != 0 && node.fs().readOnly && type != S_IFCHR) {
                return -Errno.EROFS;
            }
            if ((mode & X_OK) != 0 && type != S_IFDIR && (node.stat().mode & 0111) == 0) {
                return -Errno.EACCES;
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** CHMOD of a path (following links), or of the handle with AT_EMPTY_PATH. */
    static long chmod(Session s, HypercallRequest r) {
        int flags = (int) r.arg1;
        if ((flags & AT_SYMLINK_NOFOLLOW) != 0) {
            // Linux cannot change a link's own mode either.
            return -Errno.EOPNOTSUPP;
        }
        Lock lock = shared();
        try {
            Vnode node = target(s, r, flags, true).node;
            node.fs().checkWritable();
            node.chmod((int) r.arg0 & 07777);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** UTIMENS: two timespecs (atime, mtime) from the grant, or now for both. */
    static long utimens(Session s, HypercallRequest r) {
        int flags = (int) r.arg0;
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        long[] times = times(r.grant);
        Lock lock = shared();
        try {
            Vnode node = target(s, r, flags, (flags & AT_SYMLINK_NOFOLLOW) == 0).node;
            if (times[0] == Long.MIN_VALUE && times[1] == Long.MIN_VALUE) {
                return 0;
            }
            node.fs().checkWritable();
            node.setTimes(times[0], times[1]);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** {atime, mtime} in nanoseconds, {@link Long#MIN_VALUE} for UTIME_OMIT. */
    private static long[] times(Grant g) {
        long now = Tmpfs.now();
        if (g == null) {
            return new long[] {now, now};
        }
        byte[] b = new byte[32];
        int got = g.copyOut(0, b, 0, 32);
        if (got < 0) {
            throw new VfsError(-got);
        }
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[2];
        for (int k = 0; k < 2; k++) {
            long sec = in.getLong();
            long nsec = in.getLong();
            if (nsec == UTIME_NOW) {
                out[k] = now;
            } else if (nsec == UTIME_OMIT) {
                out[k] = Long.MIN_VALUE;
            } else if (nsec < 0 || nsec >= 1_000_000_000L) {
                throw new VfsError(Errno.EINVAL);
            } else {
                // Nanoseconds since the epoch cover +-292 years; clamp beyond instead of wrapping.
                long clamped = Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, sec));
                out[k] = clamped * 1_000_000_000L + nsec;
            }
        }
        return out;
    }

    /** STATFS of a path when one is given, else of the handle's file system. */
    static long statfs(Session s, HypercallRequest r) {
        Grant g = r.grant;
        if (g == null) {
            return -Errno.EFAULT;
        }
        byte[] b;
        Lock lock = shared();
        try {
            Vnode node;
            if (r.path != null) {
                node = PathServices.resolve(s, r.handle, r.path, true).existing().node;
            } else {
                node = s.file(r.handle).vnode();
            }
            b = node != null ? node.fs().statfs() : StatLayout.encodeStatfs(PIPEFS_MAGIC, 4096,
                    0, 0, 0, 0, 0, 0);
        } finally {
            lock.unlock();
        }
        int put = g.copyIn(0, b, 0, StatLayout.STATFS_SIZE);
        return put < 0 ? put : 0;
    }
}

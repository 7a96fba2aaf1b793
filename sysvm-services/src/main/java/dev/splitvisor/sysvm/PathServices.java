package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.LinuxFlags.*;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallRequest;
import java.util.concurrent.locks.Lock;

/**
 * The requests that name a path: open, mkdir, unlink, rename, link, symlink. Each resolves
 * its path with the session's {@link PathResolver} under {@link Namespace#LOCK} (shared for a
 * lookup, alone for a change of names), checks what Linux checks, in Linux's order where it
 * shows, and asks the file system. Failures are thrown as {@link VfsError}.
 */
final class PathServices {
    private static final int CREATE_FLAGS = O_CREAT | O_EXCL;

    private PathServices() {
    }

    /** Where a relative path starts: the directory of {@code handle}, "/" for a negative one. */
    static GuestPath start(Session s, int handle, String path) {
        if (handle < 0 || path != null && path.startsWith("/")) {
            return s.namespace.root();
        }
        OpenFile f = s.file(handle);
        if (f.path == null) {
            throw new VfsError(Errno.ENOTDIR);
        }
        return f.path;
    }

    static Lookup resolve(Session s, int handle, String path, boolean follow) {
        return s.resolver.resolve(start(s, handle, path), path, follow);
    }

    /** OPEN: a new handle. */
    static long open(Session s, HypercallRequest r) {
        int flags = (int) r.arg0;
        if ((flags & O_TMPFILE_BIT) != 0) {
            return -Errno.EOPNOTSUPP;
        }
        s.reserve(1);
        boolean create = (flags & O_CREAT) != 0 && (flags & O_PATH) == 0;
        Lock lock = create ? Namespace.LOCK.writeLock() : Namespace.LOCK.readLock();
        lock.lock();
        try {
            OpenFile f = (flags & O_PATH) != 0 ? openPath(s, r, flags) : openFile(s, r, flags);
            return s.install(f);
        } finally {
            lock.unlock();
        }
    }

    private static OpenFile openPath(Session s, HypercallRequest r, int flags) {
        GuestPath target = resolve(s, r.handle, r.path, (flags & O_NOFOLLOW) == 0).existing();
        if ((flags & O_DIRECTORY) != 0 && !target.node.isDirectory()) {
            throw new VfsError(Errno.ENOTDIR);
        }
        return new PathFile(target, flags & Session.STATUS_FLAGS);
    }

    private static OpenFile openFile(Session s, HypercallRequest r, int flags) {
        boolean exclusive = (flags & CREATE_FLAGS) == CREATE_FLAGS;
        boolean follow = (flags & O_NOFOLLOW) == 0 && !exclusive;
        Lookup l = resolve(s, r.handle, r.path, follow);
        GuestPath target = l.target;
        boolean created = false;
        if (target == null) {
            if ((flags & O_CREAT) == 0) {
                throw new VfsError(Errno.ENOENT);
            }
            if (l.mustBeDirectory) {
                throw new VfsError(Errno.EISDIR);
            }
            l.dir.node.fs().checkWritable();
            Vnode node = l.dir.node.createFile(l.name, (int) r.arg1 & 07777);
            target = l.dir.child(l.name, node);
            created = true;
        } else if (exclusive) {
            throw new VfsError(Errno.EEXIST);
        }
        return openExisting(s, target, flags, created);
    }

    private static OpenFile openExisting(Session s, GuestPath target, int flags,
            boolean created) {
        int status = flags & Session.STATUS_FLAGS;
        int accmode = flags & O_ACCMODE;
        boolean write = accmode == O_WRONLY || accmode == O_RDWR;
        Vnode node = target.node;
        int type = node.type();
        if (type == S_IFLNK) {
            throw new VfsError(Errno.ELOOP);
        }
        if ((flags & O_DIRECTORY) != 0 && type != S_IFDIR) {
            throw new VfsError(Errno.ENOTDIR);
        }
        switch (type) {
            case S_IFDIR:
                if (write || (flags & O_CREAT) != 0) {
                    throw new VfsError(Errno.EISDIR);
                }
                return new DirectoryFile(target, status, s.namespace);
            case S_IFCHR:
                return DeviceFiles.open(target, status, s);
            case S_IFREG:
                boolean truncate = (flags & O_TRUNC) != 0 && !created && write;
                if (write || truncate) {
                    node.fs().checkWritable();
                }
                FileData data = node.open(accmode != O_WRONLY, write);
                if (truncate) {
                    try {
                        data.truncate(0);
                    } catch (RuntimeException e) {
                        data.close(); // else a failing disk would leak one host file per open
                        throw e;
                    }
                }
                return new RegularFile(target, status, data);
            default:
                // FIFOs, sockets and block devices of a host directory are not the guest's.
                throw new VfsError(Errno.ENXIO);
        }
    }

    /** MKDIR. */
    static long mkdir(Session s, HypercallRequest r) {
        Lock lock = Namespace.LOCK.writeLock();
        lock.lock();
        try {
            Lookup l = resolve(s, r.handle, r.path, false);
            if (l.target != null || l.dir == null) {
                throw new VfsError(Errno.EEXIST);
            }
            l.dir.node.fs().checkWritable();
            l.dir.node.mkdir(l.name, (int) r.arg0 & 07777);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** UNLINK, or rmdir with AT_REMOVEDIR. */
    static long unlink(Session s, HypercallRequest r) {
        int flags = (int) r.arg0;
        if ((flags & ~AT_REMOVEDIR) != 0) {
            return -Errno.EINVAL;
        }
        boolean rmdir = flags == AT_REMOVEDIR;
        Lock lock = Namespace.LOCK.writeLock();
        lock.lock();
        try {
            Lookup l = resolve(s, r.handle, r.path, false);
            if (l.dir == null) {
                return rmdir ? -lastComponentErrno(l) : -Errno.EISDIR;
            }
            GuestPath target = l.existing();
            boolean isDir = target.node.isDirectory();
            if (rmdir != isDir) {
                return rmdir ? -Errno.ENOTDIR : -Errno.EISDIR;
            }
            s.namespace.checkNotMountPoint(target);
            l.dir.node.fs().checkWritable();
            if (isDir && !target.node.list().isEmpty()) {
                return -Errno.ENOTEMPTY;
            }
            l.dir.node.remove(l.name, target.node);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** What rmdir of "/", "." or ".." fails with. */
    private static int lastComponentErrno(Lookup l) {
        switch (l.lastComponent) {
            case ".":
                return Errno.EINVAL;
            case "..":
                return Errno.ENOTEMPTY;
            default:
                return Errno.EBUSY;
        }
    }

    /** RENAME, with RENAME_NOREPLACE. */
    static long rename(Session s, HypercallRequest r) {
        int flags = (int) r.arg0;
        if ((flags & ~RENAME_NOREPLACE) != 0) {
            // RENAME_EXCHANGE and RENAME_WHITEOUT are not offered, like on many file systems.
            return -Errno.EINVAL;
        }
        Lock lock = Namespace.LOCK.writeLock();
        lock.lock();
        try {
            Lookup from = resolve(s, r.handle, r.path, false);
            Lookup to = resolve(s, r.handle2, r.path2, false);
            if (from.dir == null || to.dir == null) {
                return -Errno.EBUSY;
            }
            GuestPath source = from.existing();
            s.namespace.checkNotMountPoint(source);
            Vnode node = source.node;
            if (node.fs() != to.dir.node.fs() || from.dir.node.fs() != node.fs()) {
                return -Errno.EXDEV;
            }
            node.fs().checkWritable();
            if (to.mustBeDirectory && !node.isDirectory()) {
                return -Errno.ENOTDIR;
            }
            if (to.target != null) {
                s.namespace.checkNotMountPoint(to.target);
                if (node.identity().equals(to.target.node.identity())) {
                    return 0;
                }
                if ((flags & RENAME_NOREPLACE) != 0) {
                    return -Errno.EEXIST;
                }
                checkReplace(node, to.target.node);
            }
            if (node.isDirectory() && isInside(to.dir, source)) {
                return -Errno.EINVAL;
            }
            from.dir.node.rename(from.name, to.dir.node, to.name);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** The type rules of replacing {@code victim} with {@code node}. */
    private static void checkReplace(Vnode node, Vnode victim) {
        if (node.isDirectory() && !victim.isDirectory()) {
            throw new VfsError(Errno.ENOTDIR);
        }
        if (!node.isDirectory() && victim.isDirectory()) {
            throw new VfsError(Errno.EISDIR);
        }
        if (victim.isDirectory() && !victim.list().isEmpty()) {
            throw new VfsError(Errno.ENOTEMPTY);
        }
    }

    /** Whether {@code dir} is {@code ancestor} or lies below it. */
    private static boolean isInside(GuestPath dir, GuestPath ancestor) {
        String a = ancestor.toString();
        String d = dir.toString();
        return d.equals(a) || d.startsWith(a.equals("/") ? "/" : a + "/");
    }

    /** LINK: a second name, in the same file system, for an existing non-directory. */
    static long link(Session s, HypercallRequest r) {
        int flags = (int) r.arg0;
        if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) != 0) {
            return -Errno.EINVAL;
        }
        Lock lock = Namespace.LOCK.writeLock();
        lock.lock();
        try {
            GuestPath old;
            if ((r.path == null || r.path.isEmpty()) && (flags & AT_EMPTY_PATH) != 0) {
                old = s.file(r.handle).path;
            } else {
                old = resolve(s, r.handle, r.path, (flags & AT_SYMLINK_FOLLOW) != 0).existing();
            }
            if (old == null || old.node.isDirectory()) {
                return -Errno.EPERM;
            }
            Lookup to = resolve(s, r.handle2, r.path2, false);
            if (to.target != null || to.dir == null) {
                return -Errno.EEXIST;
            }
            if (to.dir.node.fs() != old.node.fs()) {
                return -Errno.EXDEV;
            }
            to.dir.node.fs().checkWritable();
            to.dir.node.link(to.name, old.node);
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** SYMLINK: path is the target text, handle2 and path2 name the new link. */
    static long symlink(Session s, HypercallRequest r) {
        String target = r.path;
        if (target == null) {
            return -Errno.EFAULT;
        }
        int nul = target.indexOf('\0');
        target = nul >= 0 ? target.substring(0, nul) : target;
        if (target.isEmpty()) {
            return -Errno.ENOENT;
        }
        if (target.length() > PATH_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        Lock lock = Namespace.LOCK.writeLock();
        lock.lock();
        try {
            Lookup l = resolve(s, r.handle2, r.path2, false);
            if (l.target != null || l.dir == null) {
                return -Errno.EEXIST;
            }
            l.dir.node.fs().checkWritable();
            l.dir.node.symlink(l.name, target);
            return 0;
        } finally {
            lock.unlock();
        }
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.List;

/**
 * One object of a file system (directory, regular file, symbolic link or device), seen without
 * any path: paths are resolved above it, component by component, by {@link PathResolver}. The
 * directory operations take a single name that is never empty, ".", ".." or longer than
 * NAME_MAX and holds no '/'; the caller has checked the types and the read-only flag.
 * Failures are thrown as {@link VfsError}. Defaults answer as Linux does for the wrong type.
 */
abstract class Vnode {
    /** The file system holding this object. */
    abstract FileSystem fs();

    /** The {@code S_IFMT} bits of the object's mode. */
    abstract int type();

    /** The object's attributes. */
    abstract Stat stat();

    /** What flock keys on: equal for every name and handle of the same file. */
    abstract Object identity();

    final boolean isDirectory() {
        return type() == LinuxFlags.S_IFDIR;
    }

    final boolean isSymlink() {
        return type() == LinuxFlags.S_IFLNK;
    }

    /** The child called {@code name}, or null when there is none. */
    Vnode lookup(String name) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Every child except "." and "..". */
    List<DirEntry> list() {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Creates the regular file {@code name} with permission bits {@code mode}. */
    Vnode createFile(String name, int mode) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Creates the directory {@code name}. */
    Vnode mkdir(String name, int mode) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Creates the symbolic link {@code name} holding {@code target}. */
    void symlink(String name, String target) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Adds {@code name} as another name of {@code existing}, a non-directory of this fs. */
    void link(String name, Vnode existing) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Removes {@code name} (an empty directory when {@code victim} is one). */
    void remove(String name, Vnode victim) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** Moves {@code name} to {@code toName} in {@code toDir} of this fs, replacing it. */
    void rename(String name, Vnode toDir, String toName) {
        throw new VfsError(Errno.ENOTDIR);
    }

    /** The target text of a symbolic link. */
    String readlink() {
        throw new VfsError(Errno.EINVAL);
    }

    /** Sets the permission bits (07777). */
    abstract void chmod(int mode);

    /** Sets the times; {@link Long#MIN_VALUE} leaves one unchanged. */
    abstract void setTimes(long atimeNanos, long mtimeNanos);

    /** Opens the contents of a regular file for reading and/or writing. */
    FileData open(boolean read, boolean write) {
        throw new VfsError(Errno.EINVAL);
    }

    /** The device number of a character device, else 0. */
    long rdev() {
        return 0;
    }
}

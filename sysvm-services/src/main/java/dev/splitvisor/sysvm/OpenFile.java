package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;

/**
 * What one handle refers to: an open file description with its status flags and, per kind,
 * its offset and its object. The defaults answer as Linux does for a kind that lacks the
 * operation; data calls return a count or a negated errno and may throw {@link VfsError}.
 */
abstract class OpenFile {
    /** Status flags that SETFL may change. */
    static final int SETTABLE = LinuxFlags.O_APPEND | LinuxFlags.O_NONBLOCK;

    /** Where the handle was opened, or null for pipes and the console. */
    final GuestPath path;
    private volatile int flags;

    OpenFile(GuestPath path, int flags) {
        this.path = path;
        this.flags = flags;
    }

    /** The status flags: access mode, O_APPEND, O_NONBLOCK, O_PATH... */
    final int flags() {
        return flags;
    }

    /** Sets the {@link #SETTABLE} flags from {@code newFlags}, keeping the others. */
    final void setFlags(int newFlags) {
        flags = flags & ~SETTABLE | newFlags & SETTABLE;
    }

    final boolean nonBlocking() {
        return (flags & LinuxFlags.O_NONBLOCK) != 0;
    }

    final boolean append() {
        return (flags & LinuxFlags.O_APPEND) != 0;
    }

    /** An O_PATH handle: it names a file and does nothing else. */
    final boolean pathOnly() {
        return (flags & LinuxFlags.O_PATH) != 0;
    }

    final boolean readable() {
        int mode = flags & LinuxFlags.O_ACCMODE;
        return !pathOnly() && (mode == LinuxFlags.O_RDONLY || mode == LinuxFlags.O_RDWR);
    }

    final boolean writable() {
        int mode = flags & LinuxFlags.O_ACCMODE;
        return !pathOnly() && (mode == LinuxFlags.O_WRONLY || mode == LinuxFlags.O_RDWR);
    }

    /** What GETPATH answers: the normalised guest path the handle was opened with. */
    String describe() {
        return path.toString();
    }

    /** The object behind the handle, or null. */
    Vnode vnode() {
        return path == null ? null : path.node;
    }

    /** Reads into the grant at {@code offset}, or at the handle's offset when it is -1. */
    long read(Grant g, long offset, byte[] staging) {
        return -Errno.EINVAL;
    }

    /** Writes the grant at {@code offset}, or at the handle's offset when it is -1. */
    long write(Grant g, long offset, byte[] staging) {
        return -Errno.EINVAL;
    }

    /** lseek. */
    long seek(long offset, int whence) {
        return -Errno.ESPIPE;
    }

    /** The attributes of what the handle refers to. */
    Stat stat() {
        return vnode().stat();
    }

    /** Fills the grant with directory records. */
    long getdents(Grant g) {
        return -Errno.ENOTDIR;
    }

    /** ftruncate. */
    long truncate(long length) {
        return -Errno.EINVAL;
    }

    /** fsync and fdatasync. */
    long fsync(boolean dataOnly) {
        return -Errno.EINVAL;
    }

    /** The poll bits that hold now: files are always ready. */
    int poll() {
        return LinuxFlags.POLLIN | LinuxFlags.POLLOUT;
    }

    /** Bytes a read would return at once, for FIONREAD; -ENOTTY when that means nothing. */
    long available() {
        return -Errno.ENOTTY;
    }

    /** Whether this is the session's terminal, to which terminal ioctls apply. */
    boolean isTerminal() {
        return false;
    }

    /** The handle is gone; release what it holds. */
    void close() {
    }

    /** What flock keys on. */
    Object lockKey() {
        Vnode node = vnode();
        return node != null ? node.identity() : this;
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One mounted file system of a session's namespace: a tmpfs, a host directory, a single host
 * file, a tar image or a stack of read-only layers. Operations across two file systems
 * (rename, link) fail with EXDEV.
 */
abstract class FileSystem {
    /** Device numbers of file systems that have no host device (tmpfs, images, layers). */
    private static final AtomicLong ANONYMOUS_DEVICES = new AtomicLong(0x100);

    /** The st_dev its files report. */
    final long dev;
    /** Refuses every change with EROFS. */
    final boolean readOnly;

    FileSystem(long dev, boolean readOnly) {
        this.dev = dev;
        this.readOnly = readOnly;
    }

    /** A device number no other in-memory file system of this process reports. */
    static long anonymousDevice() {
        return ANONYMOUS_DEVICES.getAndIncrement();
    }

    /** The directory (or, for a file mount, the file) at the mount point. */
    abstract Vnode root();

    /** A {@code struct statfs} for this file system. */
    abstract byte[] statfs();

    /** Throws EROFS when the file system is read-only. */
    final void checkWritable() {
        if (readOnly) {
            throw new VfsError(Errno.EROFS);
        }
    }
}

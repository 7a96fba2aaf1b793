package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;

/**
 * One mounted file system of a session's namespace: a tmpfs, a host directory, or a single
 * host file. Operations across two file systems (rename, link) fail with EXDEV.
 */
abstract class FileSystem {
    /** The st_dev its files report. */
    final long dev;
    /** Refuses every change with EROFS. */
    final boolean readOnly;

    FileSystem(long dev, boolean readOnly) {
        this.dev = dev;
        this.readOnly = readOnly;
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

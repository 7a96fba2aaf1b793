package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file system in host memory, private to one session, with a size limit: file bytes plus a
 * fixed charge per object count against it, and going past it fails with ENOSPC.
 */
final class Tmpfs extends FileSystem {
    /** Linux's f_type for tmpfs. */
    static final long TMPFS_MAGIC = 0x01021994L;
    /** What one object costs against the limit besides its bytes (inode, name, entry). */
    static final long NODE_COST = 256;

    private static final AtomicLong DEVICES = new AtomicLong(0x100);

    private final long limitBytes;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong inodes = new AtomicLong(1);
    private final TmpfsNode root;

    /** A tmpfs of at most {@code limitBytes} whose root directory has {@code rootMode}. */
    Tmpfs(long limitBytes, int rootMode) {
        this(limitBytes, rootMode, false);
    }

    /** A tmpfs that may be {@code readOnly} for the guest (the builder still fills it). */
    Tmpfs(long limitBytes, int rootMode, boolean readOnly) {
        super(DEVICES.getAndIncrement(), readOnly);
        this.limitBytes = limitBytes;
        this.root = TmpfsNode.directory(this, rootMode);
    }

    @Override
    Vnode root() {
        return root;
    }

    /** The typed root, for building the namespace. */
    TmpfsNode rootNode() {
        return root;
    }

    /** Reserves {@code bytes} against the limit, or throws ENOSPC and reserves nothing. */
    void charge(long bytes) {
        while (true) {
            long now = used.get();
            if (bytes > 0 && now + bytes > limitBytes) {
                throw new VfsError(Errno.ENOSPC);
            }
            if (used.compareAndSet(now, now + bytes)) {
                return;
            }
        }
    }

    /** Gives back {@code bytes} charged earlier. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The next inode number. */
    long nextInode() {
        return inodes.getAndIncrement();
    }

    /** Now, in nanoseconds since the epoch. */
    static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    byte[] statfs() {
        long blocks = Math.max(1, limitBytes / 4096);
        long free = Math.max(0, (limitBytes - used.get()) / 4096);
        long files = Math.max(1, limitBytes / NODE_COST);
        long freeFiles = Math.max(0, (limitBytes - used.get()) / NODE_COST);
        return StatLayout.encodeStatfs(TMPFS_MAGIC, 4096, blocks, free, files, freeFiles, dev, 0);
    }
}

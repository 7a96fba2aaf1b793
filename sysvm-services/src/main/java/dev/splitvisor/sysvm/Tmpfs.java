package dev.splitvisor.sysvm;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file system in host memory, private to one session, with a size limit: file bytes plus a
 * fixed charge per object count against the session's tmpfs quota, which all the session's
 * tmpfs file systems share and which lies inside its tenant's; going past either fails with
 * ENOSPC.
 */
final class Tmpfs extends FileSystem {
    /** Linux's f_type for tmpfs. */
    static final long TMPFS_MAGIC = 0x01021994L;
    /** What one object costs against the limit besides its bytes (inode, name, entry). */
    static final long NODE_COST = 256;

    private final Quota space;
    private final AtomicLong inodes = new AtomicLong(1);
    private final TmpfsNode root;

    /** A tmpfs holding what {@code space} allows, whose root directory has {@code rootMode}. */
    Tmpfs(Quota space, int rootMode) {
        this(space, rootMode, false);
    }

    /** A tmpfs that may be {@code readOnly} for the guest (the builder still fills it). */
    Tmpfs(Quota space, int rootMode, boolean readOnly) {
        super(anonymousDevice(), readOnly);
        this.space = space;
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
        space.take(bytes);
    }

    /** Gives back {@code bytes} charged earlier. */
    void release(long bytes) {
        space.give(bytes);
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

    /** The size and room of the session's share, which all its tmpfs file systems report. */
    @Override
    byte[] statfs() {
        long limitBytes = space.limit();
        long room = Math.max(0, space.room());
        long blocks = Math.max(1, limitBytes / 4096);
        long free = room / 4096;
        long files = Math.max(1, limitBytes / NODE_COST);
        long freeFiles = room / NODE_COST;
        return StatLayout.encodeStatfs(TMPFS_MAGIC, 4096, blocks, free, files, freeFiles, dev, 0);
    }
}

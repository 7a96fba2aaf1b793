package dev.splitvisor.sysvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The guest-visible layouts of {@code struct stat} (144 bytes) and {@code struct statfs}
 * (120 bytes) on x86-64 Linux, little-endian.
 */
final class StatLayout {
    /** Bytes of {@code struct stat}. */
    static final int STAT_SIZE = 144;
    /** Bytes of {@code struct statfs}. */
    static final int STATFS_SIZE = 120;

    private StatLayout() {
    }

    /** {@code s} as a {@code struct stat}. */
    static byte[] encode(Stat s) {
        ByteBuffer b = ByteBuffer.allocate(STAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(s.dev).putLong(s.ino).putLong(s.nlink);
        b.putInt(s.mode).putInt(s.uid).putInt(s.gid).putInt(0);
        b.putLong(s.rdev).putLong(s.size).putLong(s.blksize).putLong(s.blocks);
        putTime(b, s.atimeNanos);
        putTime(b, s.mtimeNanos);
        putTime(b, s.ctimeNanos);
        return b.array();
    }

    private static void putTime(ByteBuffer b, long nanos) {
        b.putLong(Math.floorDiv(nanos, 1_000_000_000L));
        b.putLong(Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * A {@code struct statfs}: {@code magic} is f_type, sizes are in {@code blockSize} units,
     * {@code flags} holds ST_RDONLY (1) for a read-only mount.
     */
    static byte[] encodeStatfs(long magic, long blockSize, long blocks, long free, long files,
            long freeFiles, long fsid, long flags) {
        ByteBuffer b = ByteBuffer.allocate(STATFS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(magic).putLong(blockSize).putLong(blocks).putLong(free).putLong(free);
        b.putLong(files).putLong(freeFiles);
        b.putInt((int) fsid).putInt((int) (fsid >>> 32));
        b.putLong(LinuxFlags.NAME_MAX).putLong(blockSize).putLong(flags);
        return b.array();
    }
}

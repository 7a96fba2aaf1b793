package dev.splitvisor.sysvm;

/**
 * The fields of a Linux {@code struct stat}, as a file system reports them; {@link StatLayout}
 * lays them out for the guest. Times are nanoseconds since the epoch.
 */
final class Stat {
    long dev;
    long ino;
    long nlink = 1;
    int mode;
    int uid;
    int gid;
    long rdev;
    long size;
    long blksize = 4096;
    long blocks;
    long atimeNanos;
    long mtimeNanos;
    long ctimeNanos;

    /** Sets {@link #blocks} (512-byte units) for {@link #size} bytes held in whole 4 KiB pages. */
    Stat blocksFromSize() {
        blocks = (size + 4095) / 4096 * 8;
        return this;
    }

    /** A Linux {@code makedev} device number. */
    static long makedev(int major, int minor) {
        return ((long) (major & 0xfff) << 8) | (minor & 0xff) | ((long) (minor & ~0xff) << 12)
                | ((long) (major & ~0xfff) << 32);
    }
}

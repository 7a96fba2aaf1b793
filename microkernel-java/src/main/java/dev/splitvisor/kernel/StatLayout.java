package dev.splitvisor.kernel;

/** Conversions between Linux's x86-64 {@code struct stat} and {@code struct statx}. */
final class StatLayout {
    /** STATX_BASIC_STATS: every field a struct stat has. */
    private static final int STATX_BASIC_STATS = 0x7FF;

    private StatLayout() {
    }

    static byte[] toStatx(byte[] st) {
        byte[] x = new byte[256];
        long dev = SignalDelivery.getLong(st, 0);
        long rdev = SignalDelivery.getLong(st, 40);
        SignalDelivery.putInt(x, 0, STATX_BASIC_STATS);
        SignalDelivery.putInt(x, 4, (int) SignalDelivery.getLong(st, 56)); // blksize
        SignalDelivery.putInt(x, 16, (int) SignalDelivery.getLong(st, 16)); // nlink
        SignalDelivery.putInt(x, 20, (int) SignalDelivery.getLong(st, 28)); // uid
        SignalDelivery.putInt(x, 24, (int) SignalDelivery.getLong(st, 32)); // gid
        x[28] = st[24]; // mode (16 bits)
        x[29] = st[25];
        SignalDelivery.putLong(x, 32, SignalDelivery.getLong(st, 8)); // ino
        SignalDelivery.putLong(x, 40, SignalDelivery.getLong(st, 48)); // size
        SignalDelivery.putLong(x, 48, SignalDelivery.getLong(st, 64)); // blocks
        timestamp(st, 72, x, 64); // atime
        timestamp(st, 104, x, 80); // btime: the change time is the best stand-in
        timestamp(st, 104, x, 96); // ctime
        timestamp(st, 88, x, 112); // mtime
        SignalDelivery.putInt(x, 128, major(rdev));
        SignalDelivery.putInt(x, 132, minor(rdev));
        SignalDelivery.putInt(x, 136, major(dev));
        SignalDelivery.putInt(x, 140, minor(dev));
        return x;
    }

    private static void timestamp(byte[] st, int at, byte[] x, int to) {
        SignalDelivery.putLong(x, to, SignalDelivery.getLong(st, at));
        SignalDelivery.putInt(x, to + 8, (int) SignalDelivery.getLong(st, at + 8));
    }

    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xFFF) | ((dev >>> 32) & ~0xFFFL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xFF) | ((dev >>> 12) & ~0xFFL));
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The session's /dev: a small tmpfs holding the character devices null, zero, full, random,
 * urandom and tty (with Linux's device numbers), the stdin/stdout/stderr links to
 * /proc/self/fd (which the microkernel follows) and an empty /dev/shm. Opening a device node
 * of any file system lands here, so a guest reaches exactly these devices and no host one.
 */
final class DeviceFiles {
    static final long NULL = Stat.makedev(1, 3);
    static final long ZERO = Stat.makedev(1, 5);
    static final long FULL = Stat.makedev(1, 7);
    static final long RANDOM = Stat.makedev(1, 8);
    static final long URANDOM = Stat.makedev(1, 9);
    static final long TTY = Stat.makedev(5, 0);
    /** What the console handles 0, 1 and 2 report: /dev/console's number. */
    static final long CONSOLE = Stat.makedev(5, 1);

    private DeviceFiles() {
    }

    /** A fresh /dev whose writable parts (/dev/shm) count against {@code space}. */
    static Tmpfs create(Quota space) {
        Tmpfs fs = new Tmpfs(space, 0755);
        TmpfsNode root = fs.rootNode();
        root.addDevice("null", NULL, 0666);
        root.addDevice("zero", ZERO, 0666);
        root.addDevice("full", FULL, 0666);
        root.addDevice("random", RANDOM, 0666);
        root.addDevice("urandom", URANDOM, 0666);
        root.addDevice("tty", TTY, 0666);
        root.symlink("stdin", "/proc/self/fd/0");
        root.symlink("stdout", "/proc/self/fd/1");
        root.symlink("stderr", "/proc/self/fd/2");
        root.mkdir("shm", 01777);
        return fs;
    }

    /** Opens the device {@code path} names for {@code session}. */
    static OpenFile open(GuestPath path, int flags, Session session) {
        long rdev = path.node.rdev();
        if (rdev == TTY) {
            Console c = session.console;
            return new ConsoleFile(path, flags, c, c.out, TTY);
        }
        if (rdev == NULL || rdev == ZERO || rdev == FULL || rdev == RANDOM || rdev == URANDOM) {
            return new DeviceFile(path, flags, rdev, session.random);
        }
        throw new VfsError(Errno.ENXIO);
    }

    /** An open null, zero, full, random or urandom device. */
    static final class DeviceFile extends OpenFile {
        private final long rdev;
        private final RandomGenerator random;

        DeviceFile(GuestPath path, int flags, long rdev, RandomGenerator random) {
            super(path, flags);
            this.rdev = rdev;
            this.random = random;
        }

        @Override
        long read(Grant g, long offset, byte[] staging) {
            if (rdev == NULL) {
                return 0;
            }
            return g.fill(0, staging, (b, off, n, pos) -> fill(b, off, n));
        }

        private int fill(byte[] b, int off, int n) {
            if (rdev == RANDOM || rdev == URANDOM) {
                synchronized (random) {
                    if (off == 0 && n == b.length) {
                        random.nextBytes(b);
                    } else {
                        byte[] bytes = new byte[n];
                        random.nextBytes(bytes);
                        System.arraycopy(bytes, 0, b, off, n);
                    }
                }
            } else {
                Arrays.fill(b, off, off + n, (byte) 0);
            }
            return n;
        }

        @Override
        long write(Grant g, long offset, byte[] staging) {
            return rdev == FULL ? -Errno.ENOSPC : g.length();
        }

        @Override
        long seek(long offset, int whence) {
            return 0;
        }

        @Override
        long fsync(boolean dataOnly) {
            return -Errno.EINVAL;
        }
    }
}

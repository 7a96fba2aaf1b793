package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A handle on the session's console: handles 0, 1 and 2, and every open of /dev/tty. Reads
 * take what the console's input pump has buffered and never wait; writes go to the stream and
 * are flushed.
 */
final class ConsoleFile extends OpenFile {
    private static final long CONSOLE_DEV = 0xe;

    private final Console console;
    private final OutputStream out;
    private final long rdev;

    ConsoleFile(GuestPath path, int flags, Console console, OutputStream out, long rdev) {
        super(path, flags);
        this.console = console;
        this.out = out;
        this.rdev = rdev;
    }

    @Override
    long read(Grant g, long offset, byte[] staging) {
        if (offset >= 0) {
            return -Errno.ESPIPE;
        }
        int n = console.input().read(staging, 0, Math.min(staging.length, g.length()));
        if (n == ConsoleInput.NOTHING_YET) {
            return nonBlocking() ? -Errno.EAGAIN : -Errno.WOULD_BLOCK;
        }
        if (n == 0) {
            return 0;
        }
        int put = g.copyIn(0, staging, 0, n);
        return put < 0 ? put : n;
    }

    @Override
    long write(Grant g, long offset, byte[] staging) {
        if (offset >= 0) {
            return -Errno.ESPIPE;
        }
        long done = 0;
        int total = g.length();
        try {
            synchronized (out) {
                while (done < total) {
                    int n = (int) Math.min(staging.length, total - done);
                    int got = g.copyOut((int) done, staging, 0, n);
                    if (got < 0) {
                        out.flush();
                        return done > 0 ? done : got;
                    }
                    out.write(staging, 0, n);
                    done += n;
                }
                out.flush();
            }
            return done;
        } catch (IOException e) {
            return done > 0 ? done : -Errno.EIO;
        }
    }

    @Override
    Stat stat() {
        Stat s = new Stat();
        s.dev = CONSOLE_DEV;
        s.ino = rdev;
        s.mode = LinuxFlags.S_IFCHR | 0620;
        s.rdev = rdev;
        s.blksize = 1024;
        return s;
    }

    @Override
    String describe() {
        return path != null ? path.toString() : "/dev/tty";
    }

    @Override
    int poll() {
        return (console.input().ready() ? LinuxFlags.POLLIN : 0) | LinuxFlags.POLLOUT;
    }

    @Override
    long available() {
        return console.input().available();
    }

    @Override
    boolean isTerminal() {
        return console.terminal;
    }

    @Override
    long fsync(boolean dataOnly) {
        return -Errno.EINVAL;
    }

    @Override
    Object lockKey() {
        return console;
    }
}

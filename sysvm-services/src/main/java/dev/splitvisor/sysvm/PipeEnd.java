package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;

/** One end of a {@link Pipe}, held by one handle. */
final class PipeEnd extends OpenFile {
    /** The st_dev of every pipe (Linux's pipefs is one anonymous device too). */
    private static final long PIPE_DEV = 0xd;

    private final Pipe pipe;
    private final boolean readEnd;

    PipeEnd(Pipe pipe, boolean readEnd, int flags) {
        super(null, (readEnd ? LinuxFlags.O_RDONLY : LinuxFlags.O_WRONLY) | flags);
        this.pipe = pipe;
        this.readEnd = readEnd;
        pipe.opened(readEnd);
    }

    @Override
    long read(Grant g, long offset, byte[] staging) {
        if (offset >= 0) {
            return -Errno.ESPIPE;
        }
        if (g.length() == 0) {
            return 0;
        }
        int got = pipe.read(staging, Math.min(staging.length, g.length()));
        if (got == Pipe.WAIT) {
            return nonBlocking() ? -Errno.EAGAIN : Pipe.WAIT;
        }
        if (got <= 0) {
            return got;
        }
        int put = g.copyIn(0, staging, 0, got);
        return put < 0 ? put : got;
    }

    @Override
    long write(Grant g, long offset, byte[] staging) {
        if (offset >= 0) {
            return -Errno.ESPIPE;
        }
        int total = g.length();
        boolean atomic = total <= Pipe.PIPE_BUF;
        long done = 0;
        while (done < total) {
            int n = (int) Math.min(staging.length, total - done);
            int got = g.copyOut((int) done, staging, 0, n);
            if (got < 0) {
                return done > 0 ? done : got;
            }
            int put = pipe.write(staging, n, atomic);
            if (put < 0) {
                if (done > 0) {
                    return done;
                }
                return put == Pipe.WAIT && nonBlocking() ? -Errno.EAGAIN : put;
            }
            done += put;
            if (put < n) {
                break;
            }
        }
        return done;
    }

    @Override
    Stat stat() {
        Stat s = new Stat();
        s.dev = PIPE_DEV;
        s.ino = pipe.ino;
        s.mode = LinuxFlags.S_IFIFO | 0600;
        s.atimeNanos = s.mtimeNanos = s.ctimeNanos = Tmpfs.now();
        return s;
    }

    @Override
    String describe() {
        return "pipe:[" + pipe.ino + "]";
    }

    @Override
    int poll() {
        return readEnd ? pipe.readEvents() : pipe.writeEvents();
    }

    @Override
    long available() {
        return pipe.available();
    }

    @Override
    void close() {
        pipe.closed(readEnd);
    }
}

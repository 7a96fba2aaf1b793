package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's system VM. Each user VM that attaches gets its own port, bound to that VM's
 * console; requests are served on the caller's thread (the in-process transport).
 */
public final class SystemVm {
    /** Bytes copied between a grant and a console stream at a time. */
    private static final int STAGING_BYTES = 64 * 1024;

    private final String tenant;
    private final AtomicLong served = new AtomicLong();

    public SystemVm(String tenant) {
        this.tenant = tenant;
    }

    /** The tenant this system VM belongs to. */
    public String tenant() {
        return tenant;
    }

    /** Requests served so far, over all attached VMs. */
    public long requestsServed() {
        return served.get();
    }

    /** Attaches a user VM whose standard handles reach {@code console}. */
    public HypercallPort attach(Console console) {
        // One staging buffer per attached VM: its requests arrive one at a time.
        byte[] staging = new byte[STAGING_BYTES];
        return request -> serve(console, staging, request);
    }

    private long serve(Console console, byte[] staging, HypercallRequest r) {
        served.incrementAndGet();
        switch (r.opcode) {
            case Opcode.NOP:
                return 0;
            case Opcode.CONSOLE_WRITE:
                return consoleWrite(console, staging, r);
            case Opcode.CONSOLE_READ:
                return consoleRead(console, staging, r);
            default:
                return -Errno.ENOSYS;
        }
    }

    private static long consoleWrite(Console console, byte[] chunk, HypercallRequest r) {
        if (r.handle != 1 && r.handle != 2) {
            return -Errno.EBADF;
        }
        Grant g = r.grant;
        if (g == null) {
            return -Errno.EFAULT;
        }
        int done = 0;
        try {
            while (done < g.length()) {
                int n = Math.min(chunk.length, g.length() - done);
                int got = g.copyOut(done, chunk, 0, n);
                if (got < 0) {
                    return done > 0 ? done : got;
                }
                (r.handle == 1 ? console.out : console.err).write(chunk, 0, n);
                done += n;
            }
            (r.handle == 1 ? console.out : console.err).flush();
            return done;
        } catch (IOException e) {
            return done > 0 ? done : -Errno.EPIPE;
        }
    }

    private static long consoleRead(Console console, byte[] chunk, HypercallRequest r) {
        if (r.handle != 0) {
            return -Errno.EBADF;
        }
        Grant g = r.grant;
        if (g == null) {
            return -Errno.EFAULT;
        }
        try {
            int n = console.in.read(chunk, 0, Math.min(chunk.length, g.length()));
            if (n <= 0) {
                return 0;
            }
            int put = g.copyIn(0, chunk, 0, n);
            return put < 0 ? put : n;
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }
}

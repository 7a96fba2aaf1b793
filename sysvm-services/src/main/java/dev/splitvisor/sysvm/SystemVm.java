package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's system VM. Each user VM that attaches gets its own session: its own namespace,
 * console and handles, behind its own port; requests are served on the caller's thread (the
 * in-process transport). Event counting and flock locks are shared by the tenant's sessions.
 */
public final class SystemVm {
    private static final Logger LOG = LoggerFactory.getLogger("sysvm");

    private final String tenant;
    private final AtomicLong served = new AtomicLong();
    final Events events = new Events();
    final FlockTable flocks = new FlockTable(events);

    /** A system VM for {@code tenant}. */
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

    /**
     * Attaches a user VM whose standard handles reach {@code console}, with the default
     * in-memory root.
     */
    public HypercallPort attach(Console console) {
        return attach(new SessionSpec().console(console));
    }

    /**
     * Attaches a user VM that sees what {@code spec} describes.
     *
     * @throws IllegalArgumentException when a host directory of the spec cannot be mounted
     */
    public HypercallPort attach(SessionSpec spec) {
        return new Session(this, spec);
    }

    /** Serves one request of {@code s}; never throws, whatever the request holds. */
    long serve(Session s, HypercallRequest r) {
        served.incrementAndGet();
        try {
            return dispatch(s, r);
        } catch (VfsError e) {
            return -e.errno;
        } catch (RuntimeException e) {
            LOG.warn("{} failed on a system-VM fault; the guest gets EIO", Opcode.name(r.opcode),
                    e);
            return -Errno.EIO;
        }
    }

    private static long dispatch(Session s, HypercallRequest r) {
        switch (r.opcode) {
            case Opcode.NOP: return 0;
            case Opcode.CONSOLE_WRITE: return HandleServices.console(s, r, true);
            case Opcode.CONSOLE_READ: return HandleServices.console(s, r, false);
            case Opcode.OPEN: return PathServices.open(s, r);
            case Opcode.CLOSE: return s.close(r.handle);
            case Opcode.READ: return HandleServices.read(s, r);
            case Opcode.WRITE: return HandleServices.write(s, r);
            case Opcode.SEEK: return HandleServices.seek(s, r);
            case Opcode.FSTAT: return AttributeServices.fstat(s, s.file(r.handle), r.grant);
            case Opcode.STAT: return AttributeServices.stat(s, r);
            case Opcode.GETDENTS: return HandleServices.getdents(s, r);
            case Opcode.MKDIR: return PathServices.mkdir(s, r);
            case Opcode.UNLINK: return PathServices.unlink(s, r);
            case Opcode.RENAME: return PathServices.rename(s, r);
            case Opcode.LINK: return PathServices.link(s, r);
            case Opcode.SYMLINK: return PathServices.symlink(s, r);
            case Opcode.READLINK: return AttributeServices.readlink(s, r);
            case Opcode.ACCESS: return AttributeServices.access(s, r);
            case Opcode.CHMOD: return AttributeServices.chmod(s, r);
            case Opcode.TRUNCATE: return HandleServices.truncate(s, r);
            case Opcode.FSYNC: return HandleServices.fsync(s, r);
            case Opcode.UTIMENS: return AttributeServices.utimens(s, r);
            case Opcode.PIPE: return HandleServices.pipe(s, r);
            case Opcode.EVENTFD: return HandleServices.eventfd(s, r);
            case Opcode.GETFL: return HandleServices.getfl(s, r);
            case Opcode.SETFL: return HandleServices.setfl(s, r);
            case Opcode.IOCTL: return HandleServices.ioctl(s, r);
            case Opcode.POLL: return HandleServices.poll(s, r);
            case Opcode.GETPATH: return HandleServices.getpath(s, r);
            case Opcode.STATFS: return AttributeServices.statfs(s, r);
            case Opcode.FLOCK: return HandleServices.flock(s, r);
            default: return -Errno.ENOSYS;
        }
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingPort;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's system VM. Each user VM that attaches gets its own session: its own namespace,
 * console and handles, behind its own port; requests are served on the caller's thread (the
 * in-process transport). Event counting, flock locks and the tenant's {@link Quotas} are
 * shared by the tenant's sessions.
 */
public final class SystemVm {
    private static final Logger LOG = LoggerFactory.getLogger("sysvm");

    private final String tenant;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();
    /** Where host faults were already logged: each place is logged once, then only counted. */
    private final Set<String> faultsLogged = ConcurrentHashMap.newKeySet();
    final Events events = new Events();
    final FlockTable flocks = new FlockTable(events);

    private final Quotas quotas;
    /** The tenant's handles, past each session's console (ENFILE). */
    final Quota handles;
    /** The tenant's sockets (ENFILE). */
    final Quota sockets;
    /** The bytes of all the tenant's tmpfs file systems (ENOSPC). */
    final Quota tmpBytes;
    /** The tenant's writable volumes and their bytes (EDQUOT). */
    final Volumes volumes;

    private final RingConfig ringMode;
    private RingServer rings;
    private volatile boolean closed;

    /** A system VM for {@code tenant}; {@link #attach} gives direct (in-process) ports. */
    public SystemVm(String tenant) {
        this(tenant, null);
    }

    /**
     * A system VM for {@code tenant} in ring mode: {@link #attach} gives ring ports served by
     * {@code rings.serverThreads()} host threads (null: direct ports, as the other constructor).
     */
    public SystemVm(String tenant, RingConfig rings) {
        this(tenant, rings, Quotas.DEFAULT);
    }

    /**
     * A system VM for {@code tenant} whose sessions together stay within {@code quotas}, in
     * ring mode when {@code rings} is not null.
     */
    public SystemVm(String tenant, RingConfig rings, Quotas quotas) {
        this.tenant = tenant;
        this.ringMode = rings;
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.handles = new Quota("handles", quotas.handles(), Errno.ENFILE, null);
        this.sockets = new Quota("sockets", quotas.sockets(), Errno.ENFILE, null);
        this.tmpBytes = new Quota("tmpfs bytes", quotas.tmpBytes(), Errno.ENOSPC, null);
        this.volumes = new Volumes(quotas);
    }

    /** The tenant's limits. */
    public Quotas quotas() {
        return quotas;
    }

    /**
     * What the tenant's sessions use now, in the units of its {@link #quotas()}: handles,
     * sockets, tmpfs bytes, and volume bytes (0 while volumes are not counted).
     */
    public Quotas usage() {
        return new Quotas(handles.used(), sockets.used(), tmpBytes.used(),
                volumes.counting() ? volumes.bytes.used() : 0);
    }

    /**
     * Requests that failed on a fault of the system VM itself (an exception where none was
     * expected) and answered EIO; each place is logged once, at WARN, with its stack trace.
     */
    public long hostFaults() {
        return faults.get();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
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
     * @throws IllegalStateException when the session's or the tenant's tmpfs quota has no room
     *     for the new session's /dev (and in-memory root)
     * @throws IllegalStateException after {@link #close()}
     */
    public HypercallPort attach(SessionSpec spec) {
        checkOpen();
        return ringMode != null ? attachRing(spec) : new Session(this, spec);
    }

    /**
     * Attaches a user VM through a region of shared rings, whatever the mode, served by this
     * system VM's {@link #ringServer()}.
     *
     * @throws IllegalArgumentException when a host directory of the spec cannot be mounted
     * @throws IllegalStateException after {@link #close()}
     */
    public RingPort attachRing(SessionSpec spec) {
        checkOpen();
        return ringServer().attach(new Session(this, spec));
    }

    private void checkOpen() {
        if (closed) {
            // Its ring threads are gone and its ports released: a new port would never answer.
            throw new IllegalStateException("the system VM of tenant " + tenant + " is closed");
        }
    }

    /**
     * The threads serving this system VM's rings, started on first use.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized RingServer ringServer() {
        checkOpen(); // under the lock, so that a close cannot leave new threads behind
        if (rings == null) {
            rings = new RingServer(this, ringMode != null ? ringMode : RingConfig.DEFAULT);
        }
        return rings;
    }

    /** Serves one request of {@code s}; never throws, whatever the request holds. */
    long serve(Session s, HypercallRequest r) {
        served.incrementAndGet();
        try {
            return dispatch(s, r);
        } catch (VfsError e) {
            return -e.errno;
        } catch (RuntimeException e) {
            hostFault(Opcode.name(r.opcode), e);
            return -Errno.EIO;
        }
    }

    /**
     * Counts a fault of the system VM during {@code what} and logs it the first time it comes
     * from its place (the exception's type and the frame that threw), so a guest that repeats
     * the request cannot flood the log.
     */
    void hostFault(String what, RuntimeException e) {
        faults.incrementAndGet();
        StackTraceElement[] at = e.getStackTrace();
        String place = what + " " + e.getClass().getName() + (at.length > 0 ? " " + at[0] : "");
        if (faultsLogged.add(place)) {
            LOG.warn("tenant {}: {} failed on a system-VM fault; the guest gets EIO (logged once;"
                    + " see hostFaults() for the count)", tenant, what, e);
        } else {
            LOG.debug("tenant {}: {} failed again: {}", tenant, what, e.toString());
        }
    }

    /** Test access: how many places have been logged. */
    int faultPlacesLogged() {
        return faultsLogged.size();
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
            case Opcode.SOCKET: return SocketServices.socket(s, r);
            case Opcode.SOCKETPAIR: return SocketServices.socketpair(s, r);
            case Opcode.BIND: return SocketServices.bind(s, r);
            case Opcode.CONNECT: return SocketServices.connect(s, r);
            case Opcode.LISTEN: return SocketServices.listen(s, r);
            case Opcode.ACCEPT: return SocketServices.accept(s, r);
            case Opcode.SENDTO: return SocketServices.sendto(s, r);
            case Opcode.RECVFROM: return SocketServices.recvfrom(s, r);
            case Opcode.SHUTDOWN: return SocketServices.shutdown(s, r);
            case Opcode.GETSOCKOPT: return SocketServices.getsockopt(s, r);
            case Opcode.SETSOCKOPT: return SocketServices.setsockopt(s, r);
            case Opcode.GETSOCKNAME: return SocketServices.getsockname(s, r);
            case Opcode.GETPEERNAME: return SocketServices.getpeername(s, r);
            case Opcode.EPOLL_CREATE: return SocketServices.epollCreate(s, r);
            case Opcode.EPOLL_CTL: return SocketServices.epollCtl(s, r);
            case Opcode.EPOLL_WAIT: return SocketServices.epollWait(s, r);
            default: return -Errno.ENOSYS;
        }
    }

    /** The tenant's network policy: what its VMs may reach on the host, and published ports. */
    public NetworkPolicy network() {
        return Network.of(this).policy;
    }

    /**
     * Releases the tenant's host resources: published ports, host connections and the ring
     * server's threads. Later attaches fail; ports already attached are served no more.
     */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Network.closeOf(this);
        synchronized (this) {
            if (rings != null) {
                rings.close();
            }
        }
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One attached user VM: its namespace, its console, its handle table, its quotas and its port.
 * Handles are numbers into this session's own table, so a handle of another session names
 * nothing here (EBADF). Requests of one session are served one at a time, which lets them
 * share one staging buffer; different sessions run in parallel.
 *
 * <p>Quotas: the table's size is the session's handle limit (EMFILE); every handle past the
 * console's three also takes one of the tenant's handles (ENFILE), given back on close.
 * {@link #tmp} and {@link #sockets} are the session's shares inside the tenant's. Once
 * detached, the session answers ECANCELED and its tmpfs bytes no longer count for the tenant.
 */
final class Session implements HypercallPort {
    /** Bytes copied between a grant and a file at a time. */
    static final int STAGING_BYTES = 64 * 1024;
    /** Status flags GETFL reports and open keeps. */
    static final int STATUS_FLAGS = LinuxFlags.O_ACCMODE | LinuxFlags.O_APPEND
            | LinuxFlags.O_NONBLOCK | 0x1000 /* O_DSYNC */ | 0x101000 /* O_SYNC */
            | 0x4000 /* O_DIRECT */ | 0x8000 /* O_LARGEFILE */ | 0x40000 /* O_NOATIME */
            | LinuxFlags.O_PATH;

    final SystemVm vm;
    final Console console;
    final Namespace namespace;
    final PathResolver resolver;
    final Terminal terminal = new Terminal();
    final RandomGenerator random;
    final byte[] staging = new byte[STAGING_BYTES];
    /** The console's input, standard output and standard error, even once 0-2 are closed. */
    final ConsoleFile[] consoleFiles;

    /** The bytes of the session's tmpfs file systems, inside the tenant's (ENOSPC). */
    final Quota tmp;
    /** The session's sockets, inside the tenant's (EMFILE, then ENFILE). */
    final Quota sockets;

    private final OpenFile[] handles;
    private int live;
    private int nextFree = 3;
    /** Tenant handles taken by {@link #reserve} for installs still to come in this request. */
    private int credits;
    private boolean detached;

    Session(SystemVm vm, SessionSpec spec) {
        this.vm = vm;
        this.console = spec.console();
        this.handles = new OpenFile[spec.maxHandles()];
        this.tmp = new Quota("tmpfs bytes", spec.tmpLimitBytes(), Errno.ENOSPC, vm.tmpBytes);
        this.sockets = new Quota("sockets", spec.maxSockets(), Errno.EMFILE, vm.sockets);
        this.namespace = buildNamespace(vm, spec, tmp);
        this.resolver = new PathResolver(namespace);
        Long seed = spec.randomSeed();
        this.random = seed != null ? new SplittableRandom(seed) : new SecureRandom();
        console.input().listen(vm.events);
        consoleFiles = new ConsoleFile[] {
            new ConsoleFile(null, LinuxFlags.O_RDONLY, console, console.out, DeviceFiles.CONSOLE),
            new ConsoleFile(null, LinuxFlags.O_WRONLY, console, console.out, DeviceFiles.CONSOLE),
            new ConsoleFile(null, LinuxFlags.O_WRONLY, console, console.err, DeviceFiles.CONSOLE),
        };
        for (int h = 0; h < 3; h++) {
            handles[h] = consoleFiles[h];
        }
        live = 3;
    }

    /** The namespace of {@code spec}; a failed build gives its tmpfs bytes back to the tenant. */
    private static Namespace buildNamespace(SystemVm vm, SessionSpec spec, Quota tmp) {
        try {
            return Namespace.build(spec, DeviceFiles.create(tmp), tmp, vm.volumes);
        } catch (VfsError e) {
            tmp.leaveParent();
            // The skeleton (/dev's nodes, the in-memory root's directories) takes tmpfs room.
            throw new IllegalStateException("cannot attach a VM to tenant " + vm.tenant()
                    + ": its tmpfs skeleton does not fit (errno " + e.errno + "; session "
                    + tmp + ", tenant " + vm.tmpBytes + "); raise tmpLimitBytes or the"
                    + " tenant's Quotas.tmpBytes");
        } catch (RuntimeException e) {
            tmp.leaveParent();
            throw e;
        }
    }

    @Override
    public synchronized long call(HypercallRequest request) {
        if (detached) {
            return -Errno.ECANCELED;
        }
        try {
            return vm.serve(this, request);
        } finally {
            if (credits > 0) {
                vm.handles.give(credits);
                credits = 0;
            }
        }
    }

    @Override
    public long eventCount() {
        return vm.events.count();
    }

    @Override
    public void awaitEvent(long seen, long timeoutNanos) throws InterruptedException {
        vm.events.await(seen, timeoutNanos);
    }

    /**
     * Closes every handle (so peers see EOF, EPIPE or a hang-up, and flocks go), then gives the
     * session's tmpfs bytes back to the tenant; later calls answer ECANCELED. A host fault while
     * closing one handle does not keep the others open.
     */
    @Override
    public synchronized void detach() {
        if (detached) {
            return;
        }
        detached = true;
        for (int h = 0; h < handles.length; h++) {
            if (handles[h] != null) {
                try {
                    close(h);
                } catch (RuntimeException e) {
                    vm.hostFault("close at detach", e);
                }
            }
        }
        tmp.leaveParent();
    }

    /** The size of the handle table: the session's handle limit. */
    int maxHandles() {
        return handles.length;
    }

    /** The open file behind {@code handle}; throws EBADF when there is none. */
    synchronized OpenFile file(int handle) {
        OpenFile f = handle >= 0 && handle < handles.length ? handles[handle] : null;
        if (f == null) {
            throw new VfsError(Errno.EBADF);
        }
        return f;
    }

    /** The open file behind {@code handle}, or null. */
    synchronized OpenFile fileOrNull(int handle) {
        return handle >= 0 && handle < handles.length ? handles[handle] : null;
    }

    /**
     * Throws EMFILE unless {@code n} more handles fit in the table, ENFILE unless the tenant
     * has {@code n} more; holds the tenant's until the request ends, so that the installs of
     * a pair (a pipe, a socket pair) cannot fail halfway because another session took them.
     */
    synchronized void reserve(int n) {
        int free = 0;
        for (int h = nextFree; h < handles.length && free < n; h++) {
            free += handles[h] == null ? 1 : 0;
        }
        if (free < n) {
            throw new VfsError(Errno.EMFILE);
        }
        if (credits < n) {
            vm.handles.take(n - credits);
            credits = n;
        }
    }

    /**
     * Gives {@code f} the lowest free handle from 3 up; closes it and throws on EMFILE (the
     * session's table is full) or ENFILE (the tenant's handles are).
     */
    synchronized int install(OpenFile f) {
        int h = nextFree;
        while (h < handles.length && handles[h] != null) {
            h++;
        }
        try {
            if (h == handles.length) {
                throw new VfsError(Errno.EMFILE);
            }
            if (credits > 0) {
                credits--;
            } else {
                vm.handles.take(1);
            }
        } catch (VfsError e) {
            f.close();
            throw e;
        }
        handles[h] = f;
        live++;
        nextFree = h + 1;
        return h;
    }

    /** Releases {@code handle}: its flocks go, then the open file. */
    synchronized long close(int handle) {
        OpenFile f = file(handle);
        handles[handle] = null;
        live--;
        if (handle >= 3) {
            vm.handles.give(1); // only installs, always from 3 up, took one of the tenant's
            nextFree = Math.min(nextFree, handle);
        }
        try {
            vm.flocks.release(f);
        } finally {
            f.close();
        }
        return 0;
    }
}

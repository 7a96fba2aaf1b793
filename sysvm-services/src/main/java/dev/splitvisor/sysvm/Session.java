package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One attached user VM: its namespace, its console, its handle table and its port. Handles
 * are numbers into this session's own table, so a handle of another session names nothing
 * here (EBADF). Requests of one session are served one at a time, which lets them share one
 * staging buffer; different sessions run in parallel.
 */
final class Session implements HypercallPort {
    /** Live handles a session may hold, counting the console's three. */
    static final int MAX_HANDLES = 4096;
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

    private final OpenFile[] handles = new OpenFile[MAX_HANDLES];
    private int live;
    private int nextFree = 3;

    Session(SystemVm vm, SessionSpec spec) {
        this.vm = vm;
        this.console = spec.console();
        this.namespace = Namespace.build(spec, DeviceFiles.create(spec.tmpLimitBytes()));
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

    @Override
    public synchronized long call(HypercallRequest request) {
        return vm.serve(this, request);
    }

    @Override
    public long eventCount() {
        return vm.events.count();
    }

    @Override
    public void awaitEvent(long seen, long timeoutNanos) throws InterruptedException {
        vm.events.await(seen, timeoutNanos);
    }

    @Override
    public synchronized void detach() {
        for (int h = 0; h < MAX_HANDLES; h++) {
            if (handles[h] != null) {
                close(h);
            }
        }
    }

    /** The open file behind {@code handle}; throws EBADF when there is none. */
    synchronized OpenFile file(int handle) {
        OpenFile f = handle >= 0 && handle < MAX_HANDLES ? handles[handle] : null;
        if (f == null) {
            throw new VfsError(Errno.EBADF);
        }
        return f;
    }

    /** The open file behind {@code handle}, or null. */
    synchronized OpenFile fileOrNull(int handle) {
        return handle >= 0 && handle < MAX_HANDLES ? handles[handle] : null;
    }

    /** Throws EMFILE unless {@code n} more handles fit. */
    synchronized void reserve(int n) {
        int free = 0;
        for (int h = nextFree; h < MAX_HANDLES && free < n; h++) {
            free += handles[h] == null ? 1 : 0;
        }
        if (free < n) {
            throw new VfsError(Errno.EMFILE);
        }
    }

    /** Gives {@code f} the lowest free handle from 3 up; closes it and throws on EMFILE. */
    synchronized int install(OpenFile f) {
        int h = nextFree;
        while (h < MAX_HANDLES && handles[h] != null) {
            h++;
        }
        if (h == MAX_HANDLES) {
            f.close();
            throw new VfsError(Errno.EMFILE);
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
        if (handle >= 3 && handle < nextFree) {
            nextFree = handle;
        }
        vm.flocks.release(f);
        f.close();
        return 0;
    }
}

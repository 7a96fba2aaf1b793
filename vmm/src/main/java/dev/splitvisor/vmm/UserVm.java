package dev.splitvisor.vmm;

import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.kernel.ElfFormatException;
import dev.splitvisor.kernel.ElfImage;
import dev.splitvisor.kernel.Microkernel;
import dev.splitvisor.sysvm.Mount;
import dev.splitvisor.sysvm.SessionSpec;
import dev.splitvisor.sysvm.SystemVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * One user VM: one vCPU, its processes, one microkernel instance, attached to its tenant's
 * system VM through a session that shows it its root, volumes and console. Created from a host
 * program file; {@link #run} runs it to its end. A VM started through {@link Tenants} holds a
 * lease on its tenant's system VM from its start to the end of {@link #run}.
 */
public final class UserVm {
    private final Microkernel kernel;
    private final SystemVm systemVm;
    private final long bootNanos;
    /** The lease on the tenant's system VM, or null when started on a given system VM. */
    private Tenants.Lease lease;

    private UserVm(Microkernel kernel, SystemVm systemVm, long bootNanos) {
        this.kernel = kernel;
        this.systemVm = systemVm;
        this.bootNanos = bootNanos;
    }

    /**
     * Boots the program in a new user VM of {@code tenant}, starting the tenant's system VM if
     * it has none running, and keeping it until {@link #run} returns. Errors are as for
     * {@link #start(SystemVm, LaunchSpec)}.
     */
    public static UserVm start(Tenants tenants, String tenant, LaunchSpec spec)
            throws VmStartException {
        Tenants.Lease held = tenants.acquire(tenant);
        try {
            UserVm vm = start(held.systemVm(), spec);
            vm.lease = held;
            return vm;
        } catch (VmStartException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /**
     * Reads the program from the host and boots it. Errors that the user caused (no such
     * file, not an x86-64 ELF, a missing interpreter) come back as {@link VmStartException}
     * with a one-line message.
     */
    public static UserVm start(SystemVm systemVm, LaunchSpec spec) throws VmStartException {
        byte[] bytes = readProgram(spec.program);
        long t0 = System.nanoTime();
        SessionSpec session = new SessionSpec().console(spec.console)
                .rootLayers(spec.rootLayers())
                .tmpLimitBytes(spec.tmpLimitBytes).maxHandles(spec.maxHandles)
                .maxSockets(spec.maxSockets)
                .randomSeed(spec.kernel.deterministic ? spec.kernel.seed : null);
        for (LaunchSpec.Volume v : spec.volumes) {
            if (!Files.isDirectory(v.hostPath)) {
                throw new VmStartException("--volume: not a directory: " + v.hostPath);
            }
            session.mount(new Mount(v.hostPath.toAbsolutePath(), v.guestPath, v.readOnly));
        }
        String exePath = guestPathOf(spec);
        if (exePath.startsWith(LaunchSpec.PROGRAM_DIR + "/")) {
            session.mount(new Mount(spec.program.toAbsolutePath(), exePath, true));
        }
        ElfImage image;
        try {
            image = ElfImage.parse(spec.program.toString(), bytes);
        } catch (ElfFormatException e) {
            throw new VmStartException(e.getMessage());
        }
        HypercallPort port;
        try {
            port = systemVm.attach(session);
        } catch (IllegalArgumentException e) {
            // A root layer that is missing, not a directory or tar archive, or damaged.
            throw new VmStartException(e.getMessage());
        }
        try {
            Microkernel k = Microkernel.boot(image, exePath, spec.argv, spec.env, port,
                    spec.kernel);
            return new UserVm(k, systemVm, System.nanoTime() - t0);
        } catch (ElfFormatException e) {
            port.detach(); // a ring port holds a region and a place in the ring server
            throw new VmStartException(e.getMessage());
        } catch (RuntimeException e) {
            port.detach();
            throw e;
        }
    }

    /**
     * The program's path inside the guest: its place under a --root directory when it lies
     * there (the topmost such layer), else /app/NAME, where it is mounted read-only.
     */
    static String guestPathOf(LaunchSpec spec) {
        Path program = spec.program.toAbsolutePath().normalize();
        List<Path> layers = spec.rootLayers();
        for (int k = layers.size() - 1; k >= 0; k--) {
            Path root = layers.get(k).toAbsolutePath().normalize();
            if (Files.isDirectory(root) && program.startsWith(root)) {
                return "/" + root.relativize(program).toString();
            }
        }
        return LaunchSpec.PROGRAM_DIR + "/" + program.getFileName();
    }

    static byte[] readProgram(Path program) throws VmStartException {
        if (Files.isDirectory(program)) {
            throw new VmStartException("is a directory, not a program: " + program);
        }
        try {
            return Files.readAllBytes(program);
        } catch (NoSuchFileException e) {
            throw new VmStartException("no such file: " + program);
        } catch (IOException e) {
            throw new VmStartException("cannot read " + program + ": " + e.getMessage());
        }
    }

    /**
     * Runs the VM until its first process ends; returns its exit status (128 + signal). The
     * VM's lease on its system VM, if any, is released on return.
     */
    public int run() {
        try {
            return kernel.runToExit();
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** The microkernel, for statistics and inspection. */
    public Microkernel kernel() {
        return kernel;
    }

    /** The system VM serving this VM's I/O. */
    public SystemVm systemVm() {
        return systemVm;
    }

    /** Nanoseconds spent creating the VM (parse, load, stack), not counting the file read. */
    public long bootNanos() {
        return bootNanos;
    }
}

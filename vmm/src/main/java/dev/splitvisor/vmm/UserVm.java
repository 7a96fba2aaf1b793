package dev.splitvisor.vmm;

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

/**
 * One user VM: one vCPU, its processes, one microkernel instance, attached to its tenant's
 * system VM through a session that shows it its root, volumes and console. Created from a host
 * program file; {@link #run} runs it to its end.
 */
public final class UserVm {
    private final Microkernel kernel;
    private final long bootNanos;

    private UserVm(Microkernel kernel, long bootNanos) {
        this.kernel = kernel;
        this.bootNanos = bootNanos;
    }

    /**
     * Reads the program from the host and boots it. Errors that the user caused (no such
     * file, not an x86-64 ELF, a missing interpreter) come back as {@link VmStartException}
     * with a one-line message.
     */
    public static UserVm start(SystemVm systemVm, LaunchSpec spec) throws VmStartException {
        byte[] bytes = readProgram(spec.program);
        long t0 = System.nanoTime();
        SessionSpec session = new SessionSpec().console(spec.console).rootDir(spec.root)
                .tmpLimitBytes(spec.tmpLimitBytes)
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
        try {
            ElfImage image = ElfImage.parse(spec.program.toString(), bytes);
            Microkernel k = Microkernel.boot(image, exePath, spec.argv, spec.env,
                    systemVm.attach(session), spec.kernel);
            return new UserVm(k, System.nanoTime() - t0);
        } catch (ElfFormatException e) {
            throw new VmStartException(e.getMessage());
        }
    }

    /**
     * The program's path inside the guest: its place under --root when it lies there, else
     * /app/NAME, where it is mounted read-only.
     */
    static String guestPathOf(LaunchSpec spec) {
        Path program = spec.program.toAbsolutePath().normalize();
        if (spec.root != null) {
            Path root = spec.root.toAbsolutePath().normalize();
            if (program.startsWith(root)) {
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

    /** Runs the VM until its first process ends; returns its exit status (128 + signal). */
    public int run() {
        return kernel.runToExit();
    }

    /** The microkernel, for statistics and inspection. */
    public Microkernel kernel() {
        return kernel;
    }

    /** Nanoseconds spent creating the VM (parse, load, stack), not counting the file read. */
    public long bootNanos() {
        return bootNanos;
    }
}

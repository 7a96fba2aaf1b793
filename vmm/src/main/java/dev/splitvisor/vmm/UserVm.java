package dev.splitvisor.vmm;

import dev.splitvisor.kernel.ElfFormatException;
import dev.splitvisor.kernel.ElfImage;
import dev.splitvisor.kernel.KernelOptions;
import dev.splitvisor.kernel.Microkernel;
import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * One user VM: one vCPU, one address space, one microkernel instance, attached to its tenant's
 * system VM. Created from a host program file; {@link #run} runs it to its exit.
 */
public final class UserVm {
    private final Microkernel kernel;
    private final long bootNanos;

    private UserVm(Microkernel kernel, long bootNanos) {
        this.kernel = kernel;
        this.bootNanos = bootNanos;
    }

    /**
     * Reads {@code program} from the host and boots it. Errors that the user caused (no such
     * file, not an x86-64 ELF) come back as {@link VmStartException} with a one-line message.
     */
    public static UserVm start(Path program, List<String> argv, List<String> env,
            SystemVm systemVm, Console console, KernelOptions options) throws VmStartException {
        byte[] bytes = readProgram(program);
        long t0 = System.nanoTime();
        try {
            ElfImage image = ElfImage.parse(program.toString(), bytes);
            Microkernel k = Microkernel.boot(image, argv, env, systemVm.attach(console), options);
            return new UserVm(k, System.nanoTime() - t0);
        } catch (ElfFormatException e) {
            throw new VmStartException(e.getMessage());
        }
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

    /** Runs the program to its end and returns its exit status (128 + signal if killed). */
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

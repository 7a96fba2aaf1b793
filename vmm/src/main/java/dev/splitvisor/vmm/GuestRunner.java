package dev.splitvisor.vmm;

import dev.splitvisor.sysvm.Console;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program in a user VM, under QEMU or natively, and measures it (for demo and bench). */
final class GuestRunner {
    /** One measured run. */
    static final class Result {
        final int status;
        final long instructions;
        final long nanos;
        final long bootNanos;
        final String stdout;

        Result(int status, long instructions, long nanos, long bootNanos, String stdout) {
            this.status = status;
            this.instructions = instructions;
            this.nanos = nanos;
            this.bootNanos = bootNanos;
            this.stdout = stdout;
        }
    }

    private GuestRunner() {
    }

    /** The folder holding the bundled example programs. */
    static Path examples() {
        String home = System.getProperty("splitvisor.home", ".");
        return Path.of(home, "testsuite", "guest", "bin");
    }

    /** Runs {@code program} in a fresh user VM with captured output. */
    static Result inUserVm(Tenants tenants, Path program, List<String> args)
            throws VmStartException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UserVm vm = start(tenants, program, args, out);
        long t0 = System.nanoTime();
        int status = vm.run();
        long nanos = System.nanoTime() - t0;
        return new Result(status, vm.kernel().instructionsRetired(), nanos, vm.bootNanos(),
                out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code program} in a fresh user VM of the tenant "demo", its stdout going to
     * {@code out} and its stderr discarded, ready to {@link UserVm#run()}.
     */
    static UserVm start(Tenants tenants, Path program, List<String> args, OutputStream out)
            throws VmStartException {
        LaunchSpec spec = LaunchSpec.of(program, args);
        spec.argv.set(0, program.getFileName().toString());
        spec.env.add("PATH=/bin");
        spec.console = new Console(new ByteArrayInputStream(new byte[0]), out,
                OutputStream.nullOutputStream());
        return UserVm.start(tenants, "demo", spec);
    }

    /** Runs a host command with output discarded; returns wall nanoseconds, or -1 if it failed. */
    static long host(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            long t = System.nanoTime() - t0;
            return p.exitValue() == 0 ? t : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** The path of qemu-x86_64-static when installed, else null. */
    static String qemu() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "qemu-x86_64-static");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}

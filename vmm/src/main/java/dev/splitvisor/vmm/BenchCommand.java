package dev.splitvisor.vmm;

import dev.splitvisor.hypercall.ring.RingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitvisor bench}: guest instructions per second on an integer-heavy program, side by
 * side in one run with qemu-x86_64-static and native execution of the same binary.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure guest instructions per second, side by side with"
                + " qemu-x86_64-static and native execution of the same binary.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM",
            description = "Program (default: the bundled bench_int.musl).")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments (default: 0).")
    List<String> args = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs each (default 5).")
    int runs = 5;

    @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured emulator runs first"
            + " (default 2).")
    int warmup = 2;

    @Option(names = "--syscalls", description = "Instead: system-call costs (static hello start"
            + " to exit, 200,000 writes to /dev/null and 4 KiB preads of a file over each"
            + " transport, fork + exec + wait),"
            + " side by side.")
    boolean syscalls;

    @Option(names = "--vms", paramLabel = "N", description = "Instead: N user VMs of one tenant"
            + " writing to /dev/null at once, over each transport: total throughput and the"
            + " spread between the fastest and the slowest VM.")
    int vms;

    @Option(names = "--calls", paramLabel = "N", description = "Writes per VM with --vms"
            + " (default 20000).")
    long calls = 20_000;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0 || vms < 0 || calls < 1) {
            System.err.println("splitvisor: bench needs --runs and --calls of at least 1,"
                    + " --warmup and --vms of at least 0");
            return 2;
        }
        if (syscalls) {
            return syscallBench();
        }
        if (vms > 0) {
            return fleetBench();
        }
        Path p = program != null ? program : GuestRunner.examples().resolve("bench_int.musl");
        List<String> a = program != null || !args.isEmpty() ? args : List.of("0");
        try (Tenants tenants = new Tenants()) {
            return instructionBench(tenants, p, a);
        }
    }

    private int instructionBench(Tenants tenants, Path p, List<String> a)
            throws VmStartException {
        for (int k = 0; k < warmup; k++) {
            GuestRunner.inUserVm(tenants, p, a);
        }
        long emu = Long.MAX_VALUE;
        long instructions = 0;
        for (int k = 0; k < runs; k++) {
            GuestRunner.Result r = GuestRunner.inUserVm(tenants, p, a);
            emu = Math.min(emu, r.nanos);
            instructions = r.instructions;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(p.toString());
        cmd.addAll(a);
        String qemuTool = GuestRunner.qemu();
        long qemu = best(prefixed(qemuTool, cmd));
        List<String> singleStep = prefixed(qemuTool, cmd);
        if (singleStep != null) {
            singleStep.add(1, "-singlestep");
        }
        long qemuOneInsn = best(singleStep);
        long nativeNanos = best(cmd);
        System.out.printf("program: %s %s (%,d guest instructions, counted by Splitvisor)%n", p,
                String.join(" ", a), instructions);
        row("splitvisor (interpreter)", emu, instructions, emu);
        row("qemu-x86_64-static", qemu, instructions, emu);
        row("qemu, one insn per block", qemuOneInsn, instructions, emu);
        row("native", nativeNanos, instructions, emu);
        return 0;
    }

    private int syscallBench() throws VmStartException {
        try (Tenants tenants = new Tenants()) {
            return syscallBench(tenants);
        }
    }

    private int syscallBench(Tenants tenants) throws VmStartException {
        Path bin = GuestRunner.examples();
        System.out.println("Each figure is the best of " + runs + " runs (hello: of " + runs * 20
                + ", after " + HELLO_WARMUP + " unmeasured starts, as in a long-running host)."
                + " Splitvisor times a user VM from creation to exit inside this JVM;"
                + " qemu-x86_64-static and native times include the host's process creation.");
        System.out.printf("%-34s %14s %14s %14s%n", "case", "splitvisor", "qemu-x86_64",
                "native");
        perRun(tenants, "static hello, musl (per start)", bin.resolve("hello.musl"), List.of(),
                1, HELLO_WARMUP, runs * 20);
        perRun(tenants, "static hello, glibc (per start)", bin.resolve("hello.glibc"), List.of(),
                1, HELLO_WARMUP, runs * 20);
        perRun(tenants, "write(16 B) to /dev/null (per call)", bin.resolve("bench_sys.musl"),
                List.of("write", "200000"), 200_000, warmup, runs);
        perRun(tenants, "pread(4 KiB) of a cached file", bin.resolve("bench_sys.musl"),
                List.of("read", "200000"), 200_000, warmup, runs);
        perRun(tenants, "fork + exec + wait (per round)", bin.resolve("bench_sys.musl"),
                List.of("spawn", "200"), 200, warmup, runs);
        // The same writes through the shared rings, served by the system VM's threads: what a
        // request costs when it crosses to another host thread (qemu and native repeated).
        try (Tenants rings = new Tenants(RingConfig.DEFAULT, Duration.ofSeconds(30))) {
            perRun(rings, "write(16 B), over the rings", bin.resolve("bench_sys.musl"),
                    List.of("write", "200000"), 200_000, warmup, runs);
            perRun(rings, "pread(4 KiB), over the rings", bin.resolve("bench_sys.musl"),
                    List.of("read", "200000"), 200_000, warmup, runs);
        }
        return 0;
    }

    private int fleetBench() throws Exception {
        FleetBench bench = new FleetBench(GuestRunner.examples().resolve("bench_sys.musl"), vms,
                calls);
        System.out.printf("%d user VMs of one tenant, each writing 16 bytes to /dev/null %,d"
                + " times, all released at once; each VM has a host thread, the host has %d"
                + " cores.%n", vms, calls, Runtime.getRuntime().availableProcessors());
        boolean ok;
        try (Tenants rings = new Tenants(RingConfig.DEFAULT, Duration.ofSeconds(30))) {
            ok = bench.measure(rings, "rings");
        }
        try (Tenants direct = new Tenants()) {
            ok &= bench.measure(direct, "direct");
        }
        return ok ? 0 : 1;
    }

    /** Unmeasured starts of the hello rows: the JIT compiles the start path first. */
    private static final int HELLO_WARMUP = 200;

    /** One row: the best whole-run time of each runner, divided by {@code per}. */
    private void perRun(Tenants tenants, String title, Path p, List<String> a, int per,
            int warm, int tries) throws VmStartException {
        for (int k = 0; k < warm; k++) {
            GuestRunner.inUserVm(tenants, p, a);
        }
        long emu = Long.MAX_VALUE;
        for (int k = 0; k < tries; k++) {
            GuestRunner.Result r = GuestRunner.inUserVm(tenants, p, a);
            if (r.status != 0) {
                System.out.printf("%-34s splitvisor run failed with status %d%n", title,
                        r.status);
                return;
            }
            emu = Math.min(emu, r.bootNanos + r.nanos);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(p.toString());
        cmd.addAll(a);
        long qemu = best(prefixed(GuestRunner.qemu(), cmd), tries);
        long nativeNanos = best(cmd, tries);
        System.out.printf("%-34s %14s %14s %14s%n", title, micros(emu, per), micros(qemu, per),
                micros(nativeNanos, per));
    }

    private static String micros(long nanos, int per) {
        return nanos < 0 ? "n/a" : String.format("%.2f us", nanos / 1e3 / per);
    }

    private long best(List<String> cmd) {
        return best(cmd, runs);
    }

    private static long best(List<String> cmd, int tries) {
        if (cmd == null) {
            return -1;
        }
        long best = Long.MAX_VALUE;
        for (int k = 0; k < tries; k++) {
            long t = GuestRunner.host(cmd);
            if (t < 0) {
                return -1;
            }
            best = Math.min(best, t);
        }
        return best;
    }

    private static List<String> prefixed(String tool, List<String> cmd) {
        if (tool == null) {
            return null;
        }
        List<String> c = new ArrayList<>();
        c.add(tool);
        c.addAll(cmd);
        return c;
    }

    private static void row(String name, long nanos, long instructions, long emu) {
        if (nanos < 0) {
            System.out.printf("%-26s not available%n", name);
            return;
        }
        System.out.printf("%-26s %9.3f s  %8.1f M instr/s  (%.2fx splitvisor's time)%n", name,
                nanos / 1e9, instructions / (nanos / 1e3), nanos / (double) emu);
    }
}

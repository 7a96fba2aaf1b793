package dev.splitvisor.vmm;

import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.kernel.KernelOptions;
import dev.splitvisor.kernel.Microkernel;
import dev.splitvisor.sysvm.SessionSpec;
import dev.splitvisor.sysvm.SystemVm;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code splitvisor run [options] PROGRAM [ARGS...]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run PROGRAM (a host path to an x86-64 Linux executable) in a fresh user"
                + " VM. Its stdin, stdout and stderr are this process's; the exit status is the"
                + " guest's, or 128 + the signal that killed it. Without --root the guest's root"
                + " holds /tmp, /dev and the program itself at /app/NAME.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program to run.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments.")
    List<String> args = new ArrayList<>();

    @Option(names = "--env", paramLabel = "K=V", description = "Add to the guest environment.")
    List<String> env = new ArrayList<>();

    @Option(names = "--volume", paramLabel = "HOSTDIR:GUESTPATH[:ro]",
            description = "Mount a host directory inside the guest (read-write unless :ro).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--root", paramLabel = "PATH",
            description = "Use PATH, a host directory or a tar archive (plain or gzip), read-only,"
                    + " as the guest's root file system. Repeat to stack image layers: each"
                    + " further --root lies on top of the ones before, with OCI whiteouts.")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--cwd", paramLabel = "DIR", description = "The guest's working directory.")
    String cwd = "/";

    @Option(names = "--trace-file", paramLabel = "FILE",
            description = "Write the --trace lines to FILE instead of stderr.")
    Path traceFile;

    @Option(names = "--deterministic",
            description = "Virtual time from the instruction count and seeded randomness.")
    boolean deterministic;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for --deterministic.")
    long seed = 1;

    @Option(names = "--memory", paramLabel = "LIMIT", description = "Guest memory cap"
            + " (for example 256M, 2G; default 1G).")
    String memory = "1G";

    @Option(names = "--trace", paramLabel = "WHAT",
            description = "syscalls: print each system call to stderr, strace-style.")
    String trace;

    @Option(names = "--tenant", paramLabel = "NAME", description = "The tenant (default: default).")
    String tenant = "default";

    @Option(names = "--allow-net", paramLabel = "HOST:PORT",
            description = "Let the guest reach HOST:PORT on the host network (PORT * for every"
                    + " port; default: no egress at all).")
    List<String> allowNet = new ArrayList<>();

    @Option(names = "--publish", paramLabel = "[BINDADDR:]HOSTPORT:GUESTPORT",
            description = "Let host clients reach the guest's listening GUESTPORT through"
                    + " HOSTPORT (bound on 127.0.0.1 unless BINDADDR is given; 0 picks a free"
                    + " port and prints it).")
    List<String> publish = new ArrayList<>();

    @Option(names = "--stats", description = "Print start time, instructions and speed to stderr.")
    boolean stats;

    @Option(names = "--quota", paramLabel = "NAME=VALUE",
            description = "A limit of this VM in its system VM (handles, sockets, tmp) or of"
                    + " its whole tenant (tenant-handles, tenant-sockets, tenant-tmp,"
                    + " tenant-volume); sizes take K, M, G. Going over answers EMFILE, ENFILE,"
                    + " ENOSPC or EDQUOT as Linux would.")
    List<String> quota = new ArrayList<>();

    @Option(names = "--transport", paramLabel = "KIND",
            description = "How the guest's I/O reaches the system VM: rings (the default:"
                    + " shared submission and completion rings served by the system VM's own"
                    + " threads) or direct (a call on the guest's own thread, several times"
                    + " cheaper per request).")
    String transport = "rings";

    @Override
    public Integer call() {
        KernelOptions options;
        NetRules net;
        RingConfig rings;
        QuotaOptions quotas;
        try {
            options = options();
            quotas = QuotaOptions.parse(quota);
            net = NetRules.parse(allowNet, publish);
            rings = transport(transport);
        } catch (IllegalArgumentException e) {
            System.err.println("splitvisor: " + e.getMessage());
            return 2;
        }
        LaunchSpec spec = LaunchSpec.of(program, args);
        spec.env.addAll(List.of("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/", "LANG=C"));
        spec.env.addAll(env);
        spec.kernel = options;
        if (!roots.isEmpty()) {
            spec.root = roots.get(0);
            spec.upperLayers.addAll(roots.subList(1, roots.size()));
        }
        quotas.applyTo(spec);
        try {
            for (String v : volumes) {
                spec.volumes.add(LaunchSpec.Volume.parse(v));
            }
            for (Path root : roots) {
                try {
                    SessionSpec.checkRootLayer(root);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--root: " + e.getMessage());
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("splitvisor: " + e.getMessage());
            return 2;
        }
        // One VM per process: its tenant's system VM goes as soon as the VM ends.
        try (Tenants tenants = new Tenants(rings, Duration.ZERO, quotas.tenant);
                Tenants.Lease lease = tenants.acquire(tenant)) {
            return run(tenants, lease.systemVm(), spec, net);
        }
    }

    /** The ring configuration for a --transport value: null for direct. */
    static RingConfig transport(String kind) {
        switch (kind) {
            case "direct": return null;
            case "rings": return RingConfig.DEFAULT;
            default: throw new IllegalArgumentException("unknown --transport value: " + kind
                    + " (supported: direct, rings)");
        }
    }

    private int run(Tenants tenants, SystemVm systemVm, LaunchSpec spec, NetRules net) {
        try {
            for (String line : net.applyTo(systemVm.network())) {
                System.err.println("splitvisor: " + line);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("splitvisor: " + e.getMessage());
            return 2;
        }
        UserVm vm;
        try {
            vm = UserVm.start(tenants, tenant, spec);
        } catch (VmStartException e) {
            System.err.println("splitvisor: " + e.getMessage());
            return 126;
        }
        long t0 = System.nanoTime();
        int status = vm.run();
        long wall = System.nanoTime() - t0;
        Microkernel k = vm.kernel();
        if (k.terminationReason() != null) {
            System.err.println("splitvisor: " + program + ": " + k.terminationReason());
        }
        if (stats) {
            long n = k.instructionsRetired();
            System.err.printf("splitvisor: start %.1f us, %,d instructions in %.3f s (%.1f M/s)%n",
                    vm.bootNanos() / 1e3, n, wall / 1e9, n / (wall / 1e3));
        }
        return status;
    }

    private KernelOptions options() {
        KernelOptions o = new KernelOptions();
        o.deterministic = deterministic;
        o.seed = seed;
        o.memoryLimit = parseSize(memory);
        o.cwd = cwd;
        if (trace != null) {
            if (!trace.equals("syscalls")) {
                throw new IllegalArgumentException("unknown --trace value: " + trace
                        + " (supported: syscalls)");
            }
            o.trace = System.err;
            if (traceFile != null) {
                try {
                    o.trace = new java.io.PrintStream(java.nio.file.Files.newOutputStream(
                            traceFile), true, java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("cannot write --trace-file " + traceFile
                            + ": " + e.getMessage());
                }
            }
        } else if (traceFile != null) {
            throw new IllegalArgumentException("--trace-file needs --trace=syscalls");
        }
        return o;
    }

    /** Parses sizes such as 4096, 64K, 256M, 2G. */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase();
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * unit;
            if (v < 1L << 20) {
                throw new IllegalArgumentException("--memory too small: " + s + " (at least 1M)");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: " + s
                    + " (use for example 512M or 2G)");
        }
    }
}

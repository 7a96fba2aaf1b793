package dev.splitvisor.vmm;

import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.sysvm.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;

/**
 * {@code splitvisor demo}: runs the bundled example programs in user VMs and prints their
 * output and measured figures: user VM start time, guest instructions per second and the
 * hypercall round trip.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bundled example programs in user VMs and print measured figures.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Path bin = GuestRunner.examples();
        try (Tenants tenants = new Tenants()) {
            return demo(tenants, bin);
        }
    }

    private static int demo(Tenants tenants, Path bin) throws VmStartException {
        show(tenants, bin.resolve("hello"), List.of(), "hello: nasm, raw system calls");
        show(tenants, bin.resolve("hello.musl"), List.of("one", "two"),
                "hello.musl one two: C, musl libc");
        show(tenants, bin.resolve("hello.glibc"), List.of("three"), "hello.glibc three: C, glibc");
        show(tenants, bin.resolve("printf_float.glibc"), List.of(),
                "printf_float.glibc: printf of doubles and long doubles (SSE2, x87), first lines");
        show(tenants, bin.resolve("intmath.musl"), List.of(), "intmath.musl (first lines)");
        show(tenants, bin.resolve("threads.glibc"), List.of(),
                "threads.glibc: pthreads (mutexes, condition variables, barriers, TLS)");
        show(tenants, bin.resolve("procs.musl"), List.of(),
                "procs.musl: fork, execve, wait, deaths by signal (first lines)");
        Path busybox = Path.of("/bin/busybox");
        if (java.nio.file.Files.isExecutable(busybox)) {
            String pipeline = "seq 1 12 | sort -rn | head -n 4 | tr '\\n' ' '; echo;"
                    + " echo splitvisor | md5sum";
            show(tenants, busybox, List.of("sh", "-c", pipeline),
                    "Debian's busybox-static: sh -c with a pipeline of four processes");
        }
        System.out.println("== figures (this machine, this run) ==");
        startTime(tenants, bin.resolve("hello.musl"));
        speed(tenants, bin.resolve("bench_int.musl"));
        roundTrip(tenants);
        return 0;
    }

    private static void show(Tenants t, Path program, List<String> args, String title)
            throws VmStartException {
        System.out.println("== " + title + " ==");
        GuestRunner.Result r = GuestRunner.inUserVm(t, program, args);
        String[] lines = r.stdout.split("\n", -1);
        int shown = Math.min(lines.length, 6);
        System.out.print(String.join("\n", Arrays.copyOf(lines, shown)));
        System.out.println(lines.length > shown ? "\n[... " + (lines.length - shown)
                + " more lines]" : "");
        System.out.printf("[exit status %d, %,d instructions]%n%n", r.status, r.instructions);
    }

    private static void startTime(Tenants t, Path program) throws VmStartException {
        long[] boot = new long[200];
        for (int k = 0; k < boot.length; k++) {
            boot[k] = GuestRunner.inUserVm(t, program, List.of()).bootNanos;
        }
        Arrays.sort(boot);
        System.out.printf("user VM start (ELF load, stack, vCPU; static musl hello):"
                + " median %.1f us,"
                + " best %.1f us over %d starts%n", boot[boot.length / 2] / 1e3, boot[0] / 1e3,
                boot.length);
    }

    private static void speed(Tenants t, Path program) throws VmStartException {
        GuestRunner.Result best = null;
        for (int k = 0; k < 3; k++) {
            GuestRunner.Result r = GuestRunner.inUserVm(t, program, List.of("0"));
            if (best == null || r.nanos < best.nanos) {
                best = r;
            }
        }
        System.out.printf("guest speed (bench_int.musl 0, best of 3): %,d instructions in %.3f s ="
                + " %.1f million instructions/s%n", best.instructions, best.nanos / 1e9,
                best.instructions / (best.nanos / 1e3));
    }

    private static void roundTrip(Tenants t) {
        try (Tenants.Lease lease = t.acquire("demo")) {
            HypercallPort port = lease.systemVm().attach(Console.host());
            roundTrip(port, "in-process transport", 1_000_000);
            port.detach();
        }
        // The same request through the shared rings, served by the system VM's own threads.
        try (Tenants rings = new Tenants(RingConfig.DEFAULT, Duration.ZERO);
                Tenants.Lease lease = rings.acquire("demo")) {
            HypercallPort port = lease.systemVm().attach(Console.host());
            roundTrip(port, "shared rings", 300_000);
            port.detach();
        }
    }

    private static void roundTrip(HypercallPort port, String transport, int calls) {
        HypercallRequest req = new HypercallRequest();
        Histogram h = new Histogram(3);
        int warm = calls / 5;
        for (int k = 0; k < warm + calls; k++) {
            long t0 = System.nanoTime();
            port.call(req.set(Opcode.NOP, 0, null));
            long dt = System.nanoTime() - t0;
            if (k >= warm) {
                h.recordValue(dt);
            }
        }
        System.out.printf("null hypercall round trip (%s): median %d ns, p99 %d ns over %,d"
                + " calls%n", transport, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                calls);
    }
}

package dev.splitvisor.vmm;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * Many user VMs of one tenant doing I/O at once: each runs {@code bench_sys write CALLS} on a
 * host thread of its own, all released together, so their requests meet in the one system VM.
 * Reports the total throughput and how far the slowest VM fell behind the fastest, the
 * fairness figure of the tenant's shared service.
 */
final class FleetBench {
    /** One VM's measured run. */
    private record Run(int status, long startNanos, long endNanos) {
        long nanos() {
            return endNanos - startNanos;
        }
    }

    private final Path program;
    private final int vms;
    private final long calls;

    FleetBench(Path program, int vms, long calls) {
        this.program = program;
        this.vms = vms;
        this.calls = calls;
    }

    /** Prints one line for {@code tenants}' transport; false when a VM failed. */
    boolean measure(Tenants tenants, String transport) throws Exception {
        List<String> args = List.of("write", Long.toString(calls));
        for (int k = 0; k < 2; k++) {
            GuestRunner.inUserVm(tenants, program, args); // the JIT compiles the hot path first
        }
        List<UserVm> started = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            started.add(GuestRunner.start(tenants, program, args, OutputStream.nullOutputStream()));
        }
        CyclicBarrier go = new CyclicBarrier(vms);
        Run[] runs = new Run[vms];
        Thread[] threads = new Thread[vms];
        for (int i = 0; i < vms; i++) {
            int me = i;
            threads[i] = new Thread(() -> runs[me] = runAfter(go, started.get(me)), "fleet-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return report(transport, runs);
    }

    private static Run runAfter(CyclicBarrier go, UserVm vm) {
        try {
            go.await();
        } catch (Exception e) {
            return new Run(-1, 0, 0);
        }
        long t0 = System.nanoTime();
        int status = vm.run();
        return new Run(status, t0, System.nanoTime());
    }

    private boolean report(String transport, Run[] runs) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long[] nanos = new long[runs.length];
        for (int i = 0; i < runs.length; i++) {
            if (runs[i].status() != 0) {
                System.out.printf("%-8s VM %d of %d failed with status %d%n", transport, i,
                        runs.length, runs[i].status());
                return false;
            }
            first = Math.min(first, runs[i].startNanos());
            last = Math.max(last, runs[i].endNanos());
            nanos[i] = runs[i].nanos();
        }
        Arrays.sort(nanos);
        double total = (double) calls * runs.length / ((last - first) / 1e9);
        System.out.printf("%-8s %,12.0f calls/s in all (%.2f us per call)   per VM: fastest %.3f s,"
                + " median %.3f s, slowest %.3f s (slowest/fastest %.2f)%n", transport, total,
                1e6 / total, nanos[0] / 1e9, nanos[nanos.length / 2] / 1e9,
                nanos[nanos.length - 1] / 1e9, nanos[nanos.length - 1] / (double) nanos[0]);
        return true;
    }
}

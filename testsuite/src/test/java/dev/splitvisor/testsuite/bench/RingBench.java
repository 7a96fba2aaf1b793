package dev.splitvisor.testsuite.bench;

import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.sysvm.SessionSpec;
import dev.splitvisor.sysvm.SystemVm;
import org.HdrHistogram.Histogram;

/**
 * Round trip of a NOP hypercall, one call at a time from one client thread: through the
 * direct (in-process) transport, and through the rings to a system-VM server thread and back.
 * Prints the median, p99, p99.9 and max of each, in nanoseconds, from HdrHistogram.
 *
 * <p>A main, not a unit test: the figures depend on the machine. Run with
 * {@code testsuite/bench/ring-bench.sh [calls]}.
 */
public final class RingBench {
    private RingBench() {
    }

    /** Runs every transport; args[0] = measured calls per transport (default 1,000,000). */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("NOP round trip, %d calls each, %d cores%n", calls,
                Runtime.getRuntime().availableProcessors());
        run("direct", new SystemVm("bench-direct"), null, calls);
        for (int threads = 1; threads <= 2; threads++) {
            RingConfig config = RingConfig.DEFAULT.serverThreads(threads);
            run("ring, " + threads + " server thread" + (threads > 1 ? "s" : ""),
                    new SystemVm("bench-ring", config), config, calls);
        }
    }

    private static void run(String name, SystemVm vm, RingConfig config, int calls) {
        HypercallPort port = vm.attach(new SessionSpec());
        HypercallRequest nop = new HypercallRequest().set(Opcode.NOP, 0, null);
        measure(port, nop, calls / 2, null);
        Histogram h = new Histogram(10_000_000_000L, 3);
        measure(port, nop, calls, h);
        port.detach();
        vm.close();
        System.out.printf("%-24s median %6d ns  p99 %7d ns  p99.9 %8d ns  max %10d ns%n", name,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
    }

    private static void measure(HypercallPort port, HypercallRequest nop, int calls,
            Histogram h) {
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            long r = port.call(nop);
            long t1 = System.nanoTime();
            if (r != 0) {
                throw new IllegalStateException("NOP completed with " + r);
            }
            if (h != null) {
                h.recordValue(t1 - t0);
            }
        }
    }
}

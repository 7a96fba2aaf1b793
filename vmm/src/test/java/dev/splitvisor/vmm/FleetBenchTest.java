package dev.splitvisor.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.ring.RingConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code bench --vms}: every VM of the fleet runs to a clean exit on both transports. */
class FleetBenchTest {
    private static final Path BENCH_SYS = Path.of("../testsuite/guest/bin/bench_sys.musl");

    @Test
    void eightVmsAtOnceAllFinishOnBothTransports() throws Exception {
        FleetBench bench = new FleetBench(BENCH_SYS, 8, 500);
        try (Tenants rings = new Tenants(RingConfig.DEFAULT, Duration.ofSeconds(30))) {
            assertTrue(bench.measure(rings, "rings"));
        }
        try (Tenants direct = new Tenants()) {
            assertTrue(bench.measure(direct, "direct"));
        }
    }

    @Test
    void zeroCallsIsABadArgument() {
        assertEquals(2, Main.execute("bench", "--vms", "2", "--calls", "0"));
    }
}

package dev.splitvisor.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.sysvm.Quotas;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of {@code run --quota}, good and bad. */
class QuotaOptionsTest {
    @Test
    void perVmLimitsReachTheLaunch() {
        LaunchSpec spec = LaunchSpec.of(Path.of("/bin/true"), List.of());
        QuotaOptions.parse(List.of("handles=64", "sockets=8", "tmp=512K")).applyTo(spec);
        assertEquals(64, spec.maxHandles);
        assertEquals(8, spec.maxSockets);
        assertEquals(512L << 10, spec.tmpLimitBytes);
    }

    @Test
    void tenantLimitsStartFromTheDefaults() {
        QuotaOptions q = QuotaOptions.parse(List.of("tenant-tmp=2G", "tenant-volume=10M",
                "tenant-sockets=100"));
        assertEquals(Quotas.DEFAULT.tmpBytes(2L << 30).volumeBytes(10L << 20).sockets(100),
                q.tenant);
        assertEquals(Quotas.DEFAULT, QuotaOptions.parse(List.of()).tenant);
    }

    @Test
    void badValuesNameTheProblem() {
        for (String[] bad : new String[][] {{"tmp", "NAME=VALUE"}, {"disk=1G", "unknown limit"},
                {"tmp=lots", "not a size"}, {"handles=2", "not a count from 3"},
                {"tenant-sockets=-1", "not a count"}, {"tmp=99999999999G", "not a size"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> QuotaOptions.parse(List.of(bad[0])));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        assertEquals(2, Main.execute("run", "--quota", "disk=1G", "/bin/true"));
    }
}

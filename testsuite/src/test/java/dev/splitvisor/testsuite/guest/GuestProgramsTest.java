package dev.splitvisor.testsuite.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.kernel.Microkernel;
import dev.splitvisor.sysvm.Console;
import dev.splitvisor.vmm.LaunchSpec;
import dev.splitvisor.vmm.Tenants;
import dev.splitvisor.vmm.UserVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of testsuite/guest/programs.txt in a user VM and compares its stdout and
 * exit status, byte for byte, with what the same binary produced natively on real hardware
 * (testsuite/guest/expected/, recorded by build.sh --record and re-checked in CI). Every case
 * runs twice: over the direct transport and over the shared rings.
 */
class GuestProgramsTest {
    static final Path GUEST = Path.of("guest");

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesNativeOutput() throws IOException {
        return cases(null);
    }

    /**
     * The same cases with the system VM in ring mode: every file, pipe and socket request
     * travels through the shared rings and is served by the ring server's threads.
     */
    @TestFactory
    Stream<DynamicTest> everyCaseMatchesNativeOutputOverRings() throws IOException {
        return cases(RingConfig.DEFAULT);
    }

    private static Stream<DynamicTest> cases(RingConfig rings) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(GUEST.resolve("programs.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String title = (rings != null ? "rings: " : "") + f[0] + ": " + f[4];
            tests.add(DynamicTest.dynamicTest(title, () -> runCase(f, rings)));
        }
        return tests.stream();
    }

    private static void runCase(String[] f, RingConfig rings) throws Exception {
        String name = f[0];
        Path binary = f[1].startsWith("/") ? Path.of(f[1]) : GUEST.resolve("bin").resolve(f[1]);
        assumeTrue(Files.isExecutable(binary), binary + " is not installed on this host");
        List<String> args = f[2].equals("-") ? List.of() : List.of(f[2].split(" "));
        InputStream in = f[3].equals("-") ? new ByteArrayInputStream(new byte[0])
                : Files.newInputStream(GUEST.resolve("input").resolve(f[3]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LaunchSpec spec = LaunchSpec.of(binary, args);
        spec.env.addAll(List.of("PATH=/bin", "LANG=C"));
        spec.console = new Console(in, out, err);
        Microkernel k;
        int status;
        // Each case gets a fresh system VM, closed (ring threads and all) when its VM ends.
        try (Tenants tenants = new Tenants(rings, Duration.ZERO)) {
            UserVm vm = UserVm.start(tenants, "test", spec);
            k = vm.kernel();
            status = vm.run();
        }
        String expected = Files.readString(GUEST.resolve("expected").resolve(name + ".out"),
                StandardCharsets.ISO_8859_1);
        int expectedStatus = Integer.parseInt(Files.readString(
                GUEST.resolve("expected").resolve(name + ".exit")).trim());
        String why = k.terminationReason() == null ? "" : " (" + k.terminationReason() + ")";
        assertEquals(expected, out.toString(StandardCharsets.ISO_8859_1), name + " stdout" + why);
        assertEquals(expectedStatus, status, name + " exit status" + why);
    }
}

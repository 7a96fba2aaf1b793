package dev.splitvisor.testsuite.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.splitvisor.kernel.Microkernel;
import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.vmm.LaunchSpec;
import dev.splitvisor.vmm.UserVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of testsuite/guest/programs.txt in a user VM and compares its stdout and
 * exit status, byte for byte, with what the same binary produced natively on real hardware
 * (testsuite/guest/expected/, recorded by build.sh --record and re-checked in CI).
 */
class GuestProgramsTest {
    static final Path GUEST = Path.of("guest");

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesNativeOutput() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(GUEST.resolve("programs.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            tests.add(DynamicTest.dynamicTest(f[0] + ": " + f[4], () -> runCase(f)));
        }
        return tests.stream();
    }

    private static void runCase(String[] f) throws Exception {
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
        Microkernel k = UserVm.start(new SystemVm("test"), spec).kernel();
        int status = k.runToExit();
        String expected = Files.readString(GUEST.resolve("expected").resolve(name + ".out"),
                StandardCharsets.ISO_8859_1);
        int expectedStatus = Integer.parseInt(Files.readString(
                GUEST.resolve("expected").resolve(name + ".exit")).trim());
        String why = k.terminationReason() == null ? "" : " (" + k.terminationReason() + ")";
        assertEquals(expected, out.toString(StandardCharsets.ISO_8859_1), name + " stdout" + why);
        assertEquals(expectedStatus, status, name + " exit status" + why);
    }
}

package dev.splitvisor.testsuite.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.vmm.LaunchSpec;
import dev.splitvisor.vmm.UserVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dynamically linked Debian programs run with the host's root file system as the guest's
 * read-only root (the ld.so interpreter and shared libraries come from it), and print what they
 * print natively on the same input.
 */
class DynamicProgramsTest {
    private static final String INPUT = "pear\napple\nfig\nbanana\napple\n";

    private static String guest(Path program, List<String> args, String input) throws Exception {
        LaunchSpec spec = LaunchSpec.of(program, args);
        spec.root = Path.of("/");
        spec.env.addAll(List.of("PATH=/usr/bin:/bin", "LANG=C", "HOME=/"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        spec.console = new Console(new ByteArrayInputStream(input.getBytes(
                StandardCharsets.UTF_8)), out, err);
        UserVm vm = UserVm.start(new SystemVm("dynamic"), spec);
        int status = vm.run();
        assertEquals(0, status, "status; stderr: " + err.toString(StandardCharsets.UTF_8)
                + " reason: " + vm.kernel().terminationReason());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String host(Path program, List<String> args, String input) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LANG", "C");
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(1, TimeUnit.MINUTES);
        return out;
    }

    @Test
    void debianSortFromTheHostRoot() throws Exception {
        Path sort = Path.of("/usr/bin/sort");
        assumeTrue(Files.isExecutable(sort), "no /usr/bin/sort on this host");
        assertEquals(host(sort, List.of("-r"), INPUT), guest(sort, List.of("-r"), INPUT));
    }

    @Test
    void debianPython3FromTheHostRoot() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 on this host");
        List<String> args = List.of("-c", "print(6*7)");
        assertEquals("42\n", guest(python, args, ""));
    }
}

package dev.splitvisor.testsuite.linux;

import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.vmm.LaunchSpec;
import dev.splitvisor.vmm.UserVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one of the bundled guest programs (testsuite/guest/bin) in a fresh user VM of a given
 * system VM, with an empty stdin, and keeps its stdout, exit status and the kernel's reason for
 * ending it: what the Linux-personality tests compare.
 */
final class GuestRun {
    static final Path BIN = Path.of("guest", "bin");

    /** What one guest run left behind. */
    record Outcome(int status, String stdout, String reason) {
    }

    private GuestRun() {
    }

    /** A launch of {@code guest/bin/BINARY ARGS}. */
    static LaunchSpec spec(String binary, List<String> args) {
        return LaunchSpec.of(BIN.resolve(binary), args);
    }

    /** Runs {@code spec} to its end in a new user VM of {@code sysvm}; stderr is dropped. */
    static Outcome run(SystemVm sysvm, LaunchSpec spec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        spec.console = new Console(new ByteArrayInputStream(new byte[0]), out,
                new ByteArrayOutputStream());
        UserVm vm = UserVm.start(sysvm, spec);
        int status = vm.run();
        return new Outcome(status, out.toString(StandardCharsets.UTF_8),
                vm.kernel().terminationReason());
    }
}

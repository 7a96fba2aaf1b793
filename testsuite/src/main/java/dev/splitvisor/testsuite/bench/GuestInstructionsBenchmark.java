package dev.splitvisor.testsuite.bench;

import dev.splitvisor.kernel.ElfImage;
import dev.splitvisor.kernel.KernelOptions;
import dev.splitvisor.kernel.Microkernel;
import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Runs the integer benchmark guest (bench_int.musl, one round) in a fresh user VM per
 * invocation. The {@code instructions} counter gives guest instructions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class GuestInstructionsBenchmark {
    private ElfImage image;
    private final SystemVm systemVm = new SystemVm("bench");

    /** Retired guest instructions, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long instructions;

        @Setup(Level.Iteration)
        public void clear() {
            instructions = 0;
        }
    }

    @Setup
    public void load() throws Exception {
        String home = System.getProperty("splitvisor.home", "..");
        Path p = Path.of(home, "testsuite", "guest", "bin", "bench_int.musl");
        image = ElfImage.parse(p.toString(), Files.readAllBytes(p));
    }

    @Benchmark
    public int benchIntOneRound(Counters counters) throws Exception {
        Console quiet = new Console(new ByteArrayInputStream(new byte[0]),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        Microkernel k = Microkernel.boot(image, List.of("bench_int", "0"), List.of(),
                systemVm.attach(quiet), new KernelOptions());
        int status = k.runToExit();
        counters.instructions += k.cpu().retired;
        return status;
    }
}

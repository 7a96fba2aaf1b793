package dev.splitvisor.testsuite.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.testsuite.linux.GuestRun.Outcome;
import dev.splitvisor.vmm.LaunchSpec;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad guests end themselves only: each runs beside a well-behaved guest of the same tenant
 * (same system VM) on another host thread, and must end with the signal or error Linux would
 * give it while the other guest's output and status stay exactly right.
 */
class BadGuestsTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static Outcome run(SystemVm sysvm, String binary, List<String> args, long memory)
            throws Exception {
        LaunchSpec spec = GuestRun.spec(binary, args);
        if (memory > 0) {
            spec.kernel.memoryLimit = memory;
        }
        return GuestRun.run(sysvm, spec);
    }

    /** Runs {@code bad} and a hello beside it; checks the hello and returns the bad outcome. */
    private static Outcome besideGoodGuest(String bad, List<String> args, long memory)
            throws Exception {
        SystemVm sysvm = new SystemVm("bad-guest-tenant");
        Future<Outcome> badRun = pool.submit(() -> run(sysvm, bad, args, memory));
        Future<Outcome> goodRun = pool.submit(() -> run(sysvm, "hello.musl", List.of("ok"), 0));
        Outcome good = goodRun.get(2, TimeUnit.MINUTES);
        assertEquals(0, good.status(), "the well-behaved guest's status");
        assertTrue(good.stdout().contains("argv[1]=\"ok\""), good.stdout());
        return badRun.get(5, TimeUnit.MINUTES);
    }

    @Test
    void jumpIntoGarbageEndsWithSigsegv() throws Exception {
        Outcome o = besideGoodGuest("crash_garbage.musl", List.of(), 0);
        assertEquals(128 + 11, o.status(), String.valueOf(o.reason()));
    }

    @Test
    void garbageInstructionsEndWithSigill() throws Exception {
        Outcome o = besideGoodGuest("crash_garbage.glibc", List.of("exec"), 0);
        assertEquals(128 + 4, o.status(), String.valueOf(o.reason()));
    }

    @Test
    void divideByZeroEndsWithSigfpe() throws Exception {
        Outcome o = besideGoodGuest("crash_div0.glibc", List.of(), 0);
        assertEquals(128 + 8, o.status(), String.valueOf(o.reason()));
    }

    @Test
    void stackOverflowEndsWithSigsegv() throws Exception {
        Outcome o = besideGoodGuest("stack_overflow.musl", List.of(), 0);
        assertEquals(128 + 11, o.status(), String.valueOf(o.reason()));
    }

    @Test
    void memoryLimitEndsWithSigkillLikeTheOomKiller() throws Exception {
        Outcome o = besideGoodGuest("memory_hog.musl", List.of("512"), 96L << 20);
        assertEquals(128 + 9, o.status(), String.valueOf(o.reason()));
    }

    @Test
    void forkBombHitsTheProcessLimitAndStillReapsItsChildren() throws Exception {
        Outcome o = besideGoodGuest("fork_bomb.musl", List.of("1000"), 0);
        assertEquals(0, o.status(), o.stdout());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "successful forks: (\\d+)\nfailed forks: (\\d+)\nreaped: (\\d+)")
                .matcher(o.stdout());
        assertTrue(m.find(), o.stdout());
        assertTrue(Integer.parseInt(m.group(2)) > 0, "some forks must fail: " + o.stdout());
        assertEquals(m.group(1), m.group(3), "every child made is reaped: " + o.stdout());
    }
}

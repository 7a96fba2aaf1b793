package dev.splitvisor.testsuite.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.sysvm.Quotas;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.testsuite.linux.GuestRun.Outcome;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user VM killed (SIGKILL) while one of its threads waits on a pipe and it holds a file in
 * /tmp and a connection to another VM of its tenant: the peer sees end of file and ends
 * normally, and the tenant gets back every handle, socket and tmpfs byte the dead VM held.
 * Run over both transports, the in-process port and the shared rings.
 */
class KilledGuestTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static Future<Outcome> start(SystemVm sysvm, String binary, List<String> args) {
        return pool.submit(() -> GuestRun.run(sysvm, GuestRun.spec(binary, args)));
    }

    @ParameterizedTest(name = "rings={0}")
    @ValueSource(booleans = {false, true})
    void aKilledVmReleasesWhatItHeldAndItsPeerSeesEndOfFile(boolean rings) throws Exception {
        SystemVm sysvm = new SystemVm("killed-guest-tenant", rings ? RingConfig.DEFAULT : null,
                Quotas.DEFAULT);
        try {
            String port = rings ? "7301" : "7300";
            Future<Outcome> server = start(sysvm, "tcp_echo.musl", List.of("server", port, "1"));
            Outcome killed = start(sysvm, "killed_mid_io.musl", List.of("127.0.0.1", port))
                    .get(2, TimeUnit.MINUTES);
            assertEquals(128 + 9, killed.status(), killed.stdout() + killed.reason());
            assertEquals("connected; holding a file, a pipe and a socket\n", killed.stdout(),
                    "the blocked reader never returned and nothing ran after SIGKILL");

            Outcome peer = server.get(2, TimeUnit.MINUTES);
            assertEquals(0, peer.status(), peer.stdout());
            assertEquals("listening on " + port + "\nserved client 1 from AF_INET: 0 bytes: \n"
                    + "done\n", peer.stdout(), "the peer saw end of file");
            assertEquals(new Quotas(0, 0, 0, 0), sysvm.usage(),
                    "both VMs ended: every handle, socket and tmpfs byte is back");
        } finally {
            sysvm.close();
        }
    }
}

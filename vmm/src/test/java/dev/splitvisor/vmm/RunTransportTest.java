package dev.splitvisor.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.splitvisor.hypercall.ring.RingConfig;
import org.junit.jupiter.api.Test;

/** {@code run --transport}: both transports run the guest and give its exit status. */
class RunTransportTest {
    private static final String EXIT_CODE = "../testsuite/guest/bin/exit_code.musl";

    @Test
    void valuesMapToTheirConfiguration() {
        assertNull(RunCommand.transport("direct"));
        assertSame(RingConfig.DEFAULT, RunCommand.transport("rings"));
    }

    @Test
    void bothTransportsGiveTheGuestsExitStatus() {
        for (String kind : new String[] {"direct", "rings"}) {
            assertEquals(0, Main.execute("run", "--transport", kind, EXIT_CODE, "0"), kind);
            assertEquals(3, Main.execute("run", "--transport", kind, EXIT_CODE, "3"), kind);
        }
    }
}

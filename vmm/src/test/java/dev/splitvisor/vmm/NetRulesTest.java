package dev.splitvisor.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of {@code --allow-net} and {@code --publish}, good and bad. */
class NetRulesTest {
    private static NetRules parse(List<String> allow, List<String> publish) {
        return NetRules.parse(allow, publish);
    }

    @Test
    void allowForms() {
        NetRules r = parse(List.of("127.0.0.1:8080", "[::1]:443", "10.0.0.2:*"), List.of());
        assertEquals(List.of(new NetRules.Allow("127.0.0.1", 8080),
                new NetRules.Allow("::1", 443), new NetRules.Allow("10.0.0.2", 0)), r.allows);
    }

    @Test
    void publishForms() {
        NetRules r = parse(List.of(), List.of("8080:80", "0.0.0.0:9000:90", "[::1]:0:22"));
        assertEquals(List.of(new NetRules.Publish("127.0.0.1", 8080, 80),
                new NetRules.Publish("0.0.0.0", 9000, 90), new NetRules.Publish("::1", 0, 22)),
                r.publishes);
    }

    @Test
    void badValuesNameTheProblem() {
        for (String[] bad : new String[][] {{"localhost", "HOST:PORT"}, {"h:", "HOST:PORT"},
                {"h:70000", "not a port"}, {"h:0", "port 0"}, {"h:x", "not a port"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse(List.of(bad[0]), List.of()));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        for (String[] bad : new String[][] {{"8080", "HOSTPORT:GUESTPORT"},
                {"8080:0", "guest port 0"}, {"1:2:3:4", "brackets"}, {"a:80", "not a port"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse(List.of(), List.of(bad[0])));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    @Test
    void badRuleOnTheCommandLineIsOneLine() {
        assertEquals(2, Main.execute("run", "--publish", "nope", "/bin/true"));
    }
}

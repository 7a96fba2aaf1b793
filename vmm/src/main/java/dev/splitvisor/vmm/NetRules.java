package dev.splitvisor.vmm;

import dev.splitvisor.sysvm.NetworkPolicy;
import java.util.List;

/**
 * The operator's network rules of {@code run}: {@code --allow-net HOST:PORT} (egress) and
 * {@code --publish [BINDADDR:]HOSTPORT:GUESTPORT} (inbound), parsed and checked before the VM
 * starts so that a bad rule is one clear line and no guest runs under a policy it was not given.
 */
final class NetRules {
    /** One egress rule; port 0 allows every port of the host. */
    record Allow(String host, int port) {
        static Allow parse(String spec) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException("--allow-net wants HOST:PORT (PORT may be *),"
                        + " got: " + spec);
            }
            String host = unbracket(spec.substring(0, colon));
            String p = spec.substring(colon + 1);
            int port = p.equals("*") ? 0 : parsePort(p, "--allow-net", spec);
            if (port == 0 && !p.equals("*")) {
                throw new IllegalArgumentException("--allow-net: port 0 is not a port (use * for"
                        + " every port): " + spec);
            }
            return new Allow(host, port);
        }
    }

    /** One published port: host connections to bind:hostPort reach the guest's guestPort. */
    record Publish(String bind, int hostPort, int guestPort) {
        static Publish parse(String spec) {
            int last = spec.lastIndexOf(':');
            if (last <= 0) {
                throw new IllegalArgumentException("--publish wants HOSTPORT:GUESTPORT or"
                        + " BINDADDR:HOSTPORT:GUESTPORT, got: " + spec);
            }
            int guest = parsePort(spec.substring(last + 1), "--publish", spec);
            String rest = spec.substring(0, last);
            int mid = rest.lastIndexOf(':');
            String bind = mid < 0 ? "127.0.0.1" : rest.substring(0, mid);
            if (bind.contains(":") && !bind.startsWith("[")) {
                throw new IllegalArgumentException("--publish: write an IPv6 bind address in"
                        + " brackets, as [::1]:8080:80, got: " + spec);
            }
            bind = unbracket(bind);
            int host = parsePort(rest.substring(mid + 1), "--publish", spec);
            if (guest == 0) {
                throw new IllegalArgumentException("--publish: guest port 0 is not a port: "
                        + spec);
            }
            return new Publish(bind, host, guest);
        }
    }

    final List<Allow> allows;
    final List<Publish> publishes;

    private NetRules(List<Allow> allows, List<Publish> publishes) {
        this.allows = allows;
        this.publishes = publishes;
    }

    /**
     * Parses the options' values.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    static NetRules parse(List<String> allowSpecs, List<String> publishSpecs) {
        return new NetRules(allowSpecs.stream().map(Allow::parse).toList(),
                publishSpecs.stream().map(Publish::parse).toList());
    }

    /**
     * Applies the rules to a tenant's policy.
     *
     * @return one line per port published on a free host port (HOSTPORT 0), telling which
     * @throws IllegalArgumentException when a host name does not resolve
     * @throws java.io.UncheckedIOException when a host port cannot be bound
     */
    List<String> applyTo(NetworkPolicy policy) {
        for (Allow a : allows) {
            policy.allow(a.host(), a.port());
        }
        List<String> chosen = new java.util.ArrayList<>();
        for (Publish p : publishes) {
            int bound = policy.publish(p.bind(), p.hostPort(), p.guestPort());
            if (p.hostPort() == 0) {
                chosen.add("guest port " + p.guestPort() + " published on " + p.bind() + ":"
                        + bound);
            }
        }
        return chosen;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }

    private static int parsePort(String s, String option, String spec) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(option + ": not a port (0-65535): '" + s + "' in "
                + spec);
    }
}

package dev.splitvisor.vmm;

import dev.splitvisor.sysvm.Quotas;
import java.util.List;

/**
 * The values of {@code run --quota NAME=VALUE}: limits of this user VM in its system VM
 * ({@code handles}, {@code sockets}, {@code tmp}) and of its whole tenant ({@code
 * tenant-handles}, {@code tenant-sockets}, {@code tenant-tmp}, {@code tenant-volume}). Sizes take
 * K, M and G suffixes. What each limit answers when exceeded is in docs/QUIRKS.md.
 */
final class QuotaOptions {
    private static final String NAMES = "handles, sockets, tmp, tenant-handles, tenant-sockets,"
            + " tenant-tmp, tenant-volume";

    Integer handles;
    Integer sockets;
    Long tmpBytes;
    Quotas tenant = Quotas.DEFAULT;

    /**
     * Parses every value.
     *
     * @throws IllegalArgumentException naming the first bad one
     */
    static QuotaOptions parse(List<String> specs) {
        QuotaOptions q = new QuotaOptions();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--quota wants NAME=VALUE (NAME one of "
                        + NAMES + "), got: " + spec);
            }
            q.set(spec.substring(0, eq), spec.substring(eq + 1), spec);
        }
        return q;
    }

    private void set(String name, String value, String spec) {
        switch (name) {
            case "handles": handles = (int) count(value, spec, 3, 65_536); break;
            case "sockets": sockets = (int) count(value, spec, 0, Integer.MAX_VALUE); break;
            case "tmp": tmpBytes = size(value, spec); break;
            case "tenant-handles": tenant = tenant.handles(count(value, spec, 0,
                    Long.MAX_VALUE)); break;
            case "tenant-sockets": tenant = tenant.sockets(count(value, spec, 0,
                    Long.MAX_VALUE)); break;
            case "tenant-tmp": tenant = tenant.tmpBytes(size(value, spec)); break;
            case "tenant-volume": tenant = tenant.volumeBytes(size(value, spec)); break;
            default: throw new IllegalArgumentException("--quota: unknown limit '" + name
                    + "' in " + spec + " (known: " + NAMES + ")");
        }
    }

    /** Sets this VM's limits on {@code spec}. */
    void applyTo(LaunchSpec spec) {
        if (handles != null) {
            spec.maxHandles = handles;
        }
        if (sockets != null) {
            spec.maxSockets = sockets;
        }
        if (tmpBytes != null) {
            spec.tmpLimitBytes = tmpBytes;
        }
    }

    private static long count(String v, String spec, long min, long max) {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException("--quota: not a count from " + min + " to " + max
                + ": '" + v + "' in " + spec);
    }

    private static long size(String v, String spec) {
        String t = v.trim().toUpperCase();
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 0 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException("--quota: not a size (such as 512K, 64M, 2G): '" + v
                + "' in " + spec);
    }
}

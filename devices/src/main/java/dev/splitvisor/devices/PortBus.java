package dev.splitvisor.devices;

import dev.splitvisor.cpu.IoPorts;
import java.util.Arrays;

/**
 * The I/O port space of a full-system machine: port ranges mapped to {@link PortDevice}s, given
 * to the CPU as its {@link IoPorts}.
 *
 * <p>Decoding, as on a PC bus: an access goes to the device whose range holds its first port,
 * with the offset from the range's base; what a wide access that runs past the end of the range
 * means is that device's business. A port no device claims reads as all ones (0xFF, 0xFFFF or
 * 0xFFFFFFFF by width) and drops writes, so probing for absent hardware behaves as it does on
 * real machines.
 *
 * <p>Ranges are mapped while the machine is built. Mapping publishes a new immutable table, so
 * it is safe while a CPU runs, but nothing is ever unmapped. A lookup is a binary search over
 * a handful of ranges; port I/O is off the interpreter's hot path.
 */
public final class PortBus implements IoPorts {
    /** The number of ports, 0 to 0xFFFF. */
    public static final int PORTS = 0x10000;

    /** One immutable decoding table, sorted by base: [firsts[k], lasts[k]] go to devices[k]. */
    private static final class Table {
        final int[] firsts;
        final int[] lasts;
        final PortDevice[] devices;

        Table(int[] firsts, int[] lasts, PortDevice[] devices) {
            this.firsts = firsts;
            this.lasts = lasts;
            this.devices = devices;
        }

        /** The index of the range holding {@code port}, or -1. */
        int find(int port) {
            int k = Arrays.binarySearch(firsts, port);
            if (k < 0) {
                k = -k - 2; // the last range starting below the port
            }
            return k >= 0 && port <= lasts[k] ? k : -1;
        }
    }

    private volatile Table table = new Table(new int[0], new int[0], new PortDevice[0]);

    /**
     * Maps ports {@code base} to {@code base + count - 1} to {@code device} and returns this bus.
     *
     * @throws IllegalArgumentException if the range leaves the port space or overlaps a range
     *     mapped before (the message names both)
     */
    public synchronized PortBus map(int base, int count, PortDevice device) {
        if (device == null) {
            throw new NullPointerException("device");
        }
        if (base < 0 || count < 1 || base + count > PORTS) {
            throw new IllegalArgumentException(String.format(
                    "port range 0x%x+%d is outside the port space 0-0xffff", base, count));
        }
        int last = base + count - 1;
        Table t = table;
        int n = t.firsts.length;
        int at = 0;
        while (at < n && t.firsts[at] < base) {
            at++;
        }
        checkFree(t, at - 1, base, last);
        checkFree(t, at, base, last);
        table = new Table(insert(t.firsts, at, base), insert(t.lasts, at, last),
                insert(t.devices, at, device));
        return this;
    }

    private static void checkFree(Table t, int k, int first, int last) {
        if (k < 0 || k >= t.firsts.length) {
            return;
        }
        if (t.firsts[k] <= last && first <= t.lasts[k]) {
            throw new IllegalArgumentException(String.format(
                    "ports 0x%x-0x%x overlap 0x%x-0x%x, already mapped to %s", first, last,
                    t.firsts[k], t.lasts[k], t.devices[k].getClass().getSimpleName()));
        }
    }

    /** The device that decodes {@code port}, or null when none does. */
    public PortDevice deviceAt(int port) {
        Table t = table;
        int k = t.find(port);
        return k < 0 ? null : t.devices[k];
    }

    @Override
    public int in(int port, int size) {
        Table t = table;
        int k = t.find(port);
        if (k < 0) {
            return size == 4 ? -1 : (1 << (8 * size)) - 1;
        }
        return t.devices[k].read(port - t.firsts[k], size);
    }

    @Override
    public void out(int port, int size, int value) {
        Table t = table;
        int k = t.find(port);
        if (k >= 0) {
            t.devices[k].write(port - t.firsts[k], size, value);
        }
    }

    private static int[] insert(int[] a, int at, int v) {
        int[] b = new int[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    private static PortDevice[] insert(PortDevice[] a, int at, PortDevice v) {
        PortDevice[] b = new PortDevice[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }
}

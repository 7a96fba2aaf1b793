package dev.splitvisor.devices;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hypercall doorbell of a full-system guest: a 32-bit register at I/O port {@link #PORT}
 * (docs/hypercall.md, "Doorbell"). A guest kernel that has published submissions executes
 * {@code out dx, eax} with DX = 0x5EE0; each such OUT calls the back end once with the value
 * written, which ABI version 1 ignores (one region per machine).
 *
 * <p>The rule for other accesses: the register is 32 bits wide and only a 32-bit write to its
 * first port rings. Byte and word writes, and writes to ports 0x5EE1-0x5EE3, ring nothing; they
 * are counted ({@link #ignoredWrites}) and the first one is logged, so that a guest kernel that
 * rings with {@code outb} learns why its requests are never served. Reads of any width return
 * 0; the register holds no state a guest could poll.
 *
 * <p>The back end is supplied by whoever builds the machine (the vmm wires it to the ring's
 * {@code Doorbell}); this module does not know the hypercall transport. It runs on the virtual
 * CPU's thread inside the OUT, so it must be as cheap as {@code Doorbell.ring()} is.
 */
public final class HypercallDoorbellPort implements PortDevice {
    private static final Logger LOG = LoggerFactory.getLogger("hypercall");

    /**
     * The doorbell's port; equal to {@code RingLayout.DOORBELL_PORT} of the hypercall module,
     * which this module may not use (a vmm test keeps the two equal).
     */
    public static final int PORT = 0x5EE0;
    /** Ports the register occupies, from {@link #PORT}: one 32-bit register. */
    public static final int PORT_COUNT = 4;

    private final IntConsumer ring;
    private final AtomicLong rings = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** A doorbell that calls {@code ring} with the value of every 32-bit OUT to it. */
    public HypercallDoorbellPort(IntConsumer ring) {
        if (ring == null) {
            throw new NullPointerException("ring");
        }
        this.ring = ring;
    }

    /** Maps this doorbell on {@code bus} at {@link #PORT} and returns it. */
    public HypercallDoorbellPort mapOn(PortBus bus) {
        bus.map(PORT, PORT_COUNT, this);
        return this;
    }

    /** Doorbells rung so far (32-bit OUTs to {@link #PORT}). */
    public long rings() {
        return rings.get();
    }

    /** Writes that rang nothing because of their width or port. */
    public long ignoredWrites() {
        return ignored.get();
    }

    @Override
    public int read(int offset, int size) {
        return 0;
    }

    @Override
    public void write(int offset, int size, int value) {
        if (offset == 0 && size == 4) {
            rings.incrementAndGet();
            ring.accept(value);
            return;
        }
        ignored.incrementAndGet();
        if (!warned.getAndSet(true) && LOG.isWarnEnabled()) {
            LOG.warn("doorbell: ignored a {}-byte OUT to port 0x{}; ring with a 32-bit OUT to "
                    + "port 0x{} (out dx, eax)", size, Integer.toHexString(PORT + offset),
                    Integer.toHexString(PORT));
        }
    }
}

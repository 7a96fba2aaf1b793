package dev.splitvisor.vmm.machine;

import dev.splitvisor.devices.HypercallDoorbellPort;
import dev.splitvisor.hypercall.ring.Doorbell;
import dev.splitvisor.hypercall.ring.RingPort;

/**
 * Joins the doorbell port of a full-system guest (devices module) to the hypercall transport
 * (hypercall module): the port device knows nothing of rings, the rings nothing of ports, and
 * only vmm may see both.
 *
 * <p>The value a guest writes is dropped: ABI version 1 has one region per machine, so every
 * ring means "look at my submission ring" (docs/hypercall.md, "Doorbell").
 */
public final class DoorbellWiring {
    private DoorbellWiring() {
    }

    /** A doorbell port whose every 32-bit OUT calls {@code doorbell.ring()}. */
    public static HypercallDoorbellPort to(Doorbell doorbell) {
        if (doorbell == null) {
            throw new NullPointerException("doorbell");
        }
        return new HypercallDoorbellPort(value -> doorbell.ring());
    }

    /**
     * A doorbell port whose every 32-bit OUT rings the doorbell of {@code port}'s region
     * ({@link RingPort#flush()}), for a region attached with {@code SystemVm.attachRing}, whose
     * serving side keeps its {@link Doorbell} to itself.
     */
    public static HypercallDoorbellPort to(RingPort port) {
        if (port == null) {
            throw new NullPointerException("port");
        }
        return new HypercallDoorbellPort(value -> port.flush());
    }
}

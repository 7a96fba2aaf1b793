package dev.splitvisor.vmm;

import dev.splitvisor.sysvm.SystemVm;
import java.util.concurrent.ConcurrentHashMap;

/** The tenants of this host, each with its one system VM, started on first use. */
public final class Tenants {
    private final ConcurrentHashMap<String, SystemVm> systemVms = new ConcurrentHashMap<>();

    /** The system VM of {@code tenant}, starting it if this is the tenant's first VM. */
    public SystemVm systemVm(String tenant) {
        return systemVms.computeIfAbsent(tenant, SystemVm::new);
    }
}

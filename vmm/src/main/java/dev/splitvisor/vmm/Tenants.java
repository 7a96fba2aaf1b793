package dev.splitvisor.vmm;

import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.sysvm.Quotas;
import dev.splitvisor.sysvm.SystemVm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The tenants of this host, each with its one system VM.
 *
 * <p>Lifetime: a tenant's system VM starts with the first {@link Lease} taken on it (a user VM
 * takes one for its whole run, see {@link UserVm#start(Tenants, String, LaunchSpec)}), stays
 * while any lease is held, and is closed once the last lease has been released for the idle
 * time given at construction. A lease taken during the idle time keeps the same system VM; one
 * taken after the close gets a fresh one. Closing releases the tenant's host resources
 * (published ports, host connections, ring-server threads), so an idle tenant costs nothing.
 *
 * <p>Transport: with a {@link RingConfig} every system VM serves its user VMs through shared
 * rings with that configuration's fixed set of threads; without one, requests are served on
 * the calling user VM's thread (the direct transport, the fastest in one process).
 */
public final class Tenants implements AutoCloseable {
    /** How long an unused system VM is kept by {@link #Tenants()}. */
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

    private final RingConfig rings;
    private final Quotas quotas;
    private final long idleNanos;
    /** Live tenants; guarded by this. */
    private final Map<String, Tenant> live = new HashMap<>();
    /** Runs the idle closes; started on the first one. Guarded by this. */
    private ScheduledExecutorService timer;
    private boolean closed;

    /** One tenant's system VM and the leases held on it; fields guarded by the Tenants. */
    private static final class Tenant {
        final SystemVm systemVm;
        int leases;
        ScheduledFuture<?> idleClose;

        Tenant(SystemVm systemVm) {
            this.systemVm = systemVm;
        }
    }

    /**
     * One holder's use of a tenant's system VM: the system VM is kept at least until this is
     * closed. Closing twice is harmless.
     */
    public final class Lease implements AutoCloseable {
        private final String tenant;
        private final Tenant owner;
        private boolean released;

        private Lease(String tenant, Tenant owner) {
            this.tenant = tenant;
            this.owner = owner;
        }

        /** The tenant's system VM, live while this lease is held. */
        public SystemVm systemVm() {
            return owner.systemVm;
        }

        /** Releases the lease; the last one starts the tenant's idle time. */
        @Override
        public void close() {
            release(this);
        }
    }

    /** Direct transport; an unused system VM is closed after {@link #DEFAULT_IDLE}. */
    public Tenants() {
        this(null, DEFAULT_IDLE);
    }

    /**
     * Tenants whose system VMs use the ring transport with {@code rings} (null: the direct
     * transport) and are closed {@code idle} after their last user VM ended (zero: at once).
     */
    public Tenants(RingConfig rings, Duration idle) {
        this(rings, idle, Quotas.DEFAULT);
    }

    /** As {@link #Tenants(RingConfig, Duration)}, each tenant limited to {@code quotas}. */
    public Tenants(RingConfig rings, Duration idle, Quotas quotas) {
        if (idle.isNegative()) {
            throw new IllegalArgumentException("idle time is negative: " + idle);
        }
        this.rings = rings;
        this.idleNanos = idle.toNanos();
        this.quotas = quotas;
    }

    /** The ring configuration of this host's system VMs, or null for the direct transport. */
    public RingConfig rings() {
        return rings;
    }

    /**
     * Takes a lease on {@code tenant}'s system VM, starting the system VM if the tenant has
     * none running. The caller must close the lease when it no longer uses the system VM.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized Lease acquire(String tenant) {
        if (closed) {
            throw new IllegalStateException("tenants are closed; cannot start tenant " + tenant);
        }
        Tenant t = live.computeIfAbsent(tenant,
                name -> new Tenant(new SystemVm(name, rings, quotas)));
        t.leases++;
        if (t.idleClose != null) {
            t.idleClose.cancel(false);
            t.idleClose = null;
        }
        return new Lease(tenant, t);
    }

    /**
     * The system VM of {@code tenant}, starting it if needed, without holding it: unless a
     * lease is held, it is closed after the idle time like any unused one. For inspection
     * and set-up; a user of the system VM takes a {@link Lease}.
     */
    public SystemVm systemVm(String tenant) {
        try (Lease lease = acquire(tenant)) {
            return lease.systemVm();
        }
    }

    /** Whether {@code tenant} has a system VM now (running VMs, or within its idle time). */
    public synchronized boolean isRunning(String tenant) {
        return live.containsKey(tenant);
    }

    /**
     * Closes every tenant's system VM now, whatever still uses it, and stops the idle timer.
     * For a host shutting down: user VMs still running lose their I/O.
     */
    @Override
    public void close() {
        List<Tenant> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(live.values());
            live.clear();
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        for (Tenant t : all) {
            t.systemVm.close();
        }
    }

    private void release(Lease lease) {
        Tenant t = lease.owner;
        synchronized (this) {
            if (lease.released) {
                return;
            }
            lease.released = true;
            if (--t.leases > 0 || live.get(lease.tenant) != t) {
                return;
            }
            if (idleNanos > 0) {
                t.idleClose = timer().schedule(() -> closeIfIdle(lease.tenant, t), idleNanos,
                        TimeUnit.NANOSECONDS);
                return;
            }
            live.remove(lease.tenant);
        }
        t.systemVm.close(); // outside the lock: stopping ring threads takes a while
    }

    private void closeIfIdle(String tenant, Tenant t) {
        synchronized (this) {
            // A lease taken since the timer fired keeps the system VM.
            if (t.leases > 0 || live.get(tenant) != t) {
                return;
            }
            live.remove(tenant);
            t.idleClose = null;
        }
        t.systemVm.close();
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "tenants-idle");
                th.setDaemon(true); // an idle system VM never keeps the host process alive
                return th;
            });
            s.setRemoveOnCancelPolicy(true);
            timer = s;
        }
        return timer;
    }
}

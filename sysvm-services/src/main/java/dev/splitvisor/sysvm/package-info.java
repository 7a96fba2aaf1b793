/**
 * The system VM, one per tenant: serves the hypercalls of all the tenant's user VMs with a
 * virtual file system, the network service, the console and the clock, under per-tenant quotas.
 * Not written yet: see the system-VM issue.
 */
package dev.splitvisor.sysvm;

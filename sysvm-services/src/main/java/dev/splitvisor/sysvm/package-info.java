/**
 * The system VM, one per tenant: serves the hypercalls of all the tenant's user VMs.
 *
 * <p>Main types: {@link dev.splitvisor.sysvm.SystemVm} (the tenant's service host; hands each
 * attached user VM its own {@link dev.splitvisor.hypercall.HypercallPort}) and
 * {@link dev.splitvisor.sysvm.Console} (the console streams a user VM's standard handles
 * reach). This first version serves the console and the null call in process; the file
 * systems, network and rings arrive with the system-VM issue.
 *
 * <p>Invariant: every request is checked against the calling VM: its handles, its grants.
 */
package dev.splitvisor.sysvm;

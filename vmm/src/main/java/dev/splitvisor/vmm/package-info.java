/**
 * The virtual machine monitor: tenants and their system VMs ({@link dev.splitvisor.vmm.Tenants}),
 * the lifecycle of user VMs ({@link dev.splitvisor.vmm.UserVm}), and the command line
 * ({@link dev.splitvisor.vmm.Main} with one class per command). A tenant's system VM lives
 * while any of its user VMs runs and for an idle time after; each user VM holds a lease on it
 * from its start to its end.
 *
 * <p>Invariant: a user VM's failure (a guest fault, a bad program, a memory limit) ends that VM
 * only; commands report it as a one-line message and an exit status.
 */
package dev.splitvisor.vmm;

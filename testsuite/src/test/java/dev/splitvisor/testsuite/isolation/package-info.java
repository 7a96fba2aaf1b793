/**
 * Isolation between tenants, shown from the attacker's side: {@link
 * dev.splitvisor.testsuite.isolation.TenantIsolationTest} starts two tenants, each with its own
 * system VM and its own persistent volume on the host, and lets tenant B try every way in to
 * tenant A's data, file handles, memory, sockets and quotas. Real guest programs (busybox,
 * bash, tcp_echo) make the attempts a guest can express; raw hypercalls (through the same
 * {@link dev.splitvisor.hypercall.HypercallPort} the microkernel uses, or hostile ring entries)
 * make the ones only a broken or hostile kernel could send. Every attempt must fail with the
 * errno Linux would give, never with a host exception, and never show A's bytes.
 */
package dev.splitvisor.testsuite.isolation;

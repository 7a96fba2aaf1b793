/**
 * The hypercall ABI between a VM and its tenant's system VM: the only door from a guest to I/O.
 *
 * <p>Main types: {@link dev.splitvisor.hypercall.Opcode} (the services a request can ask for),
 * {@link dev.splitvisor.hypercall.HypercallRequest} (one request: opcode, handle, arguments and
 * a buffer grant), {@link dev.splitvisor.hypercall.Grant} (a range of the caller's guest memory
 * that the system VM may read or write, and nothing else),
 * {@link dev.splitvisor.hypercall.HypercallPort} (the door itself) and
 * {@link dev.splitvisor.hypercall.Errno} (Linux error numbers, returned negated).
 *
 * <p>Two transports carry a request behind the same types: the in-process one (a direct call on
 * the caller's thread) and the rings of {@link dev.splitvisor.hypercall.ring}, whose layout is
 * the versioned ABI of docs/hypercall.md.
 *
 * <p>Invariant: a grant is checked against the caller's address space and its own bounds on
 * every copy, so a request can never reach memory outside what it named.
 */
package dev.splitvisor.hypercall;

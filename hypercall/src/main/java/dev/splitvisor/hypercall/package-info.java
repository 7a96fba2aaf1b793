/**
 * The hypercall ABI between a VM and its tenant's system VM: opcodes, the request and completion
 * entry layouts, error codes, the shared submission and completion rings, the doorbell and
 * guest-buffer grants. Not written yet: see the system-VM issue.
 */
package dev.splitvisor.hypercall;

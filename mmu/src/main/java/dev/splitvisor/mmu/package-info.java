/**
 * Guest memory: 4 KiB frames that can be shared copy-on-write between VMs, address spaces that
 * map guest-virtual pages to frames with read/write/execute permissions, and the software TLB
 * through which the CPU reaches them.
 *
 * <p>Main types: {@link dev.splitvisor.mmu.Frame} (one 4 KiB page of guest memory),
 * {@link dev.splitvisor.mmu.AddressSpace} (the page mapping and its TLB, with the typed
 * load/store entry points the CPU calls on every memory access),
 * {@link dev.splitvisor.mmu.PageFault} (the guest-visible fault) and
 * {@link dev.splitvisor.mmu.MemoryQuota} (a cap on the frames one VM may own).
 *
 * <p>Invariants: a frame whose share count is above one is never written in place; the first
 * write through any mapping copies it. A frame that holds decoded code is never in the write
 * TLB, so every store to it takes the slow path, which drops the frame's decoded code.
 *
 * <p>Performance contract: a TLB hit is one array index, one compare and one VarHandle access;
 * nothing on the hit path allocates.
 */
package dev.splitvisor.mmu;

/**
 * The hypercall transport: shared rings announced by a doorbell (ABI version 1, specified in
 * docs/hypercall.md and repeated for C in hypercall/include/splitvisor_hypercall.h).
 *
 * <p>Each VM owns one off-heap region ({@link dev.splitvisor.hypercall.ring.RingPair}) laid out
 * as {@link dev.splitvisor.hypercall.ring.RingLayout} says: a header, a
 * {@link dev.splitvisor.hypercall.ring.SubmissionRing} of 128-byte entries the VM fills, a
 * {@link dev.splitvisor.hypercall.ring.CompletionRing} of 16-byte entries the system VM fills,
 * and a data area with one slot per submission entry for paths and kernel-buffer bounces. Both
 * rings are single-producer single-consumer with free-running u32 indices; entry bytes are
 * plain stores made visible by the release store of the producer's index and read after the
 * acquire load of it. Each side keeps its own index in a field, never trusting the region's
 * copy, so a guest that scribbles on the shared header can only confuse itself.
 *
 * <p>{@link dev.splitvisor.hypercall.ring.RingPort} is the VM side as a
 * {@link dev.splitvisor.hypercall.HypercallPort}; the system VM's side decodes entries with
 * {@link dev.splitvisor.hypercall.ring.SubmissionDecoder}, which checks every field so a
 * malformed entry completes with an errno, never a host exception. A
 * {@link dev.splitvisor.hypercall.ring.Doorbell} announces new entries (a direct call here, an
 * OUT to port 0x5EE0 from a full-system guest).
 *
 * <p>Performance contract: a call allocates nothing on the ring path except what decoding a
 * path needs (its String); a NOP round trip between two spinning threads is a few hundred
 * nanoseconds to a few microseconds.
 */
package dev.splitvisor.hypercall.ring;

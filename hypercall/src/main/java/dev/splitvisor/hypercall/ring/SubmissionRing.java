package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.RingLayout.SQE_BYTES;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The submission ring of one region: single producer (the VM) and single consumer (the system
 * VM), fixed {@value RingLayout#SQE_BYTES}-byte entries, free-running u32 indices.
 *
 * <p>Each side keeps its own index in a field and only ever publishes it to the region, so a
 * guest that scribbles over the system VM's index in shared memory changes nothing the system
 * VM believes. The other side's index is read with acquire, one's own published with release:
 * entry bytes written before a release are seen by whoever acquires the index after it.
 */
public final class SubmissionRing {
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteBuffer region;
    private final int entries;
    private final int mask;
    private final int array;
    /** The producer's next index; only the VM side touches it. */
    private int tail;
    /** The consumer's next index; only the system VM side touches it. */
    private int head;

    SubmissionRing(ByteBuffer region, int entries, int array) {
        this.region = region;
        this.entries = entries;
        this.mask = entries - 1;
        this.array = array;
        this.tail = (int) INT.getAcquire(region, RingLayout.SQ_TAIL_OFFSET);
        this.head = (int) INT.getAcquire(region, RingLayout.SQ_HEAD_OFFSET);
    }

    /** Entries in the ring. */
    public int entries() {
        return entries;
    }

    // ---------------------------------------------------------------- producer (VM) side

    /** Entries the producer may fill now. */
    public int free() {
        int consumed = (int) INT.getAcquire(region, RingLayout.SQ_HEAD_OFFSET);
        return entries - clamp(tail - consumed);
    }

    /** Where the producer's {@code k}-th unpublished entry starts; {@code k < free()}. */
    public int producerEntry(int k) {
        return array + ((tail + k) & mask) * SQE_BYTES;
    }

    /** Makes the next {@code n} filled entries visible to the consumer. */
    public void publish(int n) {
        tail += n;
        INT.setRelease(region, RingLayout.SQ_TAIL_OFFSET, tail);
    }

    // ---------------------------------------------------------------- consumer side

    /**
     * Entries published and not yet consumed. A producer that claims more than the ring holds
     * is clamped to a full ring, so a hostile tail cannot make the consumer read garbage twice
     * in one turn.
     */
    public int available() {
        int published = (int) INT.getAcquire(region, RingLayout.SQ_TAIL_OFFSET);
        return clamp(published - head);
    }

    /** Where the consumer's {@code k}-th unconsumed entry starts; {@code k < available()}. */
    public int consumerEntry(int k) {
        return array + ((head + k) & mask) * SQE_BYTES;
    }

    /** Hands {@code n} consumed entries back to the producer. */
    public void consume(int n) {
        head += n;
        INT.setRelease(region, RingLayout.SQ_HEAD_OFFSET, head);
    }

    private int clamp(int used) {
        return Integer.compareUnsigned(used, entries) > 0 ? entries : used;
    }
}

package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.PaddedCursors.HEAD;
import static dev.splitvisor.hypercall.ring.PaddedCursors.SEEN_HEAD;
import static dev.splitvisor.hypercall.ring.PaddedCursors.TAIL;
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
    /**
     * The producer's next index at {@code [TAIL]} and the consumer's at {@code [HEAD]}, each
     * touched by its own side only. They live in one padded array, more than two cache lines
     * apart and from either end, because the two sides run on different cores: as adjacent
     * fields, every index step of one side would evict the line the other side reads.
     */
    private final int[] cursors = PaddedCursors.allocate();

    SubmissionRing(ByteBuffer region, int entries, int array) {
        this.region = region;
        this.entries = entries;
        this.mask = entries - 1;
        this.array = array;
        cursors[TAIL] = (int) INT.getAcquire(region, RingLayout.SQ_TAIL_OFFSET);
        cursors[HEAD] = (int) INT.getAcquire(region, RingLayout.SQ_HEAD_OFFSET);
        cursors[SEEN_HEAD] = cursors[HEAD];
    }

    /** Entries in the ring. */
    public int entries() {
        return entries;
    }

    // ---------------------------------------------------------------- producer (VM) side

    /** Entries the producer may fill now, read afresh from the region. */
    public int free() {
        cursors[SEEN_HEAD] = (int) INT.getAcquire(region, RingLayout.SQ_HEAD_OFFSET);
        return entries - clamp(cursors[TAIL] - cursors[SEEN_HEAD]);
    }

    /**
     * Entries the producer may fill now, or at least {@code wanted} of them: the consumer's
     * index is read from the region only when the copy last read leaves fewer than
     * {@code wanted} free, which spares a cache-line transfer from the other side's core on
     * most calls.
     */
    public int free(int wanted) {
        int room = entries - clamp(cursors[TAIL] - cursors[SEEN_HEAD]);
        return room >= wanted ? room : free();
    }

    /** Where the producer's {@code k}-th unpublished entry starts; {@code k < free()}. */
    public int producerEntry(int k) {
        return array + ((cursors[TAIL] + k) & mask) * SQE_BYTES;
    }

    /** Makes the next {@code n} filled entries visible to the consumer. */
    public void publish(int n) {
        cursors[TAIL] += n;
        INT.setRelease(region, RingLayout.SQ_TAIL_OFFSET, cursors[TAIL]);
    }

    // ---------------------------------------------------------------- consumer side

    /**
     * Entries published and not yet consumed. A producer that claims more than the ring holds
     * is clamped to a full ring, so a hostile tail cannot make the consumer read garbage twice
     * in one turn.
     */
    public int available() {
        int published = (int) INT.getAcquire(region, RingLayout.SQ_TAIL_OFFSET);
        return clamp(published - cursors[HEAD]);
    }

    /** Where the consumer's {@code k}-th unconsumed entry starts; {@code k < available()}. */
    public int consumerEntry(int k) {
        return array + ((cursors[HEAD] + k) & mask) * SQE_BYTES;
    }

    /** Hands {@code n} consumed entries back to the producer. */
    public void consume(int n) {
        cursors[HEAD] += n;
        INT.setRelease(region, RingLayout.SQ_HEAD_OFFSET, cursors[HEAD]);
    }

    private int clamp(int used) {
        return Integer.compareUnsigned(used, entries) > 0 ? entries : used;
    }
}

package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.PaddedCursors.HEAD;
import static dev.splitvisor.hypercall.ring.PaddedCursors.SEEN_HEAD;
import static dev.splitvisor.hypercall.ring.PaddedCursors.TAIL;
import static dev.splitvisor.hypercall.ring.RingLayout.CQE_BYTES;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The completion ring of one region: single producer (the system VM) and single consumer (the
 * VM), {@value RingLayout#CQE_BYTES}-byte entries {user_data u64, result i64}, free-running u32
 * indices. Ordering is as in {@link SubmissionRing}: each side owns one index in a field,
 * publishes it with release and reads the other's with acquire.
 */
public final class CompletionRing {
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    CompletionRing(ByteBuffer region, int entries, int array) {
        this.region = region;
        this.entries = entries;
        this.mask = entries - 1;
        this.array = array;
        cursors[TAIL] = (int) INT.getAcquire(region, RingLayout.CQ_TAIL_OFFSET);
        cursors[HEAD] = (int) INT.getAcquire(region, RingLayout.CQ_HEAD_OFFSET);
        cursors[SEEN_HEAD] = cursors[HEAD];
    }

    /** Entries in the ring. */
    public int entries() {
        return entries;
    }

    // ---------------------------------------------------------------- producer (system VM)

    /** Completions the producer may post now, read afresh from the region. */
    public int free() {
        cursors[SEEN_HEAD] = (int) INT.getAcquire(region, RingLayout.CQ_HEAD_OFFSET);
        return entries - clamp(cursors[TAIL] - cursors[SEEN_HEAD]);
    }

    /**
     * Completions the producer may post now, or at least {@code wanted} of them: the
     * consumer's index is read from the region only when the copy last read leaves fewer than
     * {@code wanted} free, which spares a cache-line transfer from the other side's core on
     * most calls.
     */
    public int free(int wanted) {
        int room = entries - clamp(cursors[TAIL] - cursors[SEEN_HEAD]);
        return room >= wanted ? room : free();
    }

    /** Fills the producer's {@code k}-th unpublished completion; {@code k < free()}. */
    public void put(int k, long userData, long result) {
        int at = array + ((cursors[TAIL] + k) & mask) * CQE_BYTES;
        LONG.set(region, at + RingLayout.CQE_USER_DATA, userData);
        LONG.set(region, at + RingLayout.CQE_RESULT, result);
    }

    /** Makes the next {@code n} filled completions visible to the consumer. */
    public void publish(int n) {
        cursors[TAIL] += n;
        INT.setRelease(region, RingLayout.CQ_TAIL_OFFSET, cursors[TAIL]);
    }

    // ---------------------------------------------------------------- consumer (VM) side

    /** Completions posted and not yet taken. */
    public int available() {
        int posted = (int) INT.getAcquire(region, RingLayout.CQ_TAIL_OFFSET);
        int used = posted - cursors[HEAD];
        return Integer.compareUnsigned(used, entries) > 0 ? entries : used;
    }

    /** The user_data of the consumer's {@code k}-th untaken completion. */
    public long userData(int k) {
        return (long) LONG.get(region, array + ((cursors[HEAD] + k) & mask) * CQE_BYTES
                + RingLayout.CQE_USER_DATA);
    }

    /** The result of the consumer's {@code k}-th untaken completion. */
    public long result(int k) {
        return (long) LONG.get(region, array + ((cursors[HEAD] + k) & mask) * CQE_BYTES
                + RingLayout.CQE_RESULT);
    }

    /** Hands {@code n} taken completions back to the producer. */
    public void consume(int n) {
        cursors[HEAD] += n;
        INT.setRelease(region, RingLayout.CQ_HEAD_OFFSET, cursors[HEAD]);
    }

    private int clamp(int used) {
        return Integer.compareUnsigned(used, entries) > 0 ? entries : used;
    }
}

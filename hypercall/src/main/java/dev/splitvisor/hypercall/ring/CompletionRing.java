package dev.splitvisor.hypercall.ring;

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
    /** The producer's next index; only the system VM side touches it. */
    private int tail;
    /** The consumer's next index; only the VM side touches it. */
    private int head;

    CompletionRing(ByteBuffer region, int entries, int array) {
        this.region = region;
        this.entries = entries;
        this.mask = entries - 1;
        this.array = array;
        this.tail = (int) INT.getAcquire(region, RingLayout.CQ_TAIL_OFFSET);
        this.head = (int) INT.getAcquire(region, RingLayout.CQ_HEAD_OFFSET);
    }

    /** Entries in the ring. */
    public int entries() {
        return entries;
    }

    // ---------------------------------------------------------------- producer (system VM)

    /** Completions the producer may post now. */
    public int free() {
        int consumed = (int) INT.getAcquire(region, RingLayout.CQ_HEAD_OFFSET);
        int used = tail - consumed;
        return Integer.compareUnsigned(used, entries) > 0 ? 0 : entries - used;
    }

    /** Fills the producer's {@code k}-th unpublished completion; {@code k < free()}. */
    public void put(int k, long userData, long result) {
        int at = array + ((tail + k) & mask) * CQE_BYTES;
        LONG.set(region, at + RingLayout.CQE_USER_DATA, userData);
        LONG.set(region, at + RingLayout.CQE_RESULT, result);
    }

    /** Makes the next {@code n} filled completions visible to the consumer. */
    public void publish(int n) {
        tail += n;
        INT.setRelease(region, RingLayout.CQ_TAIL_OFFSET, tail);
    }

    // ---------------------------------------------------------------- consumer (VM) side

    /** Completions posted and not yet taken. */
    public int available() {
        int posted = (int) INT.getAcquire(region, RingLayout.CQ_TAIL_OFFSET);
        int used = posted - head;
        return Integer.compareUnsigned(used, entries) > 0 ? entries : used;
    }

    /** The user_data of the consumer's {@code k}-th untaken completion. */
    public long userData(int k) {
        return (long) LONG.get(region, array + ((head + k) & mask) * CQE_BYTES
                + RingLayout.CQE_USER_DATA);
    }

    /** The result of the consumer's {@code k}-th untaken completion. */
    public long result(int k) {
        return (long) LONG.get(region, array + ((head + k) & mask) * CQE_BYTES
                + RingLayout.CQE_RESULT);
    }

    /** Hands {@code n} taken completions back to the producer. */
    public void consume(int n) {
        head += n;
        INT.setRelease(region, RingLayout.CQ_HEAD_OFFSET, head);
    }
}

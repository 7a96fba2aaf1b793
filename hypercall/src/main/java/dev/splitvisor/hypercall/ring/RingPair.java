package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.RingLayout.*;

import dev.splitvisor.mmu.AddressSpace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One VM's hypercall region: a header, a {@link SubmissionRing}, a {@link CompletionRing} and a
 * data area of one fixed-size slot per submission entry, in one off-heap buffer laid out as
 * {@link RingLayout} says. Beside the shared bytes it keeps the host-side facts the system VM
 * needs and a guest could not be trusted to state: which address spaces the VM has lent (its
 * address-space ids) and whom to tell when completions are posted.
 */
public final class RingPair {
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteBuffer region;
    private final SubmissionRing submissions;
    private final CompletionRing completions;
    private final int slotBytes;
    private final int dataOffset;
    private final AddressSpace[] spaces;
    private volatile Runnable completionListener = () -> { };

    private RingPair(ByteBuffer region, int entries, int cqEntries, int slotBytes) {
        this.region = region;
        this.slotBytes = slotBytes;
        this.dataOffset = region.getInt(DATA_OFFSET);
        this.submissions = new SubmissionRing(region, entries, region.getInt(SQ_ARRAY_OFFSET));
        this.completions = new CompletionRing(region, cqEntries, region.getInt(CQ_ARRAY_OFFSET));
        this.spaces = new AddressSpace[2 * entries];
    }

    /** A fresh region sized by {@code config}, indices at 0. */
    public static RingPair allocate(RingConfig config) {
        return allocate(config, 0);
    }

    /**
     * A fresh region whose four indices start at {@code firstIndex} instead of 0, so that a
     * test can watch them wrap past 2^32.
     */
    public static RingPair allocate(RingConfig config, int firstIndex) {
        int entries = config.entries();
        int cqEntries = config.completionEntries();
        int cqArray = HEADER_BYTES + entries * SQE_BYTES;
        int data = align(cqArray + cqEntries * CQE_BYTES, 64);
        long bytes = data + (long) entries * config.slotBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("region too large: " + bytes + " bytes");
        }
        ByteBuffer region = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        region.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION)
                .putInt(SQ_ENTRIES_OFFSET, entries).putInt(SQ_MASK_OFFSET, entries - 1)
                .putInt(CQ_ENTRIES_OFFSET, cqEntries).putInt(CQ_MASK_OFFSET, cqEntries - 1)
                .putInt(SQ_ARRAY_OFFSET, HEADER_BYTES).putInt(CQ_ARRAY_OFFSET, cqArray)
                .putInt(DATA_OFFSET, data).putInt(SLOT_BYTES_OFFSET, config.slotBytes())
                .putLong(REGION_BYTES_OFFSET, bytes).putInt(STATE_OFFSET, STATE_OPEN);
        for (int index : new int[] {SQ_TAIL_OFFSET, SQ_HEAD_OFFSET, CQ_TAIL_OFFSET,
            CQ_HEAD_OFFSET}) {
            region.putInt(index, firstIndex);
        }
        return new RingPair(region, entries, cqEntries, config.slotBytes());
    }

    private static int align(int n, int to) {
        return (n + to - 1) & -to;
    }

    /** The shared bytes. */
    public ByteBuffer region() {
        return region;
    }

    /** The VM-to-system-VM ring. */
    public SubmissionRing submissions() {
        return submissions;
    }

    /** The system-VM-to-VM ring. */
    public CompletionRing completions() {
        return completions;
    }

    /** Slots in the data area: one per submission entry. */
    public int slots() {
        return submissions.entries();
    }

    /** Bytes of each slot. */
    public int slotBytes() {
        return slotBytes;
    }

    /** Where {@code slot}'s bytes start in the region. */
    public int slotOffset(int slot) {
        return dataOffset + slot * slotBytes;
    }

    /** Where the data area starts: region references must lie at or past it. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Whether the system VM has closed the region (the VM detached). */
    public boolean isClosed() {
        return (int) INT.getAcquire(region, STATE_OFFSET) == STATE_CLOSED;
    }

    /** Marks the region closed; entries queued from now on are cancelled, never served. */
    public void markClosed() {
        INT.setRelease(region, STATE_OFFSET, STATE_CLOSED);
    }

    /**
     * Lends {@code space} under address-space id {@code asid}, so guest references carrying that
     * id resolve in it. Written before the entry that uses it is published, hence seen by the
     * system VM through the submission tail's release.
     */
    public void lend(int asid, AddressSpace space) {
        // Usually the same space again: storing it anyway would take the table's cache line
        // from the system VM's core, which reads it for every grant.
        if (spaces[asid] != space) {
            spaces[asid] = space;
        }
    }

    /** Address-space ids the VM can use. */
    public int asids() {
        return spaces.length;
    }

    /** The address space lent under {@code asid}, or null when there is none. */
    public AddressSpace space(int asid) {
        return asid >= 0 && asid < spaces.length ? spaces[asid] : null;
    }

    /** Sets who hears that completions were posted (the VM side's waiters). */
    public void onCompletions(Runnable listener) {
        completionListener = listener;
    }

    /** Tells the VM side that completions were posted: the in-process completion interrupt. */
    public void signalCompletions() {
        completionListener.run();
    }
}

package dev.splitvisor.hypercall.ring;

/**
 * The byte layout of a hypercall region, ABI version {@value #VERSION}: every offset and flag
 * that a guest kernel and the system VM must agree on. docs/hypercall.md explains them and
 * hypercall/include/splitvisor_hypercall.h repeats them for C; a test keeps the three equal.
 *
 * <p>All multi-byte fields are little-endian. Offsets are from the start of the region (header
 * fields, the two rings' first entries, the data area) or of one entry (entry fields).
 */
public final class RingLayout {
    /** The ABI version this layout describes. */
    public static final int VERSION = 1;
    /** "SVHC" read as a little-endian u32: marks a hypercall region. */
    public static final int MAGIC = 0x43485653;
    /**
     * The I/O port a full-system guest writes (OUT, 32 bits) to ring its doorbell; the value
     * written is ignored in version 1 (one region per machine).
     */
    public static final int DOORBELL_PORT = 0x5EE0;

    // ---- region header, one 64-byte line of fields read-only after set-up
    /** u32: {@link #MAGIC}. */
    public static final int MAGIC_OFFSET = 0;
    /** u32: {@link #VERSION}. */
    public static final int VERSION_OFFSET = 4;
    /** u32: submission entries, a power of two. */
    public static final int SQ_ENTRIES_OFFSET = 8;
    /** u32: submission entries - 1; an index is taken modulo this with AND. */
    public static final int SQ_MASK_OFFSET = 12;
    /** u32: completion entries, a power of two. */
    public static final int CQ_ENTRIES_OFFSET = 16;
    /** u32: completion entries - 1. */
    public static final int CQ_MASK_OFFSET = 20;
    /** u32: where the submission entries start. */
    public static final int SQ_ARRAY_OFFSET = 24;
    /** u32: where the completion entries start. */
    public static final int CQ_ARRAY_OFFSET = 28;
    /** u32: where the data area (paths, bounce buffers) starts. */
    public static final int DATA_OFFSET = 32;
    /** u32: bytes of the data area that belong to each submission slot. */
    public static final int SLOT_BYTES_OFFSET = 36;
    /** u64: bytes in the whole region. */
    public static final int REGION_BYTES_OFFSET = 40;
    /** u32: {@link #STATE_OPEN} or {@link #STATE_CLOSED}; written by the system VM. */
    public static final int STATE_OFFSET = 48;

    /** The region is served. */
    public static final int STATE_OPEN = 0;
    /** The VM has detached: queued entries completed with ECANCELED, nothing more is served. */
    public static final int STATE_CLOSED = 1;

    // ---- the four indices, each alone in a 128-byte block so that the two sides' stores
    // never share a cache line (nor an adjacent-line prefetch pair).
    /** Bytes between two indices. */
    public static final int INDEX_STRIDE = 128;
    /** u32, free-running: the next submission entry the VM will fill. Written by the VM. */
    public static final int SQ_TAIL_OFFSET = 128;
    /** u32, free-running: the next submission entry the system VM will read. */
    public static final int SQ_HEAD_OFFSET = SQ_TAIL_OFFSET + INDEX_STRIDE;
    /** u32, free-running: the next completion entry the system VM will fill. */
    public static final int CQ_TAIL_OFFSET = SQ_HEAD_OFFSET + INDEX_STRIDE;
    /** u32, free-running: the next completion entry the VM will read. Written by the VM. */
    public static final int CQ_HEAD_OFFSET = CQ_TAIL_OFFSET + INDEX_STRIDE;
    /** Bytes of the header; the submission entries follow. */
    public static final int HEADER_BYTES = CQ_HEAD_OFFSET + INDEX_STRIDE;

    // ---- submission entry
    /** Bytes in one submission entry (two cache lines). */
    public static final int SQE_BYTES = 128;
    /** u16: an {@link dev.splitvisor.hypercall.Opcode}. */
    public static final int SQE_OPCODE = 0;
    /** u16: entry flags; none are defined in version 1, so it must be 0. */
    public static final int SQE_FLAGS = 2;
    /** i32: the handle (or directory handle) the request acts on. */
    public static final int SQE_HANDLE = 4;
    /** i32: the second handle. */
    public static final int SQE_HANDLE2 = 8;
    /** u32: reserved, 0. */
    public static final int SQE_RESERVED = 12;
    /** u64: copied unchanged into the completion; the VM's own tag. */
    public static final int SQE_USER_DATA = 16;
    /** u64: the first argument. */
    public static final int SQE_ARG0 = 24;
    /** u64: the second argument. */
    public static final int SQE_ARG1 = 32;
    /** Buffer reference: the grant. */
    public static final int SQE_GRANT = 40;
    /** Buffer reference: the second grant. */
    public static final int SQE_GRANT2 = 56;
    /** Buffer reference: the path (UTF-8, no NUL). */
    public static final int SQE_PATH = 72;
    /** Buffer reference: the second path. */
    public static final int SQE_PATH2 = 88;

    // ---- buffer reference, 16 bytes inside an entry
    /** u64: a guest-virtual address, or with {@link #REF_REGION} an offset in the region. */
    public static final int REF_ADDR = 0;
    /** u32: bytes. */
    public static final int REF_LEN = 8;
    /** u32: REF_* flags. */
    public static final int REF_FLAGS = 12;
    /** Bytes in a buffer reference. */
    public static final int REF_BYTES = 16;
    /** The reference names a buffer; without it the field means "none" (a null grant). */
    public static final int REF_PRESENT = 1;
    /** The system VM may store into the buffer. */
    public static final int REF_WRITABLE = 1 << 1;
    /** The address is an offset into the region's data area, not guest memory. */
    public static final int REF_REGION = 1 << 2;
    /** Where the address-space id starts in the flags (bits 16-31, guest references). */
    public static final int REF_ASID_SHIFT = 16;
    /** Every flag bit version 1 defines; any other bit set makes the entry malformed. */
    public static final int REF_KNOWN_FLAGS = REF_PRESENT | REF_WRITABLE | REF_REGION
            | 0xFFFF << REF_ASID_SHIFT;

    // ---- completion entry
    /** Bytes in one completion entry. */
    public static final int CQE_BYTES = 16;
    /** u64: the submission's user_data. */
    public static final int CQE_USER_DATA = 0;
    /** i64: the result, non-negative or a negated Linux errno. */
    public static final int CQE_RESULT = 8;

    // ---- limits
    /** The longest path a reference may carry, in bytes (Linux PATH_MAX, counting no NUL). */
    public static final int PATH_MAX = 4096;
    /** The largest grant, in bytes (Linux's MAX_RW_COUNT). */
    public static final int MAX_GRANT = 0x7FFFF000;
    /** The first guest-virtual address past user space: grants stay below it. */
    public static final long USER_LIMIT = 1L << 47;

    private RingLayout() {
    }
}

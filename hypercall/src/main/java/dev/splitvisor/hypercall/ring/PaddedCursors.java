package dev.splitvisor.hypercall.ring;

/**
 * Where a ring keeps its two private indices: one int array, each index at least 128 bytes (two
 * cache lines, since cores fetch lines in pairs) from the other and from both ends of the
 * array, so that neither shares a line with the other, with the array's header, or with a
 * neighbouring object.
 */
final class PaddedCursors {
    /** The producer's next index. */
    static final int TAIL = 32;
    /** The consumer's index as the producer last read it (the producer's side too). */
    static final int SEEN_HEAD = TAIL + 1;
    /** The consumer's next index. */
    static final int HEAD = 64;
    private static final int LENGTH = 96;

    private PaddedCursors() {
    }

    static int[] allocate() {
        return new int[LENGTH];
    }
}

package dev.splitvisor.sysvm;

/**
 * A bounded byte queue: a socket's receive buffer. It starts small and doubles up to its
 * capacity, so idle connections cost little host memory. Not thread-safe: its owner guards it.
 */
final class ByteRing {
    private static final int INITIAL = 4096;

    private final int capacity;
    private byte[] ring;
    private int head;
    private int count;

    ByteRing(int capacity) {
        this.capacity = capacity;
        this.ring = new byte[Math.min(INITIAL, capacity)];
    }

    int size() {
        return count;
    }

    int space() {
        return capacity - count;
    }

    /** Appends up to {@code n} bytes of {@code b} from {@code off}: how many fit. */
    int put(byte[] b, int off, int n) {
        int k = Math.min(n, space());
        grow(count + k);
        int tail = (head + count) % ring.length;
        int first = Math.min(k, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, k - first);
        count += k;
        return k;
    }

    /** Copies up to {@code n} bytes out; removes them unless {@code peek}. The count. */
    int take(byte[] b, int n, boolean peek) {
        int k = Math.min(n, count);
        int first = Math.min(k, ring.length - head);
        System.arraycopy(ring, head, b, 0, first);
        System.arraycopy(ring, 0, b, first, k - first);
        if (!peek) {
            head = (head + k) % ring.length;
            count -= k;
        }
        return k;
    }

    private void grow(int needed) {
        if (needed <= ring.length) {
            return;
        }
        int size = ring.length;
        while (size < needed) {
            size *= 2;
        }
        byte[] bigger = new byte[Math.min(size, capacity)];
        int first = Math.min(count, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, count - first);
        ring = bigger;
        head = 0;
    }
}

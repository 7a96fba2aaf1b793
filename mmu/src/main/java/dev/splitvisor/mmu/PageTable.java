package dev.splitvisor.mmu;

import java.util.function.LongConsumer;

/**
 * The map from guest-virtual page number to {@link PageTable.Entry}: an open-addressing hash
 * table with linear probing and backward-shift deletion, so lookups on the TLB-miss path
 * neither box nor allocate.
 */
final class PageTable {
    /** One mapped page. */
    static final class Entry {
        Frame frame;
        int prot;
        /** MAP_SHARED: writes go to the frame in place even when other spaces map it. */
        boolean sharedWritable;

        Entry(Frame frame, int prot, boolean sharedWritable) {
            this.frame = frame;
            this.prot = prot;
            this.sharedWritable = sharedWritable;
        }
    }

    private static final long EMPTY = -1L;

    private long[] keys = newKeys(1024);
    private Entry[] values = new Entry[1024];
    private int size;

    private static long[] newKeys(int n) {
        long[] k = new long[n];
        java.util.Arrays.fill(k, EMPTY);
        return k;
    }

    private static int slot(long vpn, int mask) {
        long h = vpn * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    Entry get(long vpn) {
        long[] k = keys;
        int mask = k.length - 1;
        for (int i = slot(vpn, mask); ; i = (i + 1) & mask) {
            long key = k[i];
            if (key == vpn) {
                return values[i];
            }
            if (key == EMPTY) {
                return null;
            }
        }
    }

    void put(long vpn, Entry e) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(vpn, mask);
        while (keys[i] != EMPTY && keys[i] != vpn) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = vpn;
        values[i] = e;
    }

    Entry remove(long vpn) {
        int mask = keys.length - 1;
        int i = slot(vpn, mask);
        while (keys[i] != vpn) {
            if (keys[i] == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
        Entry old = values[i];
        shiftBack(i, mask);
        size--;
        return old;
    }

    /** Backward-shift deletion keeps every probe chain unbroken without tombstones. */
    private void shiftBack(int hole, int mask) {
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                break;
            }
            int home = slot(keys[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        values[hole] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        Entry[] oldValues = values;
        keys = newKeys(oldKeys.length * 2);
        values = new Entry[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** Calls {@code action} with every mapped page number, in no particular order. */
    void forEachPage(LongConsumer action) {
        long[] k = keys.clone();
        for (long key : k) {
            if (key != EMPTY) {
                action.accept(key);
            }
        }
    }
}

package dev.splitvisor.mmu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One 4 KiB page of guest memory. A frame can be mapped by several address spaces at once
 * (after a fork or a snapshot clone); while it is, every mapping treats it as read-only and the
 * first write through any of them copies it.
 */
public final class Frame {
    /** Size of a frame in bytes. */
    public static final int SIZE = 4096;
    /** log2 of {@link #SIZE}. */
    public static final int SHIFT = 12;
    /** Mask of the offset bits inside a frame. */
    public static final long OFFSET_MASK = SIZE - 1;

    /** The frame shared by every untouched demand-zero page; it is never written. */
    public static final Frame ZERO = new Frame(new byte[SIZE], Integer.MAX_VALUE / 2);

    final byte[] data;
    private final AtomicInteger mappings;

    /**
     * Decoded instructions of this frame, owned by the CPU. Opaque here: the MMU only clears it
     * when the frame is written, which is how self-modifying code is noticed.
     */
    public volatile Object codeCache;

    Frame() {
        this(new byte[SIZE], 1);
    }

    private Frame(byte[] data, int mappings) {
        this.data = data;
        this.mappings = new AtomicInteger(mappings);
    }

    /** The frame's bytes. Callers outside the MMU must only read them. */
    public byte[] bytes() {
        return data;
    }

    /** A new private frame holding a copy of this one's bytes. */
    Frame copy() {
        Frame f = new Frame();
        System.arraycopy(data, 0, f.data, 0, SIZE);
        return f;
    }

    boolean isShared() {
        return mappings.get() > 1;
    }

    void share() {
        mappings.incrementAndGet();
    }

    /** Drops one mapping; returns true when this was the last one. */
    boolean release() {
        return mappings.decrementAndGet() == 0;
    }
}

package dev.splitvisor.mmu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A guest-virtual address space: the page mapping of one process and the software TLB through
 * which its vCPU loads and stores.
 *
 * <p>Hot path: the typed loads and stores ({@link #read32}, {@link #write64}, ...) are called
 * for every guest memory operand. A hit is an index into a direct-mapped TLB of
 * {@value #TLB_SIZE} entries, a tag compare and one VarHandle access on the frame's bytes. A
 * miss, an access that crosses a page, a copy-on-write, a store to a page that holds decoded
 * code, and every fault go to the slow path.
 *
 * <p>Not thread-safe: an address space belongs to one vCPU at a time. Frames may be shared with
 * other address spaces, which only ever read them until a write copies them.
 */
public final class AddressSpace {
    /** Entries in each of the read, write and fetch TLBs. */
    public static final int TLB_SIZE = 256;
    private static final int TLB_MASK = TLB_SIZE - 1;
    private static final long NO_PAGE = -1L;

    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] readTag = new long[TLB_SIZE];
    private final byte[][] readData = new byte[TLB_SIZE][];
    private final long[] writeTag = new long[TLB_SIZE];
    private final byte[][] writeData = new byte[TLB_SIZE][];
    private final long[] fetchTag = new long[TLB_SIZE];
    private final Frame[] fetchFrame = new Frame[TLB_SIZE];

    private final PageTable pages = new PageTable();
    private final MemoryQuota quota;
    /**
     * Bumped whenever a translation changes or a store hits a frame with decoded code, so that
     * caches of decoded blocks keyed by virtual address know to start again.
     */
    private long codeGeneration;

    /** An empty address space whose private frames are charged to {@code quota}. */
    public AddressSpace(MemoryQuota quota) {
        this.quota = quota;
        flushTlb();
    }

    /** An empty address space with no memory cap. */
    public AddressSpace() {
        this(MemoryQuota.unlimited());
    }

    /** The quota this space charges its private frames to. */
    public MemoryQuota quota() {
        return quota;
    }

    // ---------------------------------------------------------------- mapping

    /**
     * Maps {@code length} bytes at {@code va} (both rounded out to whole pages) as demand-zero
     * memory with {@code prot}, replacing whatever was mapped there.
     */
    public void map(long va, long length, int prot) {
        long first = va >>> Frame.SHIFT;
        long last = (va + length - 1) >>> Frame.SHIFT;
        for (long vpn = first; vpn <= last; vpn++) {
            dropPage(vpn);
            pages.put(vpn, new PageTable.Entry(Frame.ZERO, prot, false));
        }
        flushTlb();
    }

    /**
     * Maps one existing frame at the page of {@code va}. With {@code sharedWritable} the page
     * behaves like MAP_SHARED: writes land in the frame itself, seen by every space mapping it.
     * Otherwise the frame is shared copy-on-write.
     */
    public void mapFrame(long va, Frame frame, int prot, boolean sharedWritable) {
        long vpn = va >>> Frame.SHIFT;
        dropPage(vpn);
        frame.share();
        pages.put(vpn, new PageTable.Entry(frame, prot, sharedWritable));
        flushTlb();
    }

    /**
     * Maps {@code length} bytes at {@code va} as fresh zeroed frames that stay shared for
     * writing with every space this one is forked into (MAP_SHARED anonymous memory).
     *
     * @throws MemoryLimitExceeded when the quota cannot hold the frames; nothing is mapped then
     */
    public void mapShared(long va, long length, int prot) {
        long first = va >>> Frame.SHIFT;
        long last = (va + length - 1) >>> Frame.SHIFT;
        for (long vpn = first; vpn <= last; vpn++) {
            if (!quota.tryCharge()) {
                for (long undo = first; undo < vpn; undo++) {
                    dropPage(undo);
                }
                throw new MemoryLimitExceeded(vpn << Frame.SHIFT, quota.limitBytes());
            }
            dropPage(vpn);
            pages.put(vpn, new PageTable.Entry(new Frame(), prot, true));
        }
        flushTlb();
    }

    /** Removes the mapping of every page that overlaps {@code [va, va+length)}. */
    public void unmap(long va, long length) {
        long first = va >>> Frame.SHIFT;
        long last = (va + length - 1) >>> Frame.SHIFT;
        for (long vpn = first; vpn <= last; vpn++) {
            dropPage(vpn);
        }
        flushTlb();
    }

    /**
     * Changes the permissions of every mapped page overlapping the range; false when one of
     * them is not mapped.
     */
    public boolean protect(long va, long length, int prot) {
        long first = va >>> Frame.SHIFT;
        long last = (va + length - 1) >>> Frame.SHIFT;
        boolean all = true;
        for (long vpn = first; vpn <= last; vpn++) {
            PageTable.Entry e = pages.get(vpn);
            if (e == null) {
                all = false;
            } else {
                e.prot = prot;
            }
        }
        flushTlb();
        return all;
    }

    /** The permissions of the page holding {@code va}, or -1 when it is not mapped. */
    public int protectionOf(long va) {
        PageTable.Entry e = pages.get(va >>> Frame.SHIFT);
        return e == null ? -1 : e.prot;
    }

    /** True when the page holding {@code va} is mapped. */
    public boolean isMapped(long va) {
        return pages.get(va >>> Frame.SHIFT) != null;
    }

    /** Number of pages mapped. */
    public int mappedPages() {
        return pages.size();
    }

    /**
     * Number of pages that hold a frame of their own (written or filled since mapped), what
     * Linux calls resident; demand-zero pages not yet touched do not count. Walks the table.
     */
    public int residentPages() {
        int[] n = {0};
        pages.forEachPage(vpn -> {
            PageTable.Entry e = pages.get(vpn);
            if (e != null && e.frame != Frame.ZERO) {
                n[0]++;
            }
        });
        return n[0];
    }

    private void dropPage(long vpn) {
        PageTable.Entry old = pages.remove(vpn);
        if (old != null) {
            releaseFrame(old.frame);
        }
    }

    private void releaseFrame(Frame f) {
        if (f != Frame.ZERO && f.release()) {
            quota.credit();
        }
    }

    /**
     * A copy-on-write twin of this space (fork, snapshot clone): every page is shared; the
     * first write through either space copies it. MAP_SHARED pages stay shared for writing.
     */
    public AddressSpace forkCopyOnWrite(MemoryQuota childQuota) {
        AddressSpace child = new AddressSpace(childQuota);
        pages.forEachPage(vpn -> {
            PageTable.Entry e = pages.get(vpn);
            e.frame.share();
            child.pages.put(vpn, new PageTable.Entry(e.frame, e.prot, e.sharedWritable));
        });
        flushTlb();
        return child;
    }

    /** Unmaps everything, returning every private frame to the quota. */
    public void clear() {
        pages.forEachPage(this::dropPage);
        flushTlb();
    }

    /** The current code generation: equal values mean no mapping or decoded code changed. */
    public long codeGeneration() {
        return codeGeneration;
    }

    /** Forgets every cached translation; required after any change to the mapping. */
    public void flushTlb() {
        codeGeneration++;
        Arrays.fill(readTag, NO_PAGE);
        Arrays.fill(writeTag, NO_PAGE);
        Arrays.fill(fetchTag, NO_PAGE);
        Arrays.fill(readData, null);
        Arrays.fill(writeData, null);
        Arrays.fill(fetchFrame, null);
    }

    // ---------------------------------------------------------------- hot path

    private static int index(long vpn) {
        return (int) vpn & TLB_MASK;
    }

    /** Loads one byte (zero-extended). */
    public int read8(long va) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        if (readTag[i] == vpn) {
            return readData[i][(int) va & 0xFFF] & 0xFF;
        }
        return (int) readSlow(va, 1) & 0xFF;
    }

    /** Loads a little-endian 16-bit value (zero-extended). */
    public int read16(long va) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        int off = (int) va & 0xFFF;
        if (readTag[i] == vpn && off <= Frame.SIZE - 2) {
            return (short) SHORT.get(readData[i], off) & 0xFFFF;
        }
        return (int) readSlow(va, 2) & 0xFFFF;
    }

    /** Loads a little-endian 32-bit value. */
    public int read32(long va) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        int off = (int) va & 0xFFF;
        if (readTag[i] == vpn && off <= Frame.SIZE - 4) {
            return (int) INT.get(readData[i], off);
        }
        return (int) readSlow(va, 4);
    }

    /** Loads a little-endian 64-bit value. */
    public long read64(long va) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        int off = (int) va & 0xFFF;
        if (readTag[i] == vpn && off <= Frame.SIZE - 8) {
            return (long) LONG.get(readData[i], off);
        }
        return readSlow(va, 8);
    }

    /** Stores one byte. */
    public void write8(long va, int value) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        if (writeTag[i] == vpn) {
            writeData[i][(int) va & 0xFFF] = (byte) value;
            return;
        }
        writeSlow(va, value, 1);
    }

    /** Stores a little-endian 16-bit value. */
    public void write16(long va, int value) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        int off = (int) va & 0xFFF;
        if (writeTag[i] == vpn && off <= Frame.SIZE - 2) {
            SHORT.set(writeData[i], off, (short) value);
            return;
        }
        writeSlow(va, value, 2);
    }

    /** Stores a little-endian 32-bit value. */
    public void write32(long va, int value) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        int off = (int) va & 0xFFF;
        if (writeTag[i] == vpn && off <= Frame.SIZE - 4) {
            INT.set(writeData[i], off, value);
            return;
        }
        writeSlow(va, value & 0xFFFFFFFFL, 4);
    }

    /** Stores a little-endian 64-bit value. */
    public void write64(long va, long value) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        int off = (int) va & 0xFFF;
        if (writeTag[i] == vpn && off <= Frame.SIZE - 8) {
            LONG.set(writeData[i], off, value);
            return;
        }
        writeSlow(va, value, 8);
    }

    /**
     * The frame to fetch instructions from at {@code va}, checking execute permission. The
     * caller (the decoder) may attach decoded code to it; to keep stores to that code visible,
     * the page is evicted from the write TLB here.
     */
    public Frame fetchFrame(long va) {
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        if (fetchTag[i] == vpn) {
            return fetchFrame[i];
        }
        return fetchSlow(va);
    }

    // ---------------------------------------------------------------- slow path

    private static boolean canonical(long va) {
        return (va << 16 >> 16) == va;
    }

    private PageTable.Entry lookup(long va, int accessBits) {
        if (!canonical(va)) {
            throw new PageFault(va, accessBits | PageFault.USER, true);
        }
        PageTable.Entry e = pages.get(va >>> Frame.SHIFT);
        if (e == null) {
            throw new PageFault(va, accessBits | PageFault.USER, false);
        }
        return e;
    }

    private byte[] readablePage(long va) {
        PageTable.Entry e = lookup(va, 0);
        if (e.prot == Prot.NONE) {
            throw new PageFault(va, PageFault.PRESENT | PageFault.USER, false);
        }
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        fillTlb(readTag, readData, i, vpn, e.frame.data);
        return e.frame.data;
    }

    /**
     * Puts a page in one of the TLBs, storing only what changes: the system VM copies grants on
     * its own threads, and a store of the same entry would still take the TLB's cache line
     * from the core that runs this space's CPU, which reads it on every access.
     */
    private static void fillTlb(long[] tags, byte[][] data, int i, long vpn, byte[] page) {
        if (tags[i] != vpn) {
            tags[i] = vpn;
        }
        if (data[i] != page) {
            data[i] = page;
        }
    }

    private long readSlow(long va, int size) {
        int off = (int) (va & Frame.OFFSET_MASK);
        if (off + size <= Frame.SIZE) {
            byte[] d = readablePage(va);
            long v = 0;
            for (int b = size - 1; b >= 0; b--) {
                v = (v << 8) | (d[off + b] & 0xFF);
            }
            return v;
        }
        // Crosses a page: both pages must be readable before any byte counts.
        readablePage(va + size - 1);
        long v = 0;
        for (int b = size - 1; b >= 0; b--) {
            v = (v << 8) | read8(va + b);
        }
        return v;
    }

    private byte[] writablePage(long va) {
        PageTable.Entry e = lookup(va, PageFault.WRITE);
        if ((e.prot & Prot.WRITE) == 0) {
            throw new PageFault(va, PageFault.PRESENT | PageFault.WRITE | PageFault.USER, false);
        }
        Frame f = e.frame;
        if (f == Frame.ZERO || (f.isShared() && !e.sharedWritable)) {
            f = privateCopy(e, va);
        }
        if (f.codeCache != null) {
            // A store into decoded code: drop the decoded form and keep the page out of the
            // write TLB so that the next store here is seen too.
            f.codeCache = null;
            codeGeneration++;
            return f.data;
        }
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        // A page is never in the write and fetch TLBs at once: the next fetch goes through
        // fetchSlow, which takes it out of the write TLB, so stores after the page is decoded
        // again are seen (self-modifying and JIT-compiling guests).
        if (fetchTag[i] == vpn) {
            fetchTag[i] = NO_PAGE;
            fetchFrame[i] = null;
        }
        fillTlb(writeTag, writeData, i, vpn, f.data);
        return f.data;
    }

    private Frame privateCopy(PageTable.Entry e, long va) {
        if (!quota.tryCharge()) {
            throw new MemoryLimitExceeded(va, quota.limitBytes());
        }
        Frame old = e.frame;
        Frame copy = old == Frame.ZERO ? new Frame() : old.copy();
        releaseFrame(old);
        e.frame = copy;
        codeGeneration++; // blocks decoded from the old frame no longer describe this page
        int i = index(va >>> Frame.SHIFT);
        readTag[i] = NO_PAGE;
        readData[i] = null;
        fetchTag[i] = NO_PAGE;
        fetchFrame[i] = null;
        return copy;
    }

    private void writeSlow(long va, long value, int size) {
        int off = (int) (va & Frame.OFFSET_MASK);
        if (off + size <= Frame.SIZE) {
            byte[] d = writablePage(va);
            for (int b = 0; b < size; b++) {
                d[off + b] = (byte) (value >>> (8 * b));
            }
            return;
        }
        // Crosses a page: check both pages before storing anything, so a fault changes nothing.
        writablePage(va);
        writablePage(va + size - 1);
        for (int b = 0; b < size; b++) {
            writablePage(va + b)[(int) ((va + b) & Frame.OFFSET_MASK)] = (byte) (value >>> (8 * b));
        }
    }

    private Frame fetchSlow(long va) {
        PageTable.Entry e = lookup(va, PageFault.FETCH);
        if ((e.prot & Prot.EXEC) == 0) {
            throw new PageFault(va, PageFault.PRESENT | PageFault.FETCH | PageFault.USER, false);
        }
        long vpn = va >>> Frame.SHIFT;
        int i = index(vpn);
        if (writeTag[i] == vpn) {
            writeTag[i] = NO_PAGE;
            writeData[i] = null;
        }
        fetchTag[i] = vpn;
        fetchFrame[i] = e.frame;
        return e.frame;
    }

    /**
     * Checks that every byte of {@code [va, va+length)} could be written now, without writing;
     * instructions that store several values call this first so a fault leaves no partial store.
     */
    public void probeWrite(long va, int length) {
        long end = va + length - 1;
        for (long p = va & ~Frame.OFFSET_MASK; Long.compareUnsigned(p, end) <= 0; p += Frame.SIZE) {
            writablePage(Math.max(p, va));
            if (p + Frame.SIZE == 0) {
                break;
            }
        }
    }

    /**
     * The bytes of the page that holds {@code va}, to be read in place (a system VM draining a
     * grant), with the guest's read permission. Throws {@link PageFault} as a load would.
     */
    public byte[] pageForRead(long va) {
        return readablePage(va);
    }

    /**
     * The bytes of the page that holds {@code va}, to be written in place (a system VM filling
     * a grant), with the guest's write permission: a copy-on-write page is copied first and
     * decoded code on it is dropped, as for a store. Throws {@link PageFault} as a store would.
     */
    public byte[] pageForWrite(long va) {
        return writablePage(va);
    }

    /** Checks that every byte of {@code [va, va+length)} could be read now. */
    public void probeRead(long va, int length) {
        long end = va + length - 1;
        for (long p = va & ~Frame.OFFSET_MASK; Long.compareUnsigned(p, end) <= 0; p += Frame.SIZE) {
            readablePage(Math.max(p, va));
            if (p + Frame.SIZE == 0) {
                break;
            }
        }
    }

    // ---------------------------------------------------------------- bulk copies

    /**
     * Copies guest memory into {@code dst} with the guest's read permissions (the kernel's
     * copy_from_user). Throws {@link PageFault} if any byte is not readable.
     */
    public void readBytes(long va, byte[] dst, int off, int len) {
        while (len > 0) {
            int pageOff = (int) (va & Frame.OFFSET_MASK);
            int n = Math.min(len, Frame.SIZE - pageOff);
            System.arraycopy(readablePage(va), pageOff, dst, off, n);
            va += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code src} into guest memory with the guest's write permissions (copy_to_user). */
    public void writeBytes(long va, byte[] src, int off, int len) {
        probeWrite(va, len);
        while (len > 0) {
            int pageOff = (int) (va & Frame.OFFSET_MASK);
            int n = Math.min(len, Frame.SIZE - pageOff);
            System.arraycopy(src, off, writablePage(va), pageOff, n);
            va += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Writes bytes regardless of page permissions, for loaders (an ELF's read-only text must
     * be filled before it is protected). The pages must be mapped.
     */
    public void poke(long va, byte[] src, int off, int len) {
        while (len > 0) {
            long vpn = va >>> Frame.SHIFT;
            PageTable.Entry e = lookup(va, PageFault.WRITE);
            int saved = e.prot;
            e.prot = Prot.RWX;
            int pageOff = (int) (va & Frame.OFFSET_MASK);
            int n = Math.min(len, Frame.SIZE - pageOff);
            System.arraycopy(src, off, writablePage(va), pageOff, n);
            e.prot = saved;
            int i = index(vpn);
            writeTag[i] = NO_PAGE;
            writeData[i] = null;
            va += n;
            off += n;
            len -= n;
        }
    }
}

package dev.splitvisor.hypercall;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Frame;
import dev.splitvisor.mmu.PageFault;
import java.nio.ByteBuffer;

/**
 * A range of one VM's guest memory that a request lends to the system VM: the system VM copies
 * straight between it and its own buffers, with the guest's page permissions, and can reach no
 * other byte of the guest.
 */
public final class Grant {
    private final AddressSpace space;
    private final byte[] buffer;
    private final ByteBuffer region;
    private final long address;
    private final int length;
    private final boolean writable;

    /** Lends {@code length} bytes at {@code address}; {@code writable} lets the system VM store. */
    public Grant(AddressSpace space, long address, int length, boolean writable) {
        if (length < 0) {
            throw new IllegalArgumentException("grant length is negative: " + length);
        }
        this.space = space;
        this.buffer = null;
        this.region = null;
        this.address = address;
        this.length = length;
        this.writable = writable;
    }

    private Grant(byte[] buffer, int offset, int length, boolean writable) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("grant outside its buffer: offset=" + offset
                    + " length=" + length + " buffer=" + buffer.length);
        }
        this.space = null;
        this.buffer = buffer;
        this.region = null;
        this.address = offset;
        this.length = length;
        this.writable = writable;
    }

    /**
     * Lends a range of a kernel-side buffer (the microkernel's own requests, such as reading an
     * executable for execve); the system VM sees it exactly like guest memory.
     */
    public static Grant ofBuffer(byte[] buffer, int offset, int length, boolean writable) {
        return new Grant(buffer, offset, length, writable);
    }

    private Grant(ByteBuffer region, int offset, int length, boolean writable) {
        if (offset < 0 || length < 0 || offset > region.capacity() - length) {
            throw new IllegalArgumentException("grant outside its region: offset=" + offset
                    + " length=" + length + " region=" + region.capacity());
        }
        this.space = null;
        this.buffer = null;
        this.region = region;
        this.address = offset;
        this.length = length;
        this.writable = writable;
    }

    /**
     * Lends a range of a shared hypercall region (the bytes a ring entry placed beside it);
     * the system VM sees it exactly like guest memory.
     */
    public static Grant ofRegion(ByteBuffer region, int offset, int length, boolean writable) {
        return new Grant(region, offset, length, writable);
    }

    /** The address space of a guest grant; null for a kernel buffer or a region range. */
    public AddressSpace space() {
        return space;
    }

    /** The kernel buffer of a {@link #ofBuffer} grant, or null. */
    public byte[] buffer() {
        return buffer;
    }

    /** The guest address, or the offset in the kernel buffer or region. */
    public long address() {
        return address;
    }

    /** Whether the system VM may store into the grant. */
    public boolean writable() {
        return writable;
    }

    /** Bytes in the grant. */
    public int length() {
        return length;
    }

    /**
     * One side of an in-place transfer (a file's data, a device): it moves bytes between an
     * array that the grant names and its own position {@code pos}.
     */
    @FunctionalInterface
    public interface Transfer {
        /**
         * Moves up to {@code n} bytes between {@code array[offset, offset + n)} and position
         * {@code pos}: the count moved (0 at the end of the data), or a negated errno.
         */
        int move(byte[] array, int offset, int n, long pos);
    }

    /**
     * Fills the grant from {@code source}, which writes straight into the guest's pages (or the
     * kernel buffer) a piece of at most a page at a time, starting at its position {@code pos},
     * until the grant is full or a piece comes back short: so a fault or a full quota stops a
     * transfer within a page of where it would stop on Linux, with a short count. Only a region
     * range, whose bytes are in no array, passes through {@code staging}. Returns the count;
     * or, when nothing was filled, -EFAULT for a grant that is not writable or whose first page
     * the guest cannot write, or the source's errno.
     */
    public long fill(long pos, byte[] staging, Transfer source) {
        if (!writable) {
            return -Errno.EFAULT;
        }
        return move(pos, staging, source, true);
    }

    /**
     * Drains the grant into {@code sink}, which reads straight from the guest's pages (or the
     * kernel buffer) a piece of at most a page at a time, starting at its position
     * {@code pos}, until the grant is empty or a piece is taken short. Only a region range
     * passes through {@code staging}. Returns the count; or, when nothing was taken, -EFAULT
     * for a first page the guest cannot read, or the sink's errno.
     */
    public long drain(long pos, byte[] staging, Transfer sink) {
        return move(pos, staging, sink, false);
    }

    private long move(long pos, byte[] staging, Transfer other, boolean intoGrant) {
        long done = 0;
        while (done < length) {
            byte[] array;
            int at;
            int n;
            if (buffer != null) {
                array = buffer;
                at = (int) (address + done);
                n = (int) Math.min(length - done, Frame.SIZE);
            } else if (space != null) {
                long va = address + done;
                try {
                    array = intoGrant ? space.pageForWrite(va) : space.pageForRead(va);
                } catch (PageFault f) {
                    return done > 0 ? done : -Errno.EFAULT;
                }
                at = (int) (va & Frame.OFFSET_MASK);
                n = (int) Math.min(length - done, Frame.SIZE - at);
            } else {
                array = staging;
                at = 0;
                n = (int) Math.min(length - done, Math.min(staging.length, Frame.SIZE));
                if (!intoGrant) {
                    region.get((int) (address + done), staging, 0, n);
                }
            }
            int moved = other.move(array, at, n, pos + done);
            if (moved < 0) {
                return done > 0 ? done : moved;
            }
            if (region != null && intoGrant) {
                region.put((int) (address + done), staging, 0, moved);
            }
            done += moved;
            if (moved < n) {
                break;
            }
        }
        return done;
    }

    /**
     * Copies {@code n} bytes at {@code offset} of the grant into {@code dst}. Returns
     * -EFAULT when the range leaves the grant or the guest memory is not readable.
     */
    public int copyOut(int offset, byte[] dst, int dstOff, int n) {
        if (offset < 0 || n < 0 || offset > length || n > length - offset) {
            return -Errno.EFAULT;
        }
        if (buffer != null) {
            System.arraycopy(buffer, (int) address + offset, dst, dstOff, n);
            return n;
        }
        if (region != null) {
            region.get((int) address + offset, dst, dstOff, n);
            return n;
        }
        try {
            space.readBytes(address + offset, dst, dstOff, n);
            return n;
        } catch (PageFault f) {
            return -Errno.EFAULT;
        }
    }

    /** Copies {@code n} bytes of {@code src} into the grant at {@code offset}; -EFAULT if out. */
    public int copyIn(int offset, byte[] src, int srcOff, int n) {
        if (!writable || offset < 0 || n < 0 || offset > length || n > length - offset) {
            return -Errno.EFAULT;
        }
        if (buffer != null) {
            System.arraycopy(src, srcOff, buffer, (int) address + offset, n);
            return n;
        }
        if (region != null) {
            region.put((int) address + offset, src, srcOff, n);
            return n;
        }
        try {
            space.writeBytes(address + offset, src, srcOff, n);
            return n;
        } catch (PageFault f) {
            return -Errno.EFAULT;
        }
    }
}

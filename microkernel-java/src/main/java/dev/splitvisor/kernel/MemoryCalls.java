package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Frame;
import dev.splitvisor.mmu.MemoryLimitExceeded;
import dev.splitvisor.mmu.PageFault;
import dev.splitvisor.mmu.Prot;
import java.util.Iterator;

/**
 * Memory system calls: brk, mmap (anonymous and file-backed, private and shared), munmap,
 * mprotect, mremap, madvise, msync. A private file mapping is a copy of the file's bytes made
 * at mmap time; a shared one is memory shared with every fork of the process and written back
 * to the file on msync, munmap and exit (see docs/QUIRKS.md).
 */
final class MemoryCalls {
    static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03,
            MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
    private static final int MADV_DONTNEED = 4, MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;
    private static final long TASK_SIZE = ElfLoader.STACK_TOP;

    private MemoryCalls() {
    }

    static long brk(Task t, long requested) {
        Mm mm = t.process.mm;
        if (requested < mm.brkStart) {
            return mm.brk;
        }
        long oldTop = MemoryMap.pageUp(mm.brk);
        long newTop = MemoryMap.pageUp(requested);
        if (newTop > oldTop) {
            if (!mm.map.isFree(oldTop, newTop)) {
                return mm.brk;
            }
            mm.map.map(oldTop, newTop - oldTop, Prot.READ | Prot.WRITE, "[heap]");
        } else if (newTop < oldTop) {
            mm.map.unmap(newTop, oldTop - newTop);
        }
        mm.brk = requested;
        return requested;
    }

    static long mmap(Microkernel k, Task t, long addr, long len, int prot, int flags, int fd,
            long off) {
        Mm mm = t.process.mm;
        if (len <= 0 || (off & Frame.OFFSET_MASK) != 0 || (prot & ~Prot.RWX) != 0) {
            return -Errno.EINVAL;
        }
        int type = flags & MAP_SHARED_VALIDATE;
        if (type == 0) {
            return -Errno.EINVAL;
        }
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        int handle = anonymous ? -1 : FileCalls.handle(t, fd);
        if (handle >= KernelFiles.FIRST_HANDLE) {
            return -Errno.ENODEV; // a /proc file has no pages to map, as on Linux
        }
        long length = MemoryMap.pageUp(len);
        if (length <= 0 || length > (1L << 46)) {
            return -Errno.ENOMEM;
        }
        long at = place(mm, addr, length, flags);
        if (at < 0) {
            return at;
        }
        if (!anonymous && type == MAP_SHARED || anonymous && type != MAP_PRIVATE) {
            return mapShared(k, mm, at, length, prot, handle, off);
        }
        if (anonymous) {
            mm.map.map(at, length, prot, "");
            return at;
        }
        return mapPrivateFile(k, mm, at, length, prot, handle, off);
    }

    /** Where a mapping of {@code length} goes: the fixed address, the hint, or a free gap. */
    private static long place(Mm mm, long addr, long length, int flags) {
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed) {
            if ((addr & Frame.OFFSET_MASK) != 0 || addr + length > TASK_SIZE || addr < 0) {
                return -Errno.EINVAL;
            }
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !mm.map.isFree(addr, addr + length)) {
                return -Errno.EEXIST;
            }
            if ((flags & MAP_FIXED) != 0) {
                dropSharedFiles(mm, addr, addr + length, null);
            }
            return addr;
        }
        long hint = MemoryMap.pageDown(addr);
        if (addr != 0 && hint >= MemoryMap.MMAP_MIN
                && hint + length <= ElfLoader.STACK_TOP - ElfLoader.STACK_SIZE
                && mm.map.isFree(hint, hint + length)) {
            return hint;
        }
        long at = mm.map.findFree(length);
        return at < 0 ? -Errno.ENOMEM : at;
    }

    private static long mapPrivateFile(Microkernel k, Mm mm, long at, long length, int prot,
            int handle, long off) {
        byte[] data = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
        int got = 0;
        while (got < data.length) {
            long n = k.port.call(k.request.set(Opcode.READ, handle,
                    Grant.ofBuffer(data, got, data.length - got, true)).args(off + got, 0));
            if (n < 0) {
                return n == -Errno.EISDIR ? -Errno.ENODEV : n;
            }
            if (n == 0) {
                break;
            }
            got += (int) n;
        }
        // Pages wholly past the end of the file stay unmapped inside the area: touching one
        // raises SIGBUS, as on Linux.
        long backed = Math.min(length, MemoryMap.pageUp(got));
        mm.map.record(fileArea(k, handle, at, length, prot, off, false));
        mm.space.unmap(at, length);
        if (backed > 0) {
            mm.space.map(at, backed, prot);
            mm.space.poke(at, data, 0, got);
        }
        return at;
    }

    private static long mapShared(Microkernel k, Mm mm, long at, long length, int prot,
            int handle, long off) {
        try {
            mm.space.mapShared(at, length, prot);
        } catch (MemoryLimitExceeded e) {
            return -Errno.ENOMEM;
        }
        if (handle < 0) {
            mm.map.record(new MemoryMap.Area(at, at + length, prot, "/dev/zero (deleted)", false,
                    0, 0, 0, true));
            return at;
        }
        mm.map.record(fileArea(k, handle, at, length, prot, off, true));
        byte[] data = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
        long n = k.port.call(k.request.set(Opcode.READ, handle,
                Grant.ofBuffer(data, 0, data.length, true)).args(off, 0));
        if (n < 0) {
            mm.map.unmap(at, length);
            return n;
        }
        mm.space.poke(at, data, 0, (int) n);
        k.handles.retain(handle);
        mm.sharedFiles.add(new Mm.SharedFileMapping(at, at + length, handle, off));
        return at;
    }

    /**
     * What /proc/PID/maps shows of a file mapping: the file's guest path, device and inode
     * (two small requests per mmap of a file, which copies the file's bytes anyway).
     */
    private static MemoryMap.Area fileArea(Microkernel k, int handle, long at, long length,
            int prot, long off, boolean shared) {
        byte[] st = new byte[144];
        boolean known = k.port.call(k.request.set(Opcode.FSTAT, handle,
                Grant.ofBuffer(st, 0, 144, true))) >= 0;
        long dev = known ? SignalDelivery.getLong(st, 0) : 0;
        long inode = known ? SignalDelivery.getLong(st, 8) : 0;
        String path = Exec.guestPath(k, handle, "");
        return new MemoryMap.Area(at, at + length, prot, path, true, off, dev, inode, shared);
    }

    static long munmap(Microkernel k, Task t, long addr, long len) {
        if ((addr & Frame.OFFSET_MASK) != 0 || len <= 0 || addr + len > TASK_SIZE) {
            return -Errno.EINVAL;
        }
        Mm mm = t.process.mm;
        long end = addr + MemoryMap.pageUp(len);
        dropSharedFiles(mm, addr, end, k);
        mm.map.unmap(addr, end - addr);
        return 0;
    }

    /** Writes back and forgets the shared file mappings that [start, end) covers wholly. */
    private static void dropSharedFiles(Mm mm, long start, long end, Microkernel k) {
        for (Iterator<Mm.SharedFileMapping> it = mm.sharedFiles.iterator(); it.hasNext(); ) {
            Mm.SharedFileMapping m = it.next();
            if (m.end <= start || m.start >= end) {
                continue;
            }
            if (k != null) {
                writeBack(k, mm, m, Math.max(start, m.start), Math.min(end, m.end));
                if (start <= m.start && end >= m.end) {
                    it.remove();
                    k.handles.release(m.handle);
                }
            }
        }
    }

    static long msync(Microkernel k, Task t, long addr, long len) {
        if ((addr & Frame.OFFSET_MASK) != 0) {
            return -Errno.EINVAL;
        }
        Mm mm = t.process.mm;
        long end = addr + MemoryMap.pageUp(len);
        if (!mm.map.covered(addr, end)) {
            return -Errno.ENOMEM;
        }
        for (Mm.SharedFileMapping m : mm.sharedFiles) {
            if (m.end > addr && m.start < end) {
                writeBack(k, mm, m, Math.max(addr, m.start), Math.min(end, m.end));
            }
        }
        return 0;
    }

    /** Writes the pages [start, end) of a shared mapping to its file (never past its end). */
    private static void writeBack(Microkernel k, Mm mm, Mm.SharedFileMapping m, long start,
            long end) {
        byte[] st = new byte[144];
        if (k.port.call(k.request.set(Opcode.FSTAT, m.handle, Grant.ofBuffer(st, 0, 144, true)))
                < 0) {
            return;
        }
        long fileSize = SignalDelivery.getLong(st, 48);
        byte[] page = new byte[Frame.SIZE];
        for (long p = start; p < end; p += Frame.SIZE) {
            long fileAt = m.offset + (p - m.start);
            int n = (int) Math.min(Frame.SIZE, fileSize - fileAt);
            if (n <= 0) {
                break;
            }
            try {
                mm.space.readBytes(p, page, 0, n);
            } catch (PageFault e) {
                continue; // unmapped or unreadable since: nothing to write from it
            }
            k.port.call(k.request.set(Opcode.WRITE, m.handle, Grant.ofBuffer(page, 0, n, false))
                    .args(fileAt, 0));
        }
    }

    /** At exit or execve: writes back every shared file mapping and releases its handle. */
    static void writeBackShared(Microkernel k, Process p) {
        Mm mm = p.mm;
        if (mm == null || mm.users > 1) {
            return;
        }
        for (Mm.SharedFileMapping m : mm.sharedFiles) {
            writeBack(k, mm, m, m.start, m.end);
            k.handles.release(m.handle);
        }
        mm.sharedFiles.clear();
    }

    static long mprotect(Task t, long addr, long len, int prot) {
        if ((addr & Frame.OFFSET_MASK) != 0 || (prot & ~(Prot.RWX | 0x01000000 | 0x02000000))
                != 0) {
            return -Errno.EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        return t.process.mm.map.protect(addr, MemoryMap.pageUp(len), prot & Prot.RWX) ? 0
                : -Errno.ENOMEM;
    }

    static long madvise(Task t, long addr, long len, int advice) {
        if ((addr & Frame.OFFSET_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (advice == MADV_DONTNEED) {
            t.process.mm.map.zero(addr, addr + MemoryMap.pageUp(len));
        }
        return 0; // other advice is a hint
    }

    /** mremap: shrink in place, grow in place when the pages above are free, else move. */
    static long mremap(Task t, long old, long oldLen, long newLen, int flags, long newAddr) {
        Mm mm = t.process.mm;
        if ((old & Frame.OFFSET_MASK) != 0 || newLen <= 0 || (flags & ~3) != 0
                || (flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) {
            return -Errno.EINVAL;
        }
        long oldSize = MemoryMap.pageUp(oldLen);
        long newSize = MemoryMap.pageUp(newLen);
        MemoryMap.Area area = mm.map.areaAt(old);
        if (area == null || !mm.map.covered(old, old + oldSize)) {
            return -Errno.EFAULT;
        }
        if ((flags & MREMAP_FIXED) == 0) {
            if (newSize <= oldSize) {
                if (newSize < oldSize) {
                    mm.map.unmap(old + newSize, oldSize - newSize);
                }
                return old;
            }
            if (mm.map.isFree(old + oldSize, old + newSize) && old + newSize <= TASK_SIZE) {
                mm.map.map(old + oldSize, newSize - oldSize, area.prot, area.name);
                return old;
            }
            if ((flags & MREMAP_MAYMOVE) == 0) {
                return -Errno.ENOMEM;
            }
        }
        long to = (flags & MREMAP_FIXED) != 0 ? newAddr : mm.map.findFree(newSize);
        if (to < 0 || (to & Frame.OFFSET_MASK) != 0) {
            return to < 0 ? -Errno.ENOMEM : -Errno.EINVAL;
        }
        byte[] data = new byte[(int) Math.min(oldSize, newSize)];
        readAll(mm.space, old, data);
        mm.map.map(to, newSize, area.prot | Prot.READ, area.name);
        mm.map.record(area.movedTo(to, to + newSize));
        mm.space.poke(to, data, 0, data.length);
        if (area.prot != (area.prot | Prot.READ)) {
            mm.map.protect(to, newSize, area.prot);
        }
        mm.map.unmap(old, oldSize);
        return to;
    }

    /** Copies pages out whatever their protection (unmapped pages read as zeros). */
    private static void readAll(AddressSpace space, long from, byte[] into) {
        for (int off = 0; off < into.length; off += Frame.SIZE) {
            try {
                space.readBytes(from + off, into, off, Math.min(Frame.SIZE, into.length - off));
            } catch (PageFault e) {
                // an unreadable page moves as zeros (see QUIRKS)
            }
        }
    }
}

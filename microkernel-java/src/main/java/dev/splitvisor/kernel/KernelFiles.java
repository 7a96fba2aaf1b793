package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;

/**
 * The open files the kernel answers itself (its /proc entries, see {@link ProcFiles}), put in
 * front of the system VM's port: a request on one of their handles is answered here, every
 * other request goes through unchanged. Their handles start at {@link #FIRST_HANDLE}, far above
 * any the system VM gives out, so descriptor tables, {@link Handles} counting, dup, fork and
 * close-on-exec treat them exactly like system-VM handles, and no system call needs to know
 * which kind it holds: read, pread, readv, lseek, fstat, getdents64, fcntl, poll and close all
 * reach them through the same requests.
 */
final class KernelFiles implements HypercallPort {
    /** The first handle number of a kernel file. */
    static final int FIRST_HANDLE = 1 << 30;
    private static final int O_NONBLOCK = 0x800, O_APPEND = 0x400, O_LARGEFILE = 0x8000,
            O_DIRECTORY = 0x10000;
    private static final short POLLIN = 1, POLLOUT = 4, POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    private static final int SEEK_SET = 0, SEEK_CUR = 1;
    private static final long PROC_SUPER_MAGIC = 0x9fa0;

    /** One kernel-side open file: what it shows, its offset and its current snapshot. */
    static final class Open {
        final ProcFiles.Entry entry;
        int flags;
        long position;
        /** A file's generated text, or null before its first read. */
        byte[] text;
        /** A directory's names, or null before its first getdents64. */
        List<ProcReports.DirEntry> listing;

        Open(ProcFiles.Entry entry, int flags) {
            this.entry = entry;
            this.flags = flags;
        }
    }

    private final HypercallPort port;
    private final Microkernel kernel;
    private final HashMap<Integer, Open> open = new HashMap<>();
    private int next = FIRST_HANDLE;

    KernelFiles(HypercallPort port, Microkernel kernel) {
        this.port = port;
        this.kernel = kernel;
    }

    /** Opens {@code entry} (a directory or a generated file); returns its new handle. */
    int open(ProcFiles.Entry entry, int flags) {
        while (open.containsKey(next)) {
            next = next == Integer.MAX_VALUE ? FIRST_HANDLE : next + 1;
        }
        int h = next;
        next = next == Integer.MAX_VALUE ? FIRST_HANDLE : next + 1;
        int keep = flags & (O_NONBLOCK | O_APPEND | O_DIRECTORY | 3);
        open.put(h, new Open(entry, keep | O_LARGEFILE));
        return h;
    }

    /** The /proc entry behind {@code handle}, or null when the system VM holds it. */
    ProcFiles.Entry entryOf(int handle) {
        Open f = handle >= FIRST_HANDLE ? open.get(handle) : null;
        return f == null ? null : f.entry;
    }

    /** Kernel files open now (tests). */
    int live() {
        return open.size();
    }

    @Override
    public long call(HypercallRequest r) {
        if (r.opcode == Opcode.POLL) {
            return poll(r);
        }
        boolean mine = r.handle >= FIRST_HANDLE;
        boolean second = r.handle2 >= FIRST_HANDLE && (r.opcode == Opcode.RENAME
                || r.opcode == Opcode.LINK || r.opcode == Opcode.SYMLINK
                || r.opcode == Opcode.EPOLL_CTL);
        if (!mine && !second) {
            return port.call(r);
        }
        if (second) {
            if (r.opcode == Opcode.EPOLL_CTL) {
                return -Errno.EPERM; // like a regular file, which epoll refuses
            }
            if (r.path2 == null || !r.path2.startsWith("/")) {
                return -Errno.ENOENT;
            }
            r.handle2 = -1;
            if (!mine) {
                return port.call(r);
            }
        }
        Open f = open.get(r.handle);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (r.path != null && !r.path.isEmpty()) {
            // A path relative to a /proc directory that no system call resolved in the kernel
            // (mkdirat, unlinkat...): it does not exist; an absolute one ignores the directory.
            if (!r.path.startsWith("/")) {
                return -Errno.ENOENT;
            }
            r.handle = -1;
            return port.call(r);
        }
        return answer(r, f);
    }

    private long answer(HypercallRequest r, Open f) {
        switch (r.opcode) {
            case Opcode.CLOSE: open.remove(r.handle); return 0;
            case Opcode.READ: return read(f, r.grant, r.arg0);
            case Opcode.SEEK: return seek(f, r.arg0, (int) r.arg1);
            case Opcode.FSTAT: case Opcode.STAT:
                return Math.min(0, copyIn(r.grant, ProcReports.stat(kernel, f.entry)));
            case Opcode.GETDENTS: return getdents(f, r.grant);
            case Opcode.GETFL: return f.flags;
            case Opcode.SETFL:
                f.flags = (f.flags & ~(O_NONBLOCK | O_APPEND))
                        | (int) r.arg0 & (O_NONBLOCK | O_APPEND);
                return 0;
            case Opcode.GETPATH:
                return copyIn(r.grant, (f.entry.path() + "\0").getBytes(StandardCharsets.UTF_8));
            case Opcode.STATFS: return Math.min(0, copyIn(r.grant, statfs()));
            case Opcode.FLOCK: return 0;
            case Opcode.WRITE:
                // The guest is root, so it may open them for writing; none takes writes.
                return (f.flags & 3) == 0 ? -Errno.EBADF : -Errno.EINVAL;
            case Opcode.IOCTL: return -Errno.ENOTTY;
            case Opcode.CHMOD: case Opcode.UTIMENS: return -Errno.EPERM;
            default:
                return r.opcode >= Opcode.SOCKET && r.opcode <= Opcode.GETPEERNAME
                        ? -Errno.ENOTSOCK : -Errno.EINVAL;
        }
    }

    /** Reads from the snapshot; a read from offset 0 (or the first read) takes a new one. */
    private long read(Open f, Grant g, long at) {
        if (f.entry.isDirectory()) {
            return -Errno.EISDIR;
        }
        if (at < -1) {
            return -Errno.EINVAL;
        }
        long pos = at < 0 ? f.position : at;
        if (f.text == null || pos == 0) {
            f.text = ProcReports.generate(kernel, f.entry);
        }
        int n = (int) Math.max(0, Math.min(g.length(), f.text.length - pos));
        if (n > 0) {
            int r = g.copyIn(0, f.text, (int) pos, n);
            if (r < 0) {
                return r;
            }
        }
        if (at < 0) {
            f.position = pos + n;
        }
        return n;
    }

    /** Like Linux's seq files: SEEK_SET and SEEK_CUR only, never before the start. */
    private static long seek(Open f, long offset, int whence) {
        long base;
        if (whence == SEEK_SET) {
            base = 0;
        } else if (whence == SEEK_CUR) {
            base = f.position;
        } else {
            return -Errno.EINVAL;
        }
        long to = base + offset;
        if (to < 0) {
            return -Errno.EINVAL;
        }
        f.position = to;
        return to;
    }

    /**
     * linux_dirent64 records from the directory's listing; the offset counts records. The
     * listing is made anew when reading starts from the beginning.
     */
    private long getdents(Open f, Grant g) {
        if (!f.entry.isDirectory()) {
            return -Errno.ENOTDIR;
        }
        if (f.listing == null || f.position == 0) {
            f.listing = ProcReports.listing(kernel, f.entry);
        }
        if (f.position >= f.listing.size()) {
            return 0; // at the end, or sought past it
        }
        // Sized by what is left to list, never by the guest's count (which may be huge).
        int left = 0;
        for (int i = (int) f.position; i < f.listing.size(); i++) {
            left += recordLength(f.listing.get(i));
        }
        byte[] out = new byte[Math.min(g.length(), left)];
        int used = 0;
        while (f.position < f.listing.size()) {
            ProcReports.DirEntry d = f.listing.get((int) f.position);
            byte[] name = d.name.getBytes(StandardCharsets.UTF_8);
            int len = recordLength(d);
            if (used + len > g.length()) {
                if (used == 0) {
                    return -Errno.EINVAL;
                }
                break;
            }
            SignalDelivery.putLong(out, used, d.inode);
            SignalDelivery.putLong(out, used + 8, f.position + 1);
            out[used + 16] = (byte) len;
            out[used + 17] = (byte) (len >> 8);
            out[used + 18] = (byte) d.type;
            System.arraycopy(name, 0, out, used + 19, name.length);
            used += len;
            f.position++;
        }
        return used == 0 ? 0 : copyIn(g, out, used);
    }

    /** Bytes of one linux_dirent64 record: the header, the name, its NUL, padded to 8. */
    private static int recordLength(ProcReports.DirEntry d) {
        return (19 + d.name.getBytes(StandardCharsets.UTF_8).length + 1 + 7) & ~7;
    }

    /**
     * POLL over a mix of handles: a kernel file is always ready for reading and writing (as a
     * regular file is); the others are asked of the system VM with the kernel ones hidden.
     */
    private long poll(HypercallRequest r) {
        byte[] req = r.grant.buffer();
        int n = (int) r.arg0;
        int base = (int) r.grant.address();
        boolean any = false;
        for (int i = 0; i < n; i++) {
            any |= getInt(req, base + 8 * i) >= FIRST_HANDLE;
        }
        if (!any) {
            return port.call(r);
        }
        int[] saved = new int[n];
        for (int i = 0; i < n; i++) {
            saved[i] = getInt(req, base + 8 * i);
            if (saved[i] >= FIRST_HANDLE) {
                SignalDelivery.putInt(req, base + 8 * i, Integer.MIN_VALUE);
            }
        }
        long ready = port.call(r);
        if (ready < 0) {
            return ready;
        }
        for (int i = 0; i < n; i++) {
            int at = base + 8 * i;
            SignalDelivery.putInt(req, at, saved[i]);
            if (saved[i] >= FIRST_HANDLE) {
                int events = (req[at + 4] & 0xFF) | (req[at + 5] << 8);
                int rev = events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
                req[at + 6] = (byte) rev;
                req[at + 7] = (byte) (rev >> 8);
                ready += rev != 0 ? 1 : 0;
            }
        }
        return ready;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16
                | (b[at + 3] & 0xFF) << 24;
    }

    private static byte[] statfs() {
        byte[] b = new byte[120];
        SignalDelivery.putLong(b, 0, PROC_SUPER_MAGIC);
        SignalDelivery.putLong(b, 8, 4096); // f_bsize
        SignalDelivery.putLong(b, 64, 255); // f_namelen
        SignalDelivery.putLong(b, 72, 4096); // f_frsize
        SignalDelivery.putLong(b, 80, 0x2e); // f_flags: nosuid, nodev, noexec, relatime
        return b;
    }

    private static long copyIn(Grant g, byte[] b) {
        return copyIn(g, b, Math.min(b.length, g.length()));
    }

    private static long copyIn(Grant g, byte[] b, int n) {
        int r = g.copyIn(0, b, 0, n);
        return r < 0 ? r : n;
    }

    @Override
    public long eventCount() {
        return port.eventCount();
    }

    @Override
    public void awaitEvent(long seen, long timeoutNanos) throws InterruptedException {
        port.awaitEvent(seen, timeoutNanos);
    }

    @Override
    public void detach() {
        open.clear();
        port.detach();
    }
}

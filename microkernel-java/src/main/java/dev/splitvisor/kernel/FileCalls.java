package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import java.nio.charset.StandardCharsets;

/**
 * Descriptor and path system calls. Each turns the process's descriptor into its system-VM
 * handle and forwards the request; the microkernel itself keeps only the descriptor table,
 * the close-on-exec bits and the working directory's handle. A request that would wait
 * parks the task ({@link Microkernel#park}) and runs again after the next event.
 */
final class FileCalls {
    static final int AT_FDCWD = -100;
    static final int O_ACCMODE = 3, O_WRONLY = 1, O_CREAT = 0x40, O_TRUNC = 0x200,
            O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000,
            O_PATH = 0x200000;
    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    private static final int MAX_IO = 0x7FFFF000;
    private static final int S_IFMT = 0xF000, S_IFDIR = 0x4000;

    private FileCalls() {
    }

    // ---------------------------------------------------------------- descriptors

    static int handle(Task t, int fd) {
        int h = t.process.files.handle(fd);
        if (h < 0) {
            throw new SyscallError(Errno.EBADF);
        }
        return h;
    }

    static int dirHandle(Task t, int dirfd) {
        return dirfd == AT_FDCWD ? t.process.cwdHandle : handle(t, dirfd);
    }

    /** Installs {@code handle} at the lowest free descriptor >= min; closes it on EMFILE. */
    static long newFd(Microkernel k, Task t, int handle, boolean cloexec, int min) {
        FdTable files = t.process.files;
        int fd = files.lowestFree(min);
        if (fd < 0) {
            k.port.call(k.request.set(Opcode.CLOSE, handle, null));
            return -Errno.EMFILE;
        }
        files.install(fd, handle, cloexec);
        k.handles.retain(handle);
        return fd;
    }

    static long close(Microkernel k, Task t, int fd) {
        int h = t.process.files.remove(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        k.handles.release(h);
        return 0;
    }

    static long dup(Microkernel k, Task t, int fd, int min, boolean cloexec) {
        int h = handle(t, fd);
        FdTable files = t.process.files;
        if (min < 0 || min >= files.limitFds) {
            return -Errno.EINVAL;
        }
        int to = files.lowestFree(min);
        if (to < 0) {
            return -Errno.EMFILE;
        }
        files.install(to, h, cloexec);
        k.handles.retain(h);
        return to;
    }

    static long dup3(Microkernel k, Task t, int fd, int to, int flags, boolean dup2) {
        int h = handle(t, fd);
        if (to < 0 || to >= t.process.files.limitFds) {
            return -Errno.EBADF;
        }
        if (fd == to) {
            return dup2 ? to : -Errno.EINVAL;
        }
        if ((flags & ~O_CLOEXEC) != 0) {
            return -Errno.EINVAL;
        }
        FdTable files = t.process.files;
        int old = files.remove(to);
        files.install(to, h, (flags & O_CLOEXEC) != 0);
        k.handles.retain(h);
        if (old >= 0) {
            k.handles.release(old);
        }
        return to;
    }

    // ---------------------------------------------------------------- data

    /**
     * Linux's access_ok: {@code [buf, buf + count)} lies below the top of user space, compared
     * without forming the sum, so a count whose end wraps (SIZE_MAX, -4096) is EFAULT as on
     * Linux, checked before the count is clamped to {@link #MAX_IO}.
     */
    static boolean userRange(long buf, long count) {
        long top = ElfLoader.STACK_TOP;
        return Long.compareUnsigned(count, top) <= 0 && Long.compareUnsigned(buf, top - count) <= 0;
    }

    static long read(Microkernel k, Task t, int fd, long buf, long count, long offset) {
        int h = handle(t, fd);
        if (!userRange(buf, count)) {
            return -Errno.EFAULT;
        }
        Grant g = new Grant(Microkernel.space(t), buf, (int) Math.min(count, MAX_IO), true);
        long r = k.port.call(k.request.set(Opcode.READ, h, g).args(offset, 0));
        return parkIfBlocked(k, t, r, true);
    }

    /**
     * write and pwrite. A blocking write to a pipe writes everything before it returns: when
     * the system VM takes only part, the call asks for the rest, and when the pipe has no room
     * the task parks and the call goes on from where it stopped ({@link Task#ioDone}), as
     * Linux's pipe_write does. A file that takes only part (a full quota) answers an error to
     * the rest, and the short count stands.
     */
    static long write(Microkernel k, Task t, int fd, long buf, long count, long offset) {
        int h = handle(t, fd);
        if (!userRange(buf, count)) {
            return -Errno.EFAULT;
        }
        int total = (int) Math.min(count, MAX_IO);
        long done = t.retrying ? t.ioDone : 0;
        t.ioDone = 0;
        while (true) {
            Grant g = new Grant(Microkernel.space(t), buf + done, (int) (total - done), false);
            long r = k.port.call(k.request.set(Opcode.WRITE, h, g).args(offset, 0));
            if (r == -Errno.EPIPE) {
                SignalDelivery.sendToTask(k, t, new SigInfo(Signal.SIGPIPE, SigInfo.SI_USER));
            }
            if (r == -Errno.WOULD_BLOCK) {
                t.ioDone = done; // no room yet: wait, keeping what was already written
                return parkIfBlocked(k, t, r, true);
            }
            if (r < 0) {
                return done > 0 ? done : r;
            }
            done += r;
            if (done >= total || offset >= 0 || r == 0 || nonBlocking(k, h)) {
                return done;
            }
        }
    }

    private static boolean nonBlocking(Microkernel k, int handle) {
        long fl = k.port.call(k.request.set(Opcode.GETFL, handle, null));
        return fl >= 0 && (fl & O_NONBLOCK) != 0;
    }

    /** readv/writev and their p- forms: one request per segment, stopping at a short one. */
    static long vector(Microkernel k, Task t, int fd, long iov, int count, long offset,
            boolean write) {
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        AddressSpace mem = Microkernel.space(t);
        long total = 0;
        for (int v = 0; v < count; v++) {
            long base = GuestMemory.read64(mem, iov + 16L * v);
            long len = GuestMemory.read64(mem, iov + 16L * v + 8);
            if (len == 0) {
                continue;
            }
            long at = offset < 0 ? -1 : offset + total;
            long r = write ? write(k, t, fd, base, len, at) : read(k, t, fd, base, len, at);
            if (r == Microkernel.PARKED) {
                if (total == 0) {
                    return r;
                }
                unpark(k, t);
                return total;
            }
            if (r < 0) {
                return total > 0 ? total : r;
            }
            total += r;
            if (r < len) {
                break;
            }
        }
        return total;
    }

    /** Undoes a park for a call that already moved data (it returns the partial count). */
    private static void unpark(Microkernel k, Task t) {
        k.wake(t, 0);
        t.retrying = false;
    }

    static long parkIfBlocked(Microkernel k, Task t, long r, boolean restartable) {
        if (r != -Errno.WOULD_BLOCK) {
            return r;
        }
        t.restartable = restartable;
        return k.park(t, Task.RETRY, Long.MAX_VALUE, 0);
    }

    static long lseek(Microkernel k, Task t, int fd, long offset, int whence) {
        return k.port.call(k.request.set(Opcode.SEEK, handle(t, fd), null).args(offset, whence));
    }

    static long sendfile(Microkernel k, Task t, int out, int in, long offPtr, long count) {
        int hin = handle(t, in);
        int hout = handle(t, out);
        AddressSpace mem = Microkernel.space(t);
        long offset = offPtr == 0 ? -1 : GuestMemory.read64(mem, offPtr);
        byte[] buf = new byte[(int) Math.min(Math.max(count, 0), 1 << 16)];
        long n = k.port.call(k.request.set(Opcode.READ, hin, Grant.ofBuffer(buf, 0, buf.length,
                true)).args(offset, 0));
        if (n <= 0) {
            return parkIfBlocked(k, t, n, true);
        }
        long w = k.port.call(k.request.set(Opcode.WRITE, hout, Grant.ofBuffer(buf, 0, (int) n,
                false)).args(-1, 0));
        if (w < 0) {
            return w == -Errno.WOULD_BLOCK ? -Errno.EAGAIN : w;
        }
        if (offPtr != 0) {
            GuestMemory.write64(mem, offPtr, offset + w);
        } else if (w < n) {
            k.port.call(k.request.set(Opcode.SEEK, hin, null).args(w - n, 1));
        }
        return w;
    }

    // ---------------------------------------------------------------- paths

    static long openat(Microkernel k, Task t, int dirfd, long pathAddr, int flags, int mode) {
        String path = procPath(k, t, dirfd, pathAddr);
        long r = openKernelPath(k, t, path, flags);
        if (r != NOT_KERNEL) {
            return r;
        }
        int m = (flags & O_CREAT) != 0 ? mode & ~t.process.umask & 07777 : 0;
        int dir = dirHandle(t, dirfd);
        long h = k.port.call(k.request.set(Opcode.OPEN, dir, null).path(path).args(flags, m));
        if (h == -Errno.ENOENT && (flags & O_NOFOLLOW) == 0) {
            String proc = ProcFiles.afterMiss(k, dir, path);
            return proc == null ? h : openKernelPath(k, t, ProcFiles.rewrite(k, t, proc), flags);
        }
        if (h < 0) {
            return h;
        }
        return newFd(k, t, (int) h, (flags & O_CLOEXEC) != 0, 0);
    }

    /** What {@link #openKernelPath} answers for a path the system VM should open. */
    private static final long NOT_KERNEL = Long.MIN_VALUE + 7;

    /** Opens a path the kernel answers (/dev/fd/N, /proc), or returns NOT_KERNEL. */
    private static long openKernelPath(Microkernel k, Task t, String path, int flags) {
        int fd = ProcFiles.descriptorOf(k, t, path);
        if (fd >= 0) {
            // /dev/fd/N and /proc/self/fd/N: the open file of descriptor N (shared offset).
            return dup(k, t, fd, 0, (flags & O_CLOEXEC) != 0);
        }
        ProcFiles.Entry proc = ProcFiles.lookup(k, t, path, true);
        return proc == null ? NOT_KERNEL : openProc(k, t, proc, flags);
    }

    /**
     * The guest's path made absolute against a kernel /proc directory descriptor, with the
     * exe, cwd and root links of /proc/PID followed.
     */
    private static String procPath(Microkernel k, Task t, int dirfd, long pathAddr) {
        String raw = GuestMemory.path(Microkernel.space(t), pathAddr);
        return ProcFiles.rewrite(k, t, ProcFiles.absolute(k, t, dirfd, raw));
    }

    /** Opens a kernel /proc entry: a generated file or directory, or another's descriptor. */
    private static long openProc(Microkernel k, Task t, ProcFiles.Entry e, int flags) {
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        if (e.kind == ProcFiles.MISSING || e.isLink() && e.kind != ProcFiles.LINK_FD) {
            return (flags & O_CREAT) != 0 ? -Errno.EACCES : -Errno.ENOENT;
        }
        if (e.kind == ProcFiles.LINK_FD) {
            // Another process's descriptor: share its open file, like our own /proc/self/fd/N.
            int h = e.process.files.handle(e.fd);
            int fd = t.process.files.lowestFree(0);
            if (fd < 0) {
                return -Errno.EMFILE;
            }
            t.process.files.install(fd, h, cloexec);
            k.handles.retain(h);
            return fd;
        }
        if ((flags & (O_CREAT | 0x80)) == (O_CREAT | 0x80)) {
            return -Errno.EEXIST; // O_EXCL
        }
        if (!e.isDirectory() && (flags & O_DIRECTORY) != 0) {
            return -Errno.ENOTDIR;
        }
        if ((flags & O_ACCMODE) != 0 && (flags & O_PATH) == 0 && e.isDirectory()) {
            return -Errno.EISDIR;
        }
        return newFd(k, t, k.kernelFiles.open(e, flags), cloexec, 0);
    }

    /**
     * stat of a kernel /proc entry: its {@code struct stat}, or null when the system VM
     * answers the path. Following a descriptor's link stats its open file.
     */
    private static byte[] procStat(Microkernel k, Task t, int dirfd, String raw, boolean follow) {
        String path = ProcFiles.absolute(k, t, dirfd, raw);
        ProcFiles.Entry e = ProcFiles.lookup(k, t, path, follow);
        if (e != null && e.isLink() && !follow) {
            return ProcReports.stat(k, e);
        }
        e = ProcFiles.lookup(k, t, ProcFiles.rewrite(k, t, path), true);
        if (e == null || e.isLink() && e.kind != ProcFiles.LINK_FD) {
            if (e != null && e.kind == ProcFiles.LINK_EXE) {
                throw new SyscallError(Errno.ENOENT); // a process without an image
            }
            return null;
        }
        if (e.kind == ProcFiles.MISSING) {
            throw new SyscallError(Errno.ENOENT);
        }
        if (e.kind == ProcFiles.LINK_FD) {
            byte[] st = new byte[144];
            long r = k.port.call(k.request.set(Opcode.FSTAT, e.process.files.handle(e.fd),
                    Grant.ofBuffer(st, 0, 144, true)));
            if (r < 0) {
                throw new SyscallError((int) -r);
            }
            return st;
        }
        return ProcReports.stat(k, e);
    }

    /** Requests on a path relative to a directory descriptor, with one integer argument. */
    static long pathCall(Microkernel k, Task t, int opcode, int dirfd, long pathAddr, long arg0,
            long arg1) {
        String path = procPath(k, t, dirfd, pathAddr);
        ProcFiles.Entry e = ProcFiles.lookup(k, t, path, true);
        if (e != null) {
            return procPathCall(e, opcode, arg0);
        }
        int dir = dirHandle(t, dirfd);
        long r = k.port.call(k.request.set(opcode, dir, null).path(path).args(arg0, arg1));
        if (r == -Errno.ENOENT && opcode == Opcode.ACCESS && (arg1 & AT_SYMLINK_NOFOLLOW) == 0) {
            String proc = ProcFiles.afterMiss(k, dir, path);
            e = proc == null ? null : ProcFiles.lookup(k, t, ProcFiles.rewrite(k, t, proc), true);
            return e == null ? r : procPathCall(e, opcode, arg0);
        }
        return r;
    }

    /**
     * access() of a /proc entry: root may read and write any (a write then fails), and
     * search the directories; every change to the names is refused.
     */
    private static long procPathCall(ProcFiles.Entry e, int opcode, long mode) {
        if (e.kind == ProcFiles.MISSING) {
            return opcode == Opcode.MKDIR ? -Errno.EACCES : -Errno.ENOENT;
        }
        if (opcode != Opcode.ACCESS) {
            return opcode == Opcode.MKDIR ? -Errno.EEXIST : -Errno.EACCES;
        }
        boolean wantsWrite = (mode & 2) != 0;
        boolean wantsExec = (mode & 1) != 0;
        if (wantsWrite && e.isDirectory() || wantsExec && !e.isDirectory()) {
            return -Errno.EACCES;
        }
        return 0;
    }

    /** rename, link: two directory-relative paths. */
    static long twoPaths(Microkernel k, Task t, int opcode, int dir1, long path1, int dir2,
            long path2, long flags) {
        AddressSpace mem = Microkernel.space(t);
        String a = GuestMemory.path(mem, path1);
        String b = GuestMemory.path(mem, path2);
        return k.port.call(k.request.set(opcode, dirHandle(t, dir1), null).path(a)
                .second(dirHandle(t, dir2), b).args(flags, 0));
    }

    static long symlinkat(Microkernel k, Task t, long target, int dirfd, long linkPath) {
        AddressSpace mem = Microkernel.space(t);
        String to = GuestMemory.path(mem, target);
        String name = GuestMemory.path(mem, linkPath);
        return k.port.call(k.request.set(Opcode.SYMLINK, -1, null).path(to)
                .second(dirHandle(t, dirfd), name));
    }

    static long readlinkat(Microkernel k, Task t, int dirfd, long pathAddr, long buf, long size) {
        if (size <= 0) {
            return -Errno.EINVAL;
        }
        AddressSpace mem = Microkernel.space(t);
        String path = ProcFiles.absolute(k, t, dirfd, GuestMemory.path(mem, pathAddr));
        String special = ProcFiles.readlink(k, t, path);
        if (special == null) {
            Grant g = new Grant(mem, buf, (int) Math.min(size, MAX_IO), true);
            int dir = dirHandle(t, dirfd);
            long r = k.port.call(k.request.set(Opcode.READLINK, dir, g).path(path));
            if (r != -Errno.ENOENT || path.startsWith("/")) {
                return r;
            }
            // A relative path from a directory above /proc ("proc/self/exe" from "/").
            String abs = ProcFiles.joined(k, dir, path);
            special = abs == null ? null : ProcFiles.readlink(k, t, abs);
            if (special == null) {
                return r;
            }
        }
        byte[] b = special.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, size);
        GuestMemory.write(mem, buf, b, n);
        return n;
    }

    static long fstat(Microkernel k, Task t, int fd, long buf) {
        Grant g = new Grant(Microkernel.space(t), buf, 144, true);
        return k.port.call(k.request.set(Opcode.FSTAT, handle(t, fd), g));
    }

    static long fstatat(Microkernel k, Task t, int dirfd, long pathAddr, long buf, int flags) {
        AddressSpace mem = Microkernel.space(t);
        String raw = GuestMemory.path(mem, pathAddr);
        if (raw.isEmpty() && (flags & AT_EMPTY_PATH) != 0 && dirfd != AT_FDCWD) {
            return fstat(k, t, dirfd, buf);
        }
        byte[] proc = raw.isEmpty() ? null
                : procStat(k, t, dirfd, raw, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        if (proc != null) {
            GuestMemory.write(mem, buf, proc, proc.length);
            return 0;
        }
        String path = ProcFiles.rewrite(k, t, ProcFiles.absolute(k, t, dirfd, raw));
        Grant g = new Grant(mem, buf, 144, true);
        long r = k.port.call(k.request.set(Opcode.STAT, dirHandle(t, dirfd), g).path(path)
                .args(flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), 0));
        byte[] st = r == -Errno.ENOENT ? statAfterMiss(k, t, dirfd, path, flags) : null;
        if (st != null) {
            GuestMemory.write(mem, buf, st, st.length);
            return 0;
        }
        return r;
    }

    /** stat of a path that reaches /proc through a stored symbolic link; null if it does not. */
    private static byte[] statAfterMiss(Microkernel k, Task t, int dirfd, String path,
            int flags) {
        if ((flags & AT_SYMLINK_NOFOLLOW) != 0) {
            return null;
        }
        String proc = ProcFiles.afterMiss(k, dirHandle(t, dirfd), path);
        return proc == null ? null : procStat(k, t, AT_FDCWD, proc, true);
    }

    /** statx, answered from the system VM's {@code struct stat}. */
    static long statx(Microkernel k, Task t, int dirfd, long pathAddr, int flags, long buf) {
        AddressSpace mem = Microkernel.space(t);
        String raw = GuestMemory.path(mem, pathAddr);
        String path = ProcFiles.rewrite(k, t, ProcFiles.absolute(k, t, dirfd, raw));
        byte[] st = new byte[144];
        byte[] proc = raw.isEmpty() ? null
                : procStat(k, t, dirfd, raw, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        long r;
        if (proc != null) {
            st = proc;
            r = 0;
        } else if (raw.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            r = k.port.call(k.request.set(Opcode.FSTAT, dirHandle(t, dirfd),
                    Grant.ofBuffer(st, 0, 144, true)));
        } else {
            r = k.port.call(k.request.set(Opcode.STAT, dirHandle(t, dirfd),
                    Grant.ofBuffer(st, 0, 144, true)).path(path)
                    .args(flags & AT_SYMLINK_NOFOLLOW, 0));
            byte[] missed = r == -Errno.ENOENT ? statAfterMiss(k, t, dirfd, path, flags) : null;
            if (missed != null) {
                st = missed;
                r = 0;
            }
        }
        if (r < 0) {
            return r;
        }
        GuestMemory.write(mem, buf, StatLayout.toStatx(st), 256);
        return 0;
    }

    static long getdents64(Microkernel k, Task t, int fd, long buf, long size) {
        Grant g = new Grant(Microkernel.space(t), buf, (int) Math.min(Math.max(size, 0), MAX_IO),
                true);
        return k.port.call(k.request.set(Opcode.GETDENTS, handle(t, fd), g));
    }

    static long getcwd(Microkernel k, Task t, long buf, long size) {
        byte[] b = new byte[GuestMemory.PATH_MAX + 1];
        long n = k.port.call(k.request.set(Opcode.GETPATH, t.process.cwdHandle,
                Grant.ofBuffer(b, 0, b.length, true)));
        if (n < 0) {
            return n;
        }
        if (n > size) {
            return -Errno.ERANGE;
        }
        GuestMemory.write(Microkernel.space(t), buf, b, (int) n);
        return n;
    }

    static long chdir(Microkernel k, Task t, long pathAddr) {
        String path = procPath(k, t, AT_FDCWD, pathAddr);
        ProcFiles.Entry e = ProcFiles.lookup(k, t, path, true);
        if (e != null) {
            if (!e.isDirectory()) {
                return e.kind == ProcFiles.MISSING ? -Errno.ENOENT : -Errno.ENOTDIR;
            }
            setCwd(k, t.process, k.kernelFiles.open(e, O_DIRECTORY));
            return 0;
        }
        long h = k.port.call(k.request.set(Opcode.OPEN, t.process.cwdHandle, null).path(path)
                .args(O_DIRECTORY | O_PATH | O_CLOEXEC, 0));
        if (h < 0) {
            return h;
        }
        setCwd(k, t.process, (int) h);
        return 0;
    }

    static long fchdir(Microkernel k, Task t, int fd) {
        int h = handle(t, fd);
        byte[] st = new byte[144];
        long r = k.port.call(k.request.set(Opcode.FSTAT, h, Grant.ofBuffer(st, 0, 144, true)));
        if (r < 0) {
            return r;
        }
        if ((SignalDelivery.getLong(st, 24) & S_IFMT) != S_IFDIR) {
            return -Errno.ENOTDIR;
        }
        k.handles.retain(h);
        int old = t.process.cwdHandle;
        t.process.cwdHandle = h;
        k.handles.release(old);
        return 0;
    }

    private static void setCwd(Microkernel k, Process p, int handle) {
        k.handles.retain(handle);
        int old = p.cwdHandle;
        p.cwdHandle = handle;
        k.handles.release(old);
    }

    static long truncate(Microkernel k, Task t, long pathAddr, long length) {
        String path = GuestMemory.path(Microkernel.space(t), pathAddr);
        long h = k.port.call(k.request.set(Opcode.OPEN, t.process.cwdHandle, null).path(path)
                .args(O_WRONLY | O_CLOEXEC, 0));
        if (h < 0) {
            return h;
        }
        long r = k.port.call(k.request.set(Opcode.TRUNCATE, (int) h, null).args(length, 0));
        k.port.call(k.request.set(Opcode.CLOSE, (int) h, null));
        return r;
    }

    static long utimensat(Microkernel k, Task t, int dirfd, long pathAddr, long times,
            int flags) {
        AddressSpace mem = Microkernel.space(t);
        Grant g = times == 0 ? null : new Grant(mem, times, 32, false);
        if (pathAddr == 0) {
            return k.port.call(k.request.set(Opcode.UTIMENS, handle(t, dirfd), g).path("")
                    .args(flags | AT_EMPTY_PATH, 0));
        }
        String path = GuestMemory.path(mem, pathAddr);
        return k.port.call(k.request.set(Opcode.UTIMENS, dirHandle(t, dirfd), g).path(path)
                .args(flags, 0));
    }

    // ---------------------------------------------------------------- pipes and control

    static long pipe2(Microkernel k, Task t, long fds, int flags) {
        if ((flags & ~(O_NONBLOCK | O_CLOEXEC | 0x4000)) != 0) {
            return -Errno.EINVAL;
        }
        HypercallRequest req = k.request.set(Opcode.PIPE, 0, null).args(flags & O_NONBLOCK, 0);
        return newFdPair(k, t, req, fds, (flags & O_CLOEXEC) != 0);
    }

    /**
     * pipe2's and socketpair's common part: asks the system VM for two connected handles with
     * {@code req} (its result is h0 | h1 << 32), gives them the two lowest free descriptors and
     * writes those as two ints at {@code out}.
     */
    static long newFdPair(Microkernel k, Task t, HypercallRequest req, long out,
            boolean cloexec) {
        FdTable files = t.process.files;
        int fd0 = files.lowestFree(0);
        int fd1 = fd0 < 0 ? -1 : files.lowestFree(fd0 + 1);
        if (fd1 < 0) {
            return -Errno.EMFILE;
        }
        AddressSpace mem = Microkernel.space(t);
        mem.probeWrite(out, 8);
        long r = k.port.call(req);
        if (r < 0) {
            return r;
        }
        int h0 = (int) r;
        int h1 = (int) (r >>> 32);
        files.install(fd0, h0, cloexec);
        files.install(fd1, h1, cloexec);
        k.handles.retain(h0);
        k.handles.retain(h1);
        GuestMemory.write32(mem, out, fd0);
        GuestMemory.write32(mem, out + 4, fd1);
        return 0;
    }

    /** eventfd2: a counter object in the system VM behind a new descriptor. */
    static long eventfd2(Microkernel k, Task t, long initial, int flags) {
        if ((flags & ~(1 | O_NONBLOCK | O_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        long h = k.port.call(k.request.set(Opcode.EVENTFD, 0, null).args(initial,
                flags & (1 | O_NONBLOCK)));
        if (h < 0) {
            return h;
        }
        return newFd(k, t, (int) h, (flags & O_CLOEXEC) != 0, 0);
    }

    static long fcntl(Microkernel k, Task t, int fd, int cmd, long arg) {
        int h = handle(t, fd);
        FdTable files = t.process.files;
        switch (cmd) {
            case 0: return dup(k, t, fd, (int) arg, false); // F_DUPFD
            case 1030: return dup(k, t, fd, (int) arg, true); // F_DUPFD_CLOEXEC
            case 1: return files.cloexec(fd) ? 1 : 0; // F_GETFD
            case 2: files.setCloexec(fd, (arg & 1) != 0); return 0; // F_SETFD
            case 3: return k.port.call(k.request.set(Opcode.GETFL, h, null)); // F_GETFL
            case 4: return k.port.call(k.request.set(Opcode.SETFL, h, null).args(arg, 0));
            case 5: // F_GETLK: no record locks are held by anyone else
                GuestMemory.write(Microkernel.space(t), arg, new byte[] {2, 0}, 2);
                return 0;
            case 6: case 7: return 0; // F_SETLK, F_SETLKW: see QUIRKS (one writer per VM)
            case 1031: return 65536; // F_GETPIPE_SZ
            default: return -Errno.EINVAL;
        }
    }

    static long ioctl(Microkernel k, Task t, int fd, long request, long arg) {
        int h = handle(t, fd);
        switch ((int) request) {
            case 0x5451: t.process.files.setCloexec(fd, true); return 0; // FIOCLEX
            case 0x5450: t.process.files.setCloexec(fd, false); return 0; // FIONCLEX
            case 0x5421: { // FIONBIO
                int on = GuestMemory.read32(Microkernel.space(t), arg);
                long fl = k.port.call(k.request.set(Opcode.GETFL, h, null));
                if (fl < 0) {
                    return fl;
                }
                long nfl = on != 0 ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
                return k.port.call(k.request.set(Opcode.SETFL, h, null).args(nfl, 0));
            }
            default:
                Grant g = arg == 0 ? null : new Grant(Microkernel.space(t), arg, 64, true);
                return k.port.call(k.request.set(Opcode.IOCTL, h, g).args(request, 0));
        }
    }

    static long flock(Microkernel k, Task t, int fd, int op) {
        long r = k.port.call(k.request.set(Opcode.FLOCK, handle(t, fd), null).args(op, 0));
        return parkIfBlocked(k, t, r, true);
    }

    static long statfs(Microkernel k, Task t, int fd, long pathAddr, long buf) {
        Grant g = new Grant(Microkernel.space(t), buf, 120, true);
        if (pathAddr == 0) {
            return k.port.call(k.request.set(Opcode.STATFS, handle(t, fd), g));
        }
        String path = GuestMemory.path(Microkernel.space(t), pathAddr);
        return k.port.call(k.request.set(Opcode.STATFS, t.process.cwdHandle, g).path(path));
    }
}

package dev.splitvisor.kernel;

import static dev.splitvisor.kernel.SyscallNumbers.*;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.Frame;
import dev.splitvisor.mmu.PageFault;
import dev.splitvisor.mmu.Prot;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux x86-64 system-call table: the number in RAX, arguments in RDI, RSI, RDX, R10, R8,
 * R9, the result (or a negated errno) back in RAX. A call that is not implemented returns
 * -ENOSYS and is logged once by name; docs/QUIRKS.md lists them.
 *
 * <p>This is the first personality: console I/O (through the system VM), memory (brk, mmap of
 * anonymous memory, munmap, mprotect, madvise), exit, arch_prctl, uname, ids and clocks.
 */
final class LinuxSyscalls {
    private static final Logger LOG = LoggerFactory.getLogger("syscall");
    private static final ConcurrentHashMap<Integer, Boolean> UNIMPLEMENTED_SEEN =
            new ConcurrentHashMap<>();

    private static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10,
            MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
    private static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003,
            ARCH_GET_GS = 0x1004;
    private static final int MADV_DONTNEED = 4;

    private LinuxSyscalls() {
    }

    static void dispatch(Microkernel k) {
        Cpu c = k.cpu;
        int nr = (int) c.gpr[Cpu.RAX];
        long a0 = c.gpr[Cpu.RDI];
        long a1 = c.gpr[Cpu.RSI];
        long a2 = c.gpr[Cpu.RDX];
        long a3 = c.gpr[10];
        long a4 = c.gpr[8];
        long a5 = c.gpr[9];
        long r;
        try {
            r = call(k, nr, a0, a1, a2, a3, a4, a5);
        } catch (PageFault f) {
            r = -Errno.EFAULT; // a bad user pointer: the kernel's copy fails, not the process
        }
        if (k.options.trace != null) {
            k.options.trace.printf("%s(0x%x, 0x%x, 0x%x) = %s%n", name(nr), a0, a1, a2,
                    r < 0 && r > -4096 ? r + " (errno " + -r + ")" : "0x" + Long.toHexString(r));
        }
        if (!k.exited()) {
            c.gpr[Cpu.RAX] = r;
        }
    }

    private static long call(Microkernel k, int nr, long a0, long a1, long a2, long a3,
            long a4, long a5) {
        switch (nr) {
            case READ: return read(k, (int) a0, a1, a2);
            case WRITE: return write(k, (int) a0, a1, a2);
            case WRITEV: return writev(k, (int) a0, a1, (int) a2);
            case EXIT: case EXIT_GROUP: k.exit((int) a0); return 0;
            case BRK: return brk(k, a0);
            case MMAP: return mmap(k, a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case MUNMAP: return munmap(k, a0, a1);
            case MPROTECT: return mprotect(k, a0, a1, (int) a2);
            case MADVISE: return madvise(k, a0, a1, (int) a2);
            case ARCH_PRCTL: return archPrctl(k, (int) a0, a1);
            case UNAME: return uname(k, a0);
            case IOCTL: return ioctl((int) a0);
            case SET_TID_ADDRESS: case GETPID: case GETTID: return Microkernel.PID;
            case GETPPID: return 0;
            case GETUID: case GETGID: case GETEUID: case GETEGID: return 0;
            case CLOCK_GETTIME: return clockGettime(k, (int) a0, a1);
            default: return unimplemented(nr);
        }
    }

    private static String name(int nr) {
        return SyscallNumbers.name(nr);
    }

    private static long unimplemented(int nr) {
        if (UNIMPLEMENTED_SEEN.putIfAbsent(nr, Boolean.TRUE) == null) {
            LOG.info("system call {} ({}) is not implemented: returning ENOSYS", name(nr), nr);
        }
        return -Errno.ENOSYS;
    }

    // ---------------------------------------------------------------- console I/O

    private static long read(Microkernel k, int fd, long buf, long count) {
        if (fd != 0) {
            return -Errno.EBADF;
        }
        int n = (int) Math.min(count, 1 << 20);
        Grant g = new Grant(k.space, buf, n, true);
        return k.port.call(k.request.set(Opcode.CONSOLE_READ, fd, g));
    }

    private static long write(Microkernel k, int fd, long buf, long count) {
        if (fd != 1 && fd != 2) {
            return -Errno.EBADF;
        }
        if (count < 0) {
            return -Errno.EINVAL;
        }
        int n = (int) Math.min(count, Integer.MAX_VALUE - 4096);
        Grant g = new Grant(k.space, buf, n, false);
        return k.port.call(k.request.set(Opcode.CONSOLE_WRITE, fd, g));
    }

    private static long writev(Microkernel k, int fd, long iov, int iovcnt) {
        if (iovcnt < 0 || iovcnt > 1024) {
            return -Errno.EINVAL;
        }
        long total = 0;
        for (int v = 0; v < iovcnt; v++) {
            long base = k.space.read64(iov + 16L * v);
            long len = k.space.read64(iov + 16L * v + 8);
            if (len == 0) {
                continue;
            }
            long r = write(k, fd, base, len);
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

    private static long ioctl(int fd) {
        if (fd < 0 || fd > 2) {
            return -Errno.EBADF;
        }
        // The console is not a terminal yet: TCGETS, TIOCGWINSZ and the rest answer ENOTTY, so
        // programs see a pipe and buffer fully.
        return -Errno.ENOTTY;
    }

    // ---------------------------------------------------------------- memory

    private static long brk(Microkernel k, long requested) {
        if (requested < k.brkStart) {
            return k.brk;
        }
        long oldTop = MemoryMap.pageUp(k.brk);
        long newTop = MemoryMap.pageUp(requested);
        if (newTop > oldTop) {
            if (!k.map.isFree(oldTop, newTop)) {
                return k.brk;
            }
            k.map.map(oldTop, newTop - oldTop, Prot.READ | Prot.WRITE, "[heap]");
        } else if (newTop < oldTop) {
            k.map.unmap(newTop, oldTop - newTop);
        }
        k.brk = requested;
        return requested;
    }

    private static long mmap(Microkernel k, long addr, long len, int prot, int flags, int fd,
            long off) {
        if (len <= 0 || (off & Frame.OFFSET_MASK) != 0 || (prot & ~Prot.RWX) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0) {
            return -Errno.EINVAL;
        }
        if ((flags & MAP_ANONYMOUS) == 0) {
            return -Errno.EBADF; // no files in this personality yet
        }
        long length = MemoryMap.pageUp(len);
        if (length <= 0 || length > (1L << 46)) {
            return -Errno.ENOMEM;
        }
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed && (addr & Frame.OFFSET_MASK) != 0) {
            return -Errno.EINVAL;
        }
        long at;
        if (fixed) {
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !k.map.isFree(addr, addr + length)) {
                return -Errno.EEXIST;
            }
            at = addr;
        } else if (addr != 0 && MemoryMap.pageDown(addr) >= MemoryMap.MMAP_MIN
                && MemoryMap.pageDown(addr) + length <= ElfLoader.STACK_TOP - ElfLoader.STACK_SIZE
                && k.map.isFree(MemoryMap.pageDown(addr), MemoryMap.pageDown(addr) + length)) {
            at = MemoryMap.pageDown(addr);
        } else {
            at = k.map.findFree(length);
        }
        if (at < 0 || at + length > ElfLoader.STACK_TOP || at + length < at) {
            return -Errno.ENOMEM;
        }
        k.map.map(at, length, prot, "");
        return at;
    }

    private static long munmap(Microkernel k, long addr, long len) {
        if ((addr & Frame.OFFSET_MASK) != 0 || len <= 0) {
            return -Errno.EINVAL;
        }
        k.map.unmap(addr, MemoryMap.pageUp(len));
        return 0;
    }

    private static long mprotect(Microkernel k, long addr, long len, int prot) {
        if ((addr & Frame.OFFSET_MASK) != 0 || (prot & ~Prot.RWX) != 0) {
            return -Errno.EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        return k.map.protect(addr, MemoryMap.pageUp(len), prot) ? 0 : -Errno.ENOMEM;
    }

    private static long madvise(Microkernel k, long addr, long len, int advice) {
        if ((addr & Frame.OFFSET_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (advice == MADV_DONTNEED) {
            k.map.zero(addr, addr + MemoryMap.pageUp(len));
        }
        return 0; // other advice is a hint
    }

    // ---------------------------------------------------------------- process

    private static long archPrctl(Microkernel k, int code, long addr) {
        Cpu c = k.cpu;
        switch (code) {
            case ARCH_SET_FS: case ARCH_SET_GS:
                if ((addr << 16 >> 16) != addr) {
                    return -Errno.EPERM;
                }
                if (code == ARCH_SET_FS) {
                    c.fsBase = addr;
                } else {
                    c.gsBase = addr;
                }
                return 0;
            case ARCH_GET_FS: k.space.write64(addr, c.fsBase); return 0;
            case ARCH_GET_GS: k.space.write64(addr, c.gsBase); return 0;
            default: return -Errno.EINVAL;
        }
    }

    private static long uname(Microkernel k, long buf) {
        String[] fields = {"Linux", "splitvisor", "6.1.0-splitvisor", "#1 SMP", "x86_64",
            "(none)"};
        byte[] out = new byte[65 * fields.length];
        for (int f = 0; f < fields.length; f++) {
            byte[] b = fields[f].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, out, 65 * f, b.length);
        }
        k.space.writeBytes(buf, out, 0, out.length);
        return 0;
    }

    private static long clockGettime(Microkernel k, int clock, long ts) {
        long nanos;
        if (k.options.deterministic) {
            nanos = k.cpu.retired; // virtual time: one nanosecond per instruction
        } else if (clock == 0) {
            java.time.Instant now = java.time.Instant.now();
            nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        } else {
            nanos = System.nanoTime();
        }
        k.space.write64(ts, nanos / 1_000_000_000L);
        k.space.write64(ts + 8, nanos % 1_000_000_000L);
        return 0;
    }
}

package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.PageFault;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Copies between the kernel and a process's memory: strings, string arrays, structures. */
final class GuestMemory {
    static final int PATH_MAX = 4096;
    /** Total bytes of argv and envp strings execve accepts (Linux: a quarter of the stack). */
    static final int ARG_MAX = 2 << 20;

    private GuestMemory() {
    }

    /** A NUL-terminated path: ENAMETOOLONG past PATH_MAX, EFAULT on a bad pointer. */
    static String path(AddressSpace mem, long addr) {
        String s = string(mem, addr, PATH_MAX);
        if (s == null) {
            throw new SyscallError(Errno.ENAMETOOLONG);
        }
        return s;
    }

    /** A NUL-terminated string of at most {@code max} bytes, or null when longer. */
    static String string(AddressSpace mem, long addr, int max) {
        if (addr == 0) {
            throw new SyscallError(Errno.EFAULT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int n = 0; n < max; n++) {
                int b = mem.read8(addr + n);
                if (b == 0) {
                    return out.toString(StandardCharsets.UTF_8);
                }
                out.write(b);
            }
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
        return null;
    }

    /** A NULL-terminated array of string pointers (argv, envp); null pointer: empty. */
    static List<String> stringArray(AddressSpace mem, long addr) {
        List<String> out = new ArrayList<>();
        if (addr == 0) {
            return out;
        }
        long total = 0;
        try {
            for (int i = 0; ; i++) {
                long p = mem.read64(addr + 8L * i);
                if (p == 0) {
                    return out;
                }
                String s = string(mem, p, ARG_MAX);
                total += s == null ? ARG_MAX : s.length() + 1;
                if (s == null || total > ARG_MAX) {
                    throw new SyscallError(Errno.E2BIG);
                }
                out.add(s);
            }
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
    }

    static void write(AddressSpace mem, long addr, byte[] data, int len) {
        try {
            mem.writeBytes(addr, data, 0, len);
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
    }

    static byte[] read(AddressSpace mem, long addr, int len) {
        byte[] b = new byte[len];
        try {
            mem.readBytes(addr, b, 0, len);
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
        return b;
    }

    static void write64(AddressSpace mem, long addr, long v) {
        try {
            mem.write64(addr, v);
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
    }

    static void write32(AddressSpace mem, long addr, int v) {
        try {
            mem.write32(addr, v);
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
    }

    static long read64(AddressSpace mem, long addr) {
        try {
            return mem.read64(addr);
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
    }

    static int read32(AddressSpace mem, long addr) {
        try {
            return mem.read32(addr);
        } catch (PageFault f) {
            throw new SyscallError(Errno.EFAULT);
        }
    }
}

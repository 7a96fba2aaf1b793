package dev.splitvisor.kernel;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.mmu.AddressSpace;
import java.nio.charset.StandardCharsets;

/** uname, getrandom, resource limits, sysinfo, arch_prctl, prctl and CPU affinity. */
final class InfoCalls {
    private static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003,
            ARCH_GET_GS = 0x1004;
    private static final int RLIMIT_STACK = 3, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7,
            RLIMIT_AS = 9, RLIMIT_NLIMITS = 16;
    private static final long RLIM_INFINITY = -1;
    private static final int PR_SET_NAME = 15, PR_GET_NAME = 16, PR_SET_PDEATHSIG = 1,
            PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4;

    private InfoCalls() {
    }

    static long uname(Task t, long buf) {
        String[] fields = {"Linux", "splitvisor", "6.1.0-splitvisor", "#1 SMP", "x86_64",
            "(none)"};
        byte[] out = new byte[65 * fields.length];
        for (int f = 0; f < fields.length; f++) {
            byte[] b = fields[f].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, out, 65 * f, b.length);
        }
        GuestMemory.write(Microkernel.space(t), buf, out, out.length);
        return 0;
    }

    static long getrandom(Microkernel k, Task t, long buf, long len, int flags) {
        if ((flags & ~7) != 0) {
            return -Errno.EINVAL;
        }
        int n = (int) Math.min(Math.max(len, 0), 1 << 25);
        byte[] b = new byte[n];
        k.random.nextBytes(b);
        GuestMemory.write(Microkernel.space(t), buf, b, n);
        return n;
    }

    /** The soft and hard values of a resource limit. */
    private static long[] limit(Process p, int resource) {
        switch (resource) {
            case RLIMIT_STACK: return new long[] {ElfLoader.STACK_SIZE, RLIM_INFINITY};
            case RLIMIT_NOFILE: return new long[] {p.files.limitFds, FdTable.MAX_FDS};
            case RLIMIT_NPROC: return new long[] {Microkernel.MAX_PROCESSES,
                Microkernel.MAX_PROCESSES};
            case RLIMIT_AS: return new long[] {RLIM_INFINITY, RLIM_INFINITY};
            default: return new long[] {RLIM_INFINITY, RLIM_INFINITY};
        }
    }

    static long prlimit(Microkernel k, Task t, int pid, int resource, long newLimit,
            long oldLimit) {
        if (resource < 0 || resource >= RLIMIT_NLIMITS) {
            return -Errno.EINVAL;
        }
        Process p = pid == 0 ? t.process : k.processes.get(pid);
        if (p == null || p.zombie) {
            return -Errno.ESRCH;
        }
        AddressSpace mem = Microkernel.space(t);
        if (oldLimit != 0) {
            long[] l = limit(p, resource);
            GuestMemory.write64(mem, oldLimit, l[0]);
            GuestMemory.write64(mem, oldLimit + 8, l[1]);
        }
        if (newLimit != 0) {
            long soft = GuestMemory.read64(mem, newLimit);
            long hard = GuestMemory.read64(mem, newLimit + 8);
            if (Long.compareUnsigned(soft, hard) > 0) {
                return -Errno.EINVAL;
            }
            if (resource == RLIMIT_NOFILE) {
                if (Long.compareUnsigned(hard, FdTable.MAX_FDS) > 0) {
                    return -Errno.EPERM;
                }
                p.files.limitFds = (int) soft;
            }
            // Other limits are fixed by the VM's configuration; new values are accepted and
            // have no effect (see QUIRKS).
        }
        return 0;
    }

    static long sysinfo(Microkernel k, Task t, long buf) {
        byte[] b = new byte[112];
        SignalDelivery.putLong(b, 0, k.now() / 1_000_000_000L + 1); // uptime
        SignalDelivery.putLong(b, 32, k.quota.limitBytes()); // totalram
        SignalDelivery.putLong(b, 40, k.quota.limitBytes() - k.quota.usedBytes()); // freeram
        b[80] = (byte) k.processCount(); // procs (low byte of a u16)
        b[81] = (byte) (k.processCount() >> 8);
        SignalDelivery.putInt(b, 104, 1); // mem_unit
        GuestMemory.write(Microkernel.space(t), buf, b, b.length);
        return 0;
    }

    static long schedGetaffinity(Task t, long size, long mask) {
        if (size < 8 || (size & 7) != 0) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[8];
        b[0] = 1; // one virtual CPU
        GuestMemory.write(Microkernel.space(t), mask, b, 8);
        return 8;
    }

    static long archPrctl(Task t, int code, long addr) {
        Cpu c = t.cpu;
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
            case ARCH_GET_FS: GuestMemory.write64(Microkernel.space(t), addr, c.fsBase); return 0;
            case ARCH_GET_GS: GuestMemory.write64(Microkernel.space(t), addr, c.gsBase); return 0;
            default: return -Errno.EINVAL;
        }
    }

    /** The thread's name: what PR_SET_NAME set, else the program's file name. */
    static String comm(Task t) {
        if (t.comm != null) {
            return t.comm;
        }
        String exe = t.process.mm == null ? "" : t.process.mm.exePath;
        return exe.substring(exe.lastIndexOf('/') + 1);
    }

    static long prctl(Task t, int option, long arg2) {
        switch (option) {
            case PR_SET_PDEATHSIG: case PR_SET_DUMPABLE: return 0;
            case PR_GET_DUMPABLE: return 1;
            case PR_SET_NAME: {
                String name = GuestMemory.string(Microkernel.space(t), arg2, 16);
                t.comm = name != null ? name : GuestMemory.string(Microkernel.space(t), arg2,
                        15 + 1024).substring(0, 15);
                return 0;
            }
            case PR_GET_NAME: {
                byte[] b = new byte[16];
                byte[] n = comm(t).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(n, 0, b, 0, Math.min(15, n.length));
                GuestMemory.write(Microkernel.space(t), arg2, b, 16);
                return 0;
            }
            default: return -Errno.EINVAL;
        }
    }
}

package dev.splitvisor.kernel;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.mmu.AddressSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads and processes: clone (threads, fork, vfork, posix_spawn's CLONE_VM|CLONE_VFORK),
 * execve, exit, wait4 and waitid, kill and tgkill, futex, and the id calls.
 */
final class ProcessCalls {
    static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400,
            CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_VFORK = 0x4000,
            CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
            CLONE_CHILD_SETTID = 0x1000000;
    private static final int WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WNOWAIT = 0x1000000,
            WALL = 0x40000000;

    private ProcessCalls() {
    }

    // ---------------------------------------------------------------- clone

    static long clone(Microkernel k, Task t, long flags, long newsp, long ptid, long ctid,
            long tls) {
        if ((flags & CLONE_THREAD) != 0 && (flags & (CLONE_VM | CLONE_SIGHAND))
                != (CLONE_VM | CLONE_SIGHAND)) {
            return -Errno.EINVAL;
        }
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) {
            return -Errno.EINVAL;
        }
        Process parent = t.process;
        Process p;
        if ((flags & CLONE_THREAD) != 0) {
            p = parent;
        } else {
            p = k.newProcess((flags & CLONE_PARENT) != 0 && parent.parent != null
                    ? parent.parent : parent);
            if (p == null) {
                return -Errno.EAGAIN;
            }
            p.exitSignal = (int) (flags & 0xFF);
            p.argv = parent.argv;
            p.env = parent.env;
            p.umask = parent.umask;
            shareOrCopy(k, parent, p, flags);
        }
        Cpu c = new Cpu(p.mm.space, k.cpuEnvironment);
        copyRegisters(t.cpu, c);
        c.gpr[Cpu.RAX] = 0;
        if (newsp != 0) {
            c.gpr[Cpu.RSP] = newsp;
        }
        if ((flags & CLONE_SETTLS) != 0) {
            c.fsBase = tls;
        }
        Task child = k.newTask(p, c);
        child.sigmask = t.sigmask;
        if ((flags & CLONE_THREAD) == 0) {
            child.altStackBase = t.altStackBase;
            child.altStackSize = t.altStackSize;
            child.altStackFlags = t.altStackFlags;
        }
        AddressSpace parentMem = Microkernel.space(t);
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            GuestMemory.write32(parentMem, ptid, child.tid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            GuestMemory.write32(p.mm.space, ctid, child.tid);
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = ctid;
        }
        if ((flags & CLONE_VFORK) != 0) {
            p.vforkParent = t;
            t.cpu.gpr[Cpu.RAX] = child.tid;
            return k.park(t, Task.VFORK, Long.MAX_VALUE, child.tid);
        }
        return child.tid;
    }

    private static void shareOrCopy(Microkernel k, Process parent, Process p, long flags) {
        if ((flags & CLONE_VM) != 0) {
            p.mm = parent.mm;
            p.mm.users++;
        } else {
            p.mm = parent.mm.forkCopy();
            for (Mm.SharedFileMapping m : p.mm.sharedFiles) {
                k.handles.retain(m.handle);
            }
        }
        if ((flags & CLONE_FILES) != 0) {
            p.files = parent.files;
            p.files.users++;
        } else {
            p.files = parent.files.copy();
            for (int fd = 0; fd < p.files.limit(); fd++) {
                int h = p.files.handle(fd);
                if (h >= 0) {
                    k.handles.retain(h);
                }
            }
        }
        p.actions = (flags & CLONE_SIGHAND) != 0 ? parent.actions
                : Process.copyActions(parent.actions);
        p.cwdHandle = parent.cwdHandle;
        k.handles.retain(p.cwdHandle);
    }

    /** Copies the user-visible register state (integer, flags, FS/GS, x87, SSE). */
    static void copyRegisters(Cpu from, Cpu to) {
        System.arraycopy(from.gpr, 0, to.gpr, 0, 16);
        to.rip = from.rip;
        to.setRflags(from.getRflags());
        to.fsBase = from.fsBase;
        to.gsBase = from.gsBase;
        byte[] fx = new byte[512];
        from.fxsave(fx);
        to.fxrstor(fx);
    }

    // ---------------------------------------------------------------- execve

    static long execve(Microkernel k, Task t, int dirfd, long pathAddr, long argvAddr,
            long envAddr) {
        AddressSpace mem = Microkernel.space(t);
        String path = GuestMemory.path(mem, pathAddr);
        List<String> argv = GuestMemory.stringArray(mem, argvAddr);
        List<String> env = GuestMemory.stringArray(mem, envAddr);
        if (path.isEmpty()) {
            return -Errno.ENOENT;
        }
        if (ProcFiles.isSelfDirectory(k, t, ProcFiles.absolute(k, t, dirfd, path))) {
            return -Errno.EACCES; // a directory, which the system VM does not hold
        }
        String execPath = path;
        Exec.Program program = null;
        for (int depth = 0; ; depth++) {
            Object found = Exec.readProgram(k, FileCalls.dirHandle(t, dirfd),
                    ProcFiles.rewrite(k, t, execPath));
            if (found instanceof Integer) {
                return -(Integer) found;
            }
            program = (Exec.Program) found;
            List<String> script = Exec.scriptArgv(program.bytes, execPath, argv);
            if (script == null) {
                break;
            }
            if (depth >= Exec.maxScriptDepth()) {
                return -Errno.ELOOP;
            }
            argv = script;
            execPath = script.get(0);
        }
        ElfImage image;
        Exec.Image loaded;
        try {
            image = ElfImage.parse(execPath, program.bytes);
            loaded = Exec.load(k, image, program.path, argv, env);
        } catch (ElfFormatException e) {
            return -Errno.ENOEXEC;
        } catch (dev.splitvisor.mmu.MemoryLimitExceeded e) {
            return -Errno.ENOMEM;
        }
        commitExec(k, t, loaded, argv);
        t.process.env = env;
        return Microkernel.NO_RESULT;
    }

    /** The point of no return: the process drops its old image, threads and handlers. */
    private static void commitExec(Microkernel k, Task t, Exec.Image loaded, List<String> argv) {
        Process p = t.process;
        for (Task other : new ArrayList<>(p.threads)) {
            if (other != t) {
                k.discardTask(other);
            }
        }
        p.threads.clear();
        p.threads.add(t);
        if (t.clearChildTid != 0) {
            try {
                p.mm.space.write32(t.clearChildTid, 0);
                k.futexes.wake(k, p.mm.space, t.clearChildTid, 1, -1);
            } catch (RuntimeException e) {
                // an unmapped clear_child_tid word is ignored
            }
            t.clearChildTid = 0;
        }
        MemoryCalls.writeBackShared(k, p);
        k.releaseMm(p);
        Exec.install(k, t, loaded);
        p.argv = argv;
        if (p.files.users > 1) {
            p.files.users--;
            p.files = p.files.copy();
            for (int fd = 0; fd < p.files.limit(); fd++) {
                if (p.files.handle(fd) >= 0) {
                    k.handles.retain(p.files.handle(fd));
                }
            }
        }
        for (int fd = 0; fd < p.files.limit(); fd++) {
            if (p.files.handle(fd) >= 0 && p.files.cloexec(fd)) {
                FileCalls.close(k, t, fd);
            }
        }
        SigAction[] fresh = Process.defaultActions();
        for (int s = 1; s < fresh.length; s++) {
            if (p.actions[s].handler == SigAction.SIG_IGN) {
                fresh[s].handler = SigAction.SIG_IGN;
            }
        }
        p.actions = fresh;
        t.altStackBase = 0;
        t.altStackSize = 0;
        t.altStackFlags = SignalDelivery.SS_DISABLE;
        t.robustList = 0;
        if (p.vforkParent != null) {
            k.wake(p.vforkParent, p.pid);
            p.vforkParent = null;
        }
    }

    // ---------------------------------------------------------------- wait

    static long wait4(Microkernel k, Task t, int pid, long statusAddr, int options,
            long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | 8 | WALL | 0x80000000)) != 0) {
            return -Errno.EINVAL;
        }
        Process self = t.process;
        boolean any = false;
        for (Process c : self.children) {
            if (!matches(c, self, pid)) {
                continue;
            }
            any = true;
            if (c.zombie) {
                if (statusAddr != 0) {
                    GuestMemory.write32(Microkernel.space(t), statusAddr, c.waitStatus);
                }
                if (rusage != 0) {
                    GuestMemory.write(Microkernel.space(t), rusage, new byte[144], 144);
                }
                k.reap(c);
                return c.pid;
            }
        }
        if (!any) {
            return -Errno.ECHILD;
        }
        if ((options & WNOHANG) != 0) {
            return 0;
        }
        t.restartable = true;
        return k.park(t, Task.RETRY, Long.MAX_VALUE, 0);
    }

    private static boolean matches(Process c, Process self, int pid) {
        if (pid > 0) {
            return c.pid == pid;
        }
        if (pid == 0) {
            return c.pgid == self.pgid;
        }
        if (pid < -1) {
            return c.pgid == -pid;
        }
        return true;
    }

    /** waitid(P_ALL / P_PID / P_PGID, id, infop, options). */
    static long waitid(Microkernel k, Task t, int idtype, int id, long infop, int options) {
        int pid = idtype == 0 ? -1 : idtype == 1 ? id : idtype == 2 ? -id : Integer.MIN_VALUE;
        if (pid == Integer.MIN_VALUE || (options & (WEXITED)) == 0) {
            return -Errno.EINVAL;
        }
        Process self = t.process;
        boolean any = false;
        for (Process c : self.children) {
            if (!matches(c, self, pid)) {
                continue;
            }
            any = true;
            if (c.zombie) {
                if (infop != 0) {
                    byte[] info = new byte[128];
                    boolean killed = (c.waitStatus & 0x7F) != 0;
                    SigInfo si = new SigInfo(Signal.SIGCHLD, killed ? SigInfo.CLD_KILLED
                            : SigInfo.CLD_EXITED);
                    si.pid = c.pid;
                    si.status = killed ? c.waitStatus & 0x7F : (c.waitStatus >> 8) & 0xFF;
                    SignalDelivery.writeSigInfo(info, 0, si);
                    GuestMemory.write(Microkernel.space(t), infop, info, 128);
                }
                if ((options & WNOWAIT) == 0) {
                    k.reap(c);
                }
                return 0;
            }
        }
        if (!any) {
            return -Errno.ECHILD;
        }
        if ((options & WNOHANG) != 0) {
            if (infop != 0) {
                GuestMemory.write(Microkernel.space(t), infop, new byte[128], 128);
            }
            return 0;
        }
        t.restartable = true;
        return k.park(t, Task.RETRY, Long.MAX_VALUE, 0);
    }

    // ---------------------------------------------------------------- signals to others

    static long kill(Microkernel k, Task t, int pid, int sig) {
        if (sig < 0 || sig > 64) {
            return -Errno.EINVAL;
        }
        List<Process> targets = new ArrayList<>();
        for (Process p : k.processes.values()) {
            if (p.zombie) {
                continue;
            }
            boolean hit = pid > 0 ? p.pid == pid : pid == 0 ? p.pgid == t.process.pgid
                    : pid == -1 ? p.pid != 1 : p.pgid == -pid;
            if (hit) {
                targets.add(p);
            }
        }
        if (targets.isEmpty()) {
            return -Errno.ESRCH;
        }
        for (Process p : targets) {
            SigInfo info = new SigInfo(sig, SigInfo.SI_USER);
            info.pid = t.process.pid;
            SignalDelivery.sendToProcess(k, p, info);
        }
        return 0;
    }

    static long tgkill(Microkernel k, Task t, int tgid, int tid, int sig) {
        if (sig < 0 || sig > 64 || tid <= 0) {
            return -Errno.EINVAL;
        }
        Task target = k.tasks.get(tid);
        if (target == null || tgid > 0 && target.process.pid != tgid) {
            return -Errno.ESRCH;
        }
        SigInfo info = new SigInfo(sig, SigInfo.SI_TKILL);
        info.pid = t.process.pid;
        SignalDelivery.sendToTask(k, target, info);
        return 0;
    }

    // ---------------------------------------------------------------- futex

    static long futex(Microkernel k, Task t, long addr, int op, int val, long timeout,
            long addr2, int val3) {
        int cmd = op & 0x7F;
        AddressSpace mem = Microkernel.space(t);
        if ((addr & 3) != 0) {
            return -Errno.EINVAL;
        }
        switch (cmd) {
            case 0: case 9: { // FUTEX_WAIT, FUTEX_WAIT_BITSET
                int bitset = cmd == 9 ? val3 : -1;
                if (bitset == 0) {
                    return -Errno.EINVAL;
                }
                if (GuestMemory.read32(mem, addr) != val) {
                    return -Errno.EAGAIN;
                }
                long deadline = Long.MAX_VALUE;
                if (timeout != 0) {
                    long ns = PollCalls.timespec(mem, timeout);
                    // FUTEX_WAIT takes a relative time; WAIT_BITSET an absolute one
                    deadline = cmd == 0 ? k.now() + ns : TimeCalls.toKernelClock(k, ns,
                            (op & 0x100) != 0);
                }
                k.futexes.enqueue(mem, addr, t, bitset);
                t.restartable = false;
                return k.park(t, Task.COMPLETE, deadline, -Errno.ETIMEDOUT);
            }
            case 1: case 10: // FUTEX_WAKE, FUTEX_WAKE_BITSET
                return k.futexes.wake(k, mem, addr, Math.max(val, 0), cmd == 10 ? val3 : -1);
            case 3: case 4: { // FUTEX_REQUEUE, FUTEX_CMP_REQUEUE
                if (cmd == 4 && GuestMemory.read32(mem, addr) != val3) {
                    return -Errno.EAGAIN;
                }
                return k.futexes.requeue(k, mem, addr, addr2, Math.max(val, 0),
                        (int) Math.min(Integer.MAX_VALUE, Math.max(timeout, 0)));
            }
            case 5: { // FUTEX_WAKE_OP
                int old = GuestMemory.read32(mem, addr2);
                GuestMemory.write32(mem, addr2, wakeOp(val3, old));
                int n = k.futexes.wake(k, mem, addr, Math.max(val, 0), -1);
                if (wakeCondition(val3, old)) {
                    n += k.futexes.wake(k, mem, addr2, (int) Math.max(timeout, 0), -1);
                }
                return n;
            }
            default:
                return -Errno.ENOSYS;
        }
    }

    private static int wakeOp(int encoded, int old) {
        int op = (encoded >>> 28) & 7;
        int arg = (encoded << 8) >> 20;
        if ((encoded >>> 31) != 0) {
            arg = 1 << (arg & 31);
        }
        switch (op) {
            case 0: return arg;
            case 1: return old + arg;
            case 2: return old | arg;
            case 3: return old & ~arg;
            case 4: return old ^ arg;
            default: return old;
        }
    }

    private static boolean wakeCondition(int encoded, int old) {
        int cmp = (encoded >>> 24) & 0xF;
        int arg = (encoded << 20) >> 20;
        switch (cmp) {
            case 0: return old == arg;
            case 1: return old != arg;
            case 2: return old < arg;
            case 3: return old <= arg;
            case 4: return old > arg;
            case 5: return old >= arg;
            default: return false;
        }
    }
}

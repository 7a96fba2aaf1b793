package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.mmu.AddressSpace;

/** rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, sigaltstack, pause. */
final class SignalCalls {
    private static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    private static final long MINSIGSTKSZ = 2048;

    private SignalCalls() {
    }

    static long rtSigaction(Task t, int sig, long act, long oldact, long size) {
        if (sig < 1 || sig > 64 || size != 8) {
            return -Errno.EINVAL;
        }
        if (act != 0 && (sig == Signal.SIGKILL || sig == Signal.SIGSTOP)) {
            return -Errno.EINVAL;
        }
        AddressSpace mem = Microkernel.space(t);
        SigAction a = t.process.actions[sig];
        byte[] fresh = act == 0 ? null : GuestMemory.read(mem, act, 32);
        if (oldact != 0) {
            byte[] out = new byte[32];
            SignalDelivery.putLong(out, 0, a.handler);
            SignalDelivery.putLong(out, 8, a.flags);
            SignalDelivery.putLong(out, 16, a.restorer);
            SignalDelivery.putLong(out, 24, a.mask);
            GuestMemory.write(mem, oldact, out, 32);
        }
        if (fresh != null) {
            a.handler = SignalDelivery.getLong(fresh, 0);
            a.flags = SignalDelivery.getLong(fresh, 8) & 0xFFFFFFFFL;
            a.restorer = SignalDelivery.getLong(fresh, 16);
            a.mask = SignalDelivery.getLong(fresh, 24) & ~SignalDelivery.UNBLOCKABLE;
            if (a.handler == SigAction.SIG_IGN || a.handler == SigAction.SIG_DFL
                    && Signal.defaultIgnores(sig)) {
                t.process.pending.discard(sig); // an ignored signal does not stay pending
                for (Task th : t.process.threads) {
                    th.pending.discard(sig);
                }
            }
        }
        return 0;
    }

    static long rtSigprocmask(Task t, int how, long set, long oldset, long size) {
        if (size != 8) {
            return -Errno.EINVAL;
        }
        AddressSpace mem = Microkernel.space(t);
        long old = t.sigmask;
        if (set != 0) {
            long s = GuestMemory.read64(mem, set);
            switch (how) {
                case SIG_BLOCK: t.sigmask |= s; break;
                case SIG_UNBLOCK: t.sigmask &= ~s; break;
                case SIG_SETMASK: t.sigmask = s; break;
                default: return -Errno.EINVAL;
            }
            t.sigmask &= ~SignalDelivery.UNBLOCKABLE;
        }
        if (oldset != 0) {
            GuestMemory.write64(mem, oldset, old);
        }
        return 0;
    }

    static long rtSigpending(Task t, long set, long size) {
        if (size > 8) {
            return -Errno.EINVAL;
        }
        GuestMemory.write64(Microkernel.space(t), set,
                (t.pending.bits | t.process.pending.bits) & t.sigmask);
        return 0;
    }

    /** rt_sigsuspend: waits with a temporary mask until a handler runs; always EINTR. */
    static long rtSigsuspend(Microkernel k, Task t, long set, long size) {
        if (size != 8) {
            return -Errno.EINVAL;
        }
        long mask = GuestMemory.read64(Microkernel.space(t), set) & ~SignalDelivery.UNBLOCKABLE;
        t.suspendMask = t.sigmask;
        t.sigmask = mask;
        if (((t.pending.bits | t.process.pending.bits) & ~mask) != 0) {
            return -Errno.EINTR; // a signal it now lets through is already pending
        }
        t.restartable = false;
        return k.park(t, Task.COMPLETE, Long.MAX_VALUE, -Errno.EINTR);
    }

    /** rt_sigtimedwait: takes a pending signal of the set, waiting up to the timeout. */
    static long rtSigtimedwait(Microkernel k, Task t, long setAddr, long infoAddr,
            long timeoutAddr, long size) {
        if (size != 8) {
            return -Errno.EINVAL;
        }
        AddressSpace mem = Microkernel.space(t);
        long set = GuestMemory.read64(mem, setAddr) & ~SignalDelivery.UNBLOCKABLE;
        long timeout = PollCalls.timespec(mem, timeoutAddr);
        long deadline = PollCalls.deadline(k, t, timeout);
        long ready = (t.pending.bits | t.process.pending.bits) & set;
        if (ready != 0) {
            int sig = Long.numberOfTrailingZeros(ready) + 1;
            SigInfo info = SignalDelivery.take(t, sig);
            if (infoAddr != 0) {
                byte[] b = new byte[128];
                SignalDelivery.writeSigInfo(b, 0, info);
                GuestMemory.write(mem, infoAddr, b, 128);
            }
            t.sigwaitSet = 0;
            return sig;
        }
        if (k.now() >= deadline) {
            t.sigwaitSet = 0;
            return -Errno.EAGAIN;
        }
        t.sigwaitSet = set;
        t.restartable = false;
        return k.park(t, Task.RETRY, deadline, 0);
    }

    /** rt_sigqueueinfo: kill with a siginfo the sender chose (sigqueue's value). */
    static long rtSigqueueinfo(Microkernel k, Task t, int pid, int sig, long infoAddr) {
        if (sig < 1 || sig > 64) {
            return -Errno.EINVAL;
        }
        byte[] b = GuestMemory.read(Microkernel.space(t), infoAddr, 128);
        int code = (int) SignalDelivery.getLong(b, 8);
        if (code >= 0 && pid != t.process.pid) {
            return -Errno.EPERM;
        }
        Process p = k.processes.get(pid);
        if (p == null || p.zombie) {
            return -Errno.ESRCH;
        }
        SigInfo info = new SigInfo(sig, code);
        info.pid = t.process.pid;
        info.value = SignalDelivery.getLong(b, 24);
        SignalDelivery.sendToProcess(k, p, info);
        return 0;
    }

    static long pause(Microkernel k, Task t) {
        t.restartable = false;
        return k.park(t, Task.COMPLETE, Long.MAX_VALUE, -Errno.EINTR);
    }

    static long sigaltstack(Task t, long ss, long oldss) {
        AddressSpace mem = Microkernel.space(t);
        byte[] fresh = ss == 0 ? null : GuestMemory.read(mem, ss, 24);
        if (oldss != 0) {
            byte[] out = new byte[24];
            SignalDelivery.putLong(out, 0, t.altStackBase);
            boolean on = t.altStackFlags == 0 && t.cpu.gpr[dev.splitvisor.cpu.Cpu.RSP]
                    > t.altStackBase && t.cpu.gpr[dev.splitvisor.cpu.Cpu.RSP]
                    <= t.altStackBase + t.altStackSize;
            SignalDelivery.putInt(out, 8, t.altStackFlags | (on ? SignalDelivery.SS_ONSTACK : 0));
            SignalDelivery.putLong(out, 16, t.altStackSize);
            GuestMemory.write(mem, oldss, out, 24);
        }
        if (fresh != null) {
            int flags = (int) SignalDelivery.getLong(fresh, 8);
            if (flags != 0 && flags != SignalDelivery.SS_DISABLE) {
                return -Errno.EINVAL;
            }
            long size = SignalDelivery.getLong(fresh, 16);
            if (flags == 0 && size < MINSIGSTKSZ) {
                return -Errno.ENOMEM;
            }
            t.altStackBase = flags == 0 ? SignalDelivery.getLong(fresh, 0) : 0;
            t.altStackSize = flags == 0 ? size : 0;
            t.altStackFlags = flags;
        }
        return 0;
    }
}

package dev.splitvisor.kernel;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.PageFault;

/**
 * Sending signals, and delivering them: a handler runs on the guest stack (or the alternate
 * signal stack) above a Linux x86-64 {@code rt_sigframe}: the return address (sa_restorer),
 * a {@code ucontext} with every register, the old mask and the FXSAVE image of the FPU, and
 * the {@code siginfo}. {@code rt_sigreturn} reads the frame back.
 */
final class SignalDelivery {
    static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    // rt_sigframe layout: pretcode, ucontext, siginfo.
    private static final int UC = 8, UC_STACK = UC + 16, MCONTEXT = UC + 40,
            UC_SIGMASK = UC + 296, SIGINFO = UC + 304, FRAME_SIZE = SIGINFO + 128;
    private static final int FXSAVE_SIZE = 512;
    /** RFLAGS bits a handler's sigreturn may change: AC, OF, DF, TF, SF, ZF, AF, PF, CF, RF. */
    private static final long FIX_EFLAGS = 0x40000 | 0x800 | 0x400 | 0x100 | 0x80 | 0x40 | 0x10
            | 0x4 | 0x1 | 0x10000;
    /** The order of registers in sigcontext (r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp). */
    private static final int[] GREG_ORDER = {8, 9, 10, 11, 12, 13, 14, 15, Cpu.RDI, Cpu.RSI,
        Cpu.RBP, Cpu.RBX, Cpu.RDX, Cpu.RAX, Cpu.RCX, Cpu.RSP};

    private SignalDelivery() {
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** Signals no mask can block. */
    static final long UNBLOCKABLE = bit(Signal.SIGKILL) | bit(Signal.SIGSTOP);

    // ---------------------------------------------------------------- sending

    /** Sends {@code info} to process {@code p} (kill); one of its threads will take it. */
    static void sendToProcess(Microkernel k, Process p, SigInfo info) {
        int sig = info.signo;
        if (p.zombie || p.exiting || sig == 0) {
            return;
        }
        if (sig == Signal.SIGKILL) {
            k.killProcess(p, sig, null);
            return;
        }
        if (ignored(p, sig)) {
            return;
        }
        p.pending.add(info);
        for (Task t : p.threads) {
            if (t.state == Task.WAITING && (t.sigwaitSet & bit(sig)) != 0) {
                k.wake(t, 0); // its rt_sigtimedwait runs again and takes the signal
                return;
            }
        }
        for (Task t : p.threads) {
            if (t.state != Task.DEAD && (t.sigmask & bit(sig)) == 0) {
                k.interrupt(t, restarts(p, sig, t));
                return;
            }
        }
    }

    /** Sends {@code info} to one thread (tgkill, raise). */
    static void sendToTask(Microkernel k, Task t, SigInfo info) {
        int sig = info.signo;
        Process p = t.process;
        if (t.state == Task.DEAD || p.exiting || sig == 0) {
            return;
        }
        if (sig == Signal.SIGKILL) {
            k.killProcess(p, sig, null);
            return;
        }
        if (ignored(p, sig)) {
            return;
        }
        t.pending.add(info);
        if (t.state == Task.WAITING && (t.sigwaitSet & bit(sig)) != 0) {
            k.wake(t, 0);
        } else if ((t.sigmask & bit(sig)) == 0) {
            k.interrupt(t, restarts(p, sig, t));
        }
    }

    /**
     * A fault of the running task: its signal cannot be blocked or ignored (if it is, the
     * default action takes over, as on Linux), and a fatal one ends the process with
     * {@code what} as the reason.
     */
    static void force(Microkernel k, Task t, SigInfo info, String what) {
        Process p = t.process;
        int sig = info.signo;
        SigAction a = p.actions[sig];
        if (a.handler == SigAction.SIG_IGN || (t.sigmask & bit(sig)) != 0) {
            a.handler = SigAction.SIG_DFL;
            t.sigmask &= ~bit(sig);
        }
        if (a.handler == SigAction.SIG_DFL) {
            k.killProcess(p, sig, what);
            return;
        }
        t.pending.discard(sig);
        t.pending.add(info);
    }

    private static boolean ignored(Process p, int sig) {
        long h = p.actions[sig].handler;
        return h == SigAction.SIG_IGN || (h == SigAction.SIG_DFL && Signal.defaultIgnores(sig));
    }

    private static boolean restarts(Process p, int sig, Task t) {
        SigAction a = p.actions[sig];
        return t.restartable && a.handler != SigAction.SIG_DFL
                && (a.flags & SigAction.SA_RESTART) != 0;
    }

    // ---------------------------------------------------------------- delivery

    /** Delivers the first deliverable pending signal of {@code t}, if any. */
    static void deliver(Microkernel k, Task t) {
        Process p = t.process;
        while (t.state == Task.RUNNABLE) {
            long ready = (t.pending.bits | p.pending.bits) & ~t.sigmask;
            if (ready == 0) {
                if (t.suspendMask != -1) {
                    t.sigmask = t.suspendMask; // rt_sigsuspend ended without a handler
                    t.suspendMask = -1;
                }
                return;
            }
            int sig = Long.numberOfTrailingZeros(ready) + 1;
            SigInfo info = take(t, sig);
            SigAction a = p.actions[sig];
            if (a.handler == SigAction.SIG_IGN) {
                continue;
            }
            if (a.handler == SigAction.SIG_DFL) {
                if (Signal.defaultIgnores(sig)) {
                    continue;
                }
                k.killProcess(p, sig, null);
                return;
            }
            if (!setupFrame(k, t, info, a)) {
                k.killProcess(p, Signal.SIGSEGV, "cannot write the signal frame of "
                        + Signal.name(sig) + " (stack 0x" + Long.toHexString(t.cpu.gpr[Cpu.RSP])
                        + ")");
            }
            return;
        }
    }

    /** Takes a pending instance of {@code sig}, the thread's own before the process's. */
    static SigInfo take(Task t, int sig) {
        return (t.pending.bits & bit(sig)) != 0 ? t.pending.take(sig)
                : t.process.pending.take(sig);
    }

    private static boolean setupFrame(Microkernel k, Task t, SigInfo info, SigAction a) {
        Cpu c = t.cpu;
        AddressSpace mem = t.process.mm.space;
        long sp = c.gpr[Cpu.RSP] - 128; // the red zone below RSP belongs to the interrupted code
        boolean onAlt = onAltStack(t, c.gpr[Cpu.RSP]);
        if ((a.flags & SigAction.SA_ONSTACK) != 0 && t.altStackFlags == 0 && !onAlt) {
            sp = t.altStackBase + t.altStackSize;
        }
        long fpstate = (sp - FXSAVE_SIZE) & ~63L;
        long frame = ((fpstate - FRAME_SIZE) & ~15L) - 8;
        long oldMask = t.suspendMask != -1 ? t.suspendMask : t.sigmask;

        byte[] fx = new byte[FXSAVE_SIZE];
        c.fxsave(fx);
        byte[] f = new byte[FRAME_SIZE];
        putLong(f, 0, a.restorer);
        putLong(f, UC_STACK, t.altStackBase);
        putInt(f, UC_STACK + 8, t.altStackFlags | (onAlt ? SS_ONSTACK : 0));
        putLong(f, UC_STACK + 16, t.altStackSize);
        for (int r = 0; r < GREG_ORDER.length; r++) {
            putLong(f, MCONTEXT + 8 * r, c.gpr[GREG_ORDER[r]]);
        }
        putLong(f, MCONTEXT + 8 * 16, c.rip);
        putLong(f, MCONTEXT + 8 * 17, c.getRflags());
        putLong(f, MCONTEXT + 8 * 18, 0x33L | (0x2bL << 48)); // cs, gs, fs, ss
        boolean fault = info.code == SigInfo.SI_KERNEL || info.address != 0;
        putLong(f, MCONTEXT + 8 * 19, fault ? c.faultErrorCode : 0);
        putLong(f, MCONTEXT + 8 * 20, fault ? c.faultVector : 0);
        putLong(f, MCONTEXT + 8 * 21, oldMask);
        putLong(f, MCONTEXT + 8 * 22, fault ? c.faultAddress : 0);
        putLong(f, MCONTEXT + 8 * 23, fpstate);
        putLong(f, UC_SIGMASK, oldMask);
        writeSigInfo(f, SIGINFO, info);
        try {
            mem.writeBytes(fpstate, fx, 0, FXSAVE_SIZE);
            mem.writeBytes(frame, f, 0, FRAME_SIZE);
        } catch (PageFault e) {
            return false;
        }

        c.gpr[Cpu.RDI] = info.signo;
        c.gpr[Cpu.RSI] = frame + SIGINFO;
        c.gpr[Cpu.RDX] = frame + UC;
        c.gpr[Cpu.RAX] = 0;
        c.gpr[Cpu.RSP] = frame;
        c.rip = a.handler;
        c.setRflags(c.getRflags() & ~(0x400L | 0x100L)); // DF and TF clear in the handler
        t.suspendMask = -1;
        t.sigmask = (oldMask | a.mask | ((a.flags & SigAction.SA_NODEFER) != 0 ? 0
                : bit(info.signo))) & ~UNBLOCKABLE;
        if ((a.flags & SigAction.SA_RESETHAND) != 0) {
            a.handler = SigAction.SIG_DFL;
            a.flags &= ~SigAction.SA_SIGINFO;
        }
        return true;
    }

    private static boolean onAltStack(Task t, long sp) {
        return t.altStackFlags == 0 && sp > t.altStackBase
                && sp <= t.altStackBase + t.altStackSize;
    }

    static void writeSigInfo(byte[] f, int at, SigInfo info) {
        putInt(f, at, info.signo);
        putInt(f, at + 8, info.code);
        if (info.address != 0 || info.code == SigInfo.SI_KERNEL && info.pid == 0) {
            putLong(f, at + 16, info.address);
        } else {
            putInt(f, at + 16, info.pid);
            putInt(f, at + 20, info.uid);
            if (info.code == SigInfo.SI_QUEUE || info.code == SigInfo.SI_TIMER) {
                putLong(f, at + 24, info.value);
            } else {
                putInt(f, at + 24, info.status);
            }
        }
    }

    /** rt_sigreturn: restores what {@link #setupFrame} saved. Returns the restored RAX. */
    static long sigreturn(Microkernel k, Task t) {
        Cpu c = t.cpu;
        AddressSpace mem = t.process.mm.space;
        long frame = c.gpr[Cpu.RSP] - 8;
        byte[] f = new byte[FRAME_SIZE];
        byte[] fx = new byte[FXSAVE_SIZE];
        long fpstate;
        try {
            mem.readBytes(frame, f, 0, FRAME_SIZE);
            fpstate = getLong(f, MCONTEXT + 8 * 23);
            if (fpstate != 0) {
                mem.readBytes(fpstate, fx, 0, FXSAVE_SIZE);
            }
        } catch (PageFault e) {
            k.killProcess(t.process, Signal.SIGSEGV, "rt_sigreturn with a bad frame at 0x"
                    + Long.toHexString(frame));
            return 0;
        }
        if (fpstate != 0) {
            try {
                c.fxrstor(fx);
            } catch (IllegalArgumentException e) {
                k.killProcess(t.process, Signal.SIGSEGV, "rt_sigreturn: " + e.getMessage());
                return 0;
            }
        }
        for (int r = 0; r < GREG_ORDER.length; r++) {
            c.gpr[GREG_ORDER[r]] = getLong(f, MCONTEXT + 8 * r);
        }
        c.rip = getLong(f, MCONTEXT + 8 * 16);
        long flags = getLong(f, MCONTEXT + 8 * 17);
        c.setRflags((c.getRflags() & ~FIX_EFLAGS) | (flags & FIX_EFLAGS));
        t.sigmask = getLong(f, UC_SIGMASK) & ~UNBLOCKABLE;
        return c.gpr[Cpu.RAX];
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}

package dev.splitvisor.kernel;

/** One signal's disposition, as rt_sigaction reads and writes it. */
final class SigAction {
    static final long SIG_DFL = 0, SIG_IGN = 1;
    static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4,
            SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
            SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000L;

    long handler;
    long flags;
    long restorer;
    long mask;

    SigAction copy() {
        SigAction a = new SigAction();
        a.handler = handler;
        a.flags = flags;
        a.restorer = restorer;
        a.mask = mask;
        return a;
    }
}

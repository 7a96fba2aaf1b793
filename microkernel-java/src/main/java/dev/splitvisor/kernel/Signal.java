package dev.splitvisor.kernel;

import dev.splitvisor.cpu.GuestFault;

/** Linux signal numbers (x86-64), their default actions, and the signal of each CPU exception. */
public final class Signal {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5,
            SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11,
            SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18,
            SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGWINCH = 28;

    private static final String[] NAMES = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL",
        "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
        "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
        "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
        "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private Signal() {
    }

    /** The signal Linux sends for an exception vector. */
    public static int forVector(int vector) {
        switch (vector) {
            case GuestFault.DE: case GuestFault.MF: case GuestFault.XM: return SIGFPE;
            case GuestFault.UD: return SIGILL;
            case GuestFault.BP: case GuestFault.DB: return SIGTRAP;
            case GuestFault.AC: return SIGBUS;
            default: return SIGSEGV;
        }
    }

    /** The si_code Linux gives a fault: SEGV_MAPERR/ACCERR, FPE_INTDIV, ILL_ILLOPN... */
    static int faultCode(int vector, int errorCode) {
        switch (vector) {
            case GuestFault.PF: return (errorCode & 1) != 0 ? 2 : 1; // SEGV_ACCERR : MAPERR
            case GuestFault.DE: return 1; // FPE_INTDIV
            case GuestFault.UD: return 2; // ILL_ILLOPN
            case GuestFault.GP: return SigInfo.SI_KERNEL;
            default: return SigInfo.SI_KERNEL;
        }
    }

    /** True when the default action is to ignore the signal (or to stop or continue). */
    static boolean defaultIgnores(int sig) {
        return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT
                || sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
    }

    /** The signal's name, for example "SIGSEGV". */
    public static String name(int sig) {
        return sig > 0 && sig < NAMES.length ? NAMES[sig] : "signal " + sig;
    }
}

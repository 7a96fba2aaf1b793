package dev.splitvisor.kernel;

import dev.splitvisor.cpu.GuestFault;

/** Linux signal numbers (x86-64) and the signal each CPU exception becomes. */
public final class Signal {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5,
            SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11,
            SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17;

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

    /** The signal's name, for example "SIGSEGV". */
    public static String name(int sig) {
        String[] names = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE",
            "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD"};
        return sig > 0 && sig < names.length ? names[sig] : "signal " + sig;
    }
}

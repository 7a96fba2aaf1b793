package dev.splitvisor.kernel;

/** What a handler's siginfo_t says about a signal: who sent it or which fault raised it. */
final class SigInfo {
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2,
            SI_TKILL = -6;
    static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

    final int signo;
    final int code;
    int pid;
    int uid;
    /** SIGCHLD: the exit status or signal. */
    int status;
    /** Faults: the address. */
    long address;
    /** sigqueue: the value sent along. */
    long value;
    /** The next queued instance of the same real-time signal. */
    SigInfo next;

    SigInfo(int signo, int code) {
        this.signo = signo;
        this.code = code;
    }
}

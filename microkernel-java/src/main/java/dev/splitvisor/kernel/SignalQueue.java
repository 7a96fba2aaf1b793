package dev.splitvisor.kernel;

/**
 * Pending signals of a thread or a process: a bit per signal, with the siginfo of each. A
 * standard signal (below 32) is pending at most once; real-time signals queue in order.
 */
final class SignalQueue {
    static final int SIGRTMIN = 32;

    long bits;
    private final SigInfo[] heads = new SigInfo[65];

    /** Queues {@code info}; false when a standard signal of that number is already pending. */
    boolean add(SigInfo info) {
        int sig = info.signo;
        long bit = SignalDelivery.bit(sig);
        if ((bits & bit) != 0 && sig < SIGRTMIN) {
            return false;
        }
        bits |= bit;
        if (heads[sig] == null) {
            heads[sig] = info;
        } else {
            SigInfo last = heads[sig];
            while (last.next != null) {
                last = last.next;
            }
            last.next = info;
        }
        return true;
    }

    /** Takes the oldest pending instance of {@code sig}. */
    SigInfo take(int sig) {
        SigInfo info = heads[sig];
        if (info == null) {
            bits &= ~SignalDelivery.bit(sig);
            return new SigInfo(sig, SigInfo.SI_USER);
        }
        heads[sig] = info.next;
        info.next = null;
        if (heads[sig] == null) {
            bits &= ~SignalDelivery.bit(sig);
        }
        return info;
    }

    /** Forgets every pending instance of {@code sig}. */
    void discard(int sig) {
        heads[sig] = null;
        bits &= ~SignalDelivery.bit(sig);
    }
}

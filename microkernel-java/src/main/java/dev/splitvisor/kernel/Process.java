package dev.splitvisor.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A guest process (a thread group): its memory image, descriptors, signal dispositions,
 * working directory, children and, once it has ended, the status its parent collects.
 */
final class Process {
    final int pid;
    Process parent;
    int pgid;
    int sid;
    Mm mm;
    FdTable files;
    /** Dispositions by signal number, shared with CLONE_SIGHAND children. */
    SigAction[] actions;
    /** The working directory: a system-VM handle of the directory. */
    int cwdHandle;
    int umask = 022;
    /** The signal sent to the parent when this process ends (SIGCHLD for fork). */
    int exitSignal;
    final List<Task> threads = new ArrayList<>();
    final List<Process> children = new ArrayList<>();
    /** Signals sent to the process as a whole, for any of its threads that does not block them. */
    final SignalQueue pending = new SignalQueue();
    /** ITIMER_REAL: when SIGALRM is due (kernel clock; Long.MAX_VALUE when disarmed). */
    long alarmDeadline = Long.MAX_VALUE;
    long alarmInterval;
    /** argv, for /proc/self/cmdline and the name in traces. */
    List<String> argv;
    /** The environment execve gave, for /proc/self/environ. */
    List<String> env;

    boolean zombie;
    /** The wait status a parent's wait4 sees (exit code << 8, or the signal number). */
    int waitStatus;
    /** True when an exit_group or a fatal signal is taking the process down. */
    boolean exiting;
    /** The parent task blocked in vfork until this child execs or exits; or null. */
    Task vforkParent;
    long userNanos;

    Process(int pid, Process parent) {
        this.pid = pid;
        this.parent = parent;
        this.pgid = parent == null ? pid : parent.pgid;
        this.sid = parent == null ? pid : parent.sid;
    }

    static SigAction[] defaultActions() {
        SigAction[] a = new SigAction[65];
        for (int s = 1; s < a.length; s++) {
            a[s] = new SigAction();
        }
        return a;
    }

    static SigAction[] copyActions(SigAction[] from) {
        SigAction[] a = new SigAction[65];
        for (int s = 1; s < a.length; s++) {
            a[s] = from[s].copy();
        }
        return a;
    }

    /** The living threads. */
    int liveThreads() {
        int n = 0;
        for (Task t : threads) {
            if (t.state != Task.DEAD) {
                n++;
            }
        }
        return n;
    }
}

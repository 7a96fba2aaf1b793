package dev.splitvisor.kernel;

import dev.splitvisor.cpu.Cpu;

/**
 * One guest thread: its vCPU register state, its signal mask and pending signals, and why it
 * waits when it waits. All of a user VM's tasks take turns on the VM's one virtual CPU; a
 * waiting task holds no host thread.
 */
final class Task {
    /** Scheduling states. */
    static final int RUNNABLE = 0, WAITING = 1, DEAD = 2;

    /**
     * How a waiting task resumes. RETRY: the system call is executed again (I/O, wait4, poll);
     * COMPLETE: the waker stores the result (futex, sleep); VFORK: like COMPLETE, but no
     * signal interrupts it (the parent of a vfork waits for its child's execve or exit).
     */
    static final int RETRY = 0, COMPLETE = 1, VFORK = 2;

    final int tid;
    Process process;
    Cpu cpu;
    int state = RUNNABLE;

    long sigmask;
    final SignalQueue pending = new SignalQueue();
    /** The signals an rt_sigtimedwait waits for (0 when not in one). */
    long sigwaitSet;
    /** Mask to restore after the handler that rt_sigsuspend waited for; -1 when none. */
    long suspendMask = -1;
    long altStackBase;
    long altStackSize;
    int altStackFlags = SignalDelivery.SS_DISABLE;

    /** The name PR_SET_NAME gave the thread, or null for the program's name. */
    String comm;
    long clearChildTid;
    long robustList;

    // Why the task waits.
    int waitMode;
    /** Event counts seen when it parked: the system VM's and the kernel's. */
    long portEventsSeen;
    long kernelEventsSeen;
    /** When the wait ends by itself (kernel clock, nanoseconds); Long.MAX_VALUE for never. */
    long deadline = Long.MAX_VALUE;
    /** The result a COMPLETE wait yields at its deadline. */
    long timeoutResult;
    /** The futex word a futex wait sleeps on (address in its space), and the wake bitset. */
    long futexAddress;
    int futexBitset;
    /** A signal with an SA_RESTART handler restarts the waiting call (not so poll, sleeps). */
    boolean restartable;
    /** Bytes a blocking write has already moved before it parked to wait for room. */
    long ioDone;
    /** True while a RETRY wait's system call runs again (so it keeps its first deadline). */
    boolean retrying;
    /** The deadline a retried call keeps. */
    long retryDeadline;

    Task(int tid, Process process, Cpu cpu) {
        this.tid = tid;
        this.process = process;
        this.cpu = cpu;
    }

    boolean waiting() {
        return state == WAITING;
    }
}

package dev.splitvisor.kernel;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.cpu.CpuEnvironment;
import dev.splitvisor.cpu.GuestFault;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.MemoryLimitExceeded;
import dev.splitvisor.mmu.MemoryQuota;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The kernel of one user VM: its processes and threads, which take turns on the VM's one
 * virtual CPU (preempted after {@link KernelOptions#quantum} instructions), the Linux system
 * calls they make ({@link LinuxSyscalls}), the signals they get, and the waits they sit in.
 * All I/O goes to the tenant's system VM through one {@link HypercallPort}.
 *
 * <p>Waiting never holds a host thread: a task that must wait is parked (see {@link Task}) and
 * the scheduler runs another; when every task waits, the VM's host thread sleeps until the
 * system VM reports an event or the nearest timeout comes. The state here is plain data, so a
 * user VM can later be frozen and cloned.
 */
public final class Microkernel {
    /** What a system-call handler returns when it has parked the calling task. */
    static final long PARKED = Long.MIN_VALUE;
    /** What a handler returns when it has set the registers itself (execve, rt_sigreturn). */
    static final long NO_RESULT = Long.MIN_VALUE + 1;
    /** Highest pid handed out before the numbers wrap (pid_max's default). */
    private static final int PID_MAX = 32768;
    /** Living processes a user VM may hold (RLIMIT_NPROC); fork beyond it fails with EAGAIN. */
    static final int MAX_PROCESSES = 512;
    private static final long IDLE_WAIT_NANOS = 100_000_000L;

    /** The system VM's port behind the kernel's own files ({@link KernelFiles}). */
    final HypercallPort port;
    /** The open /proc files the kernel answers itself; the first stop of every request. */
    final KernelFiles kernelFiles;
    /** The request entry this kernel reuses for every hypercall it makes. */
    final HypercallRequest request = new HypercallRequest();
    final KernelOptions options;
    final SplittableRandom random;
    final MemoryQuota quota;
    final CpuEnvironment cpuEnvironment;
    final Handles handles;
    final Futexes futexes = new Futexes();

    final Map<Integer, Process> processes = new HashMap<>();
    final Map<Integer, Task> tasks = new HashMap<>();
    private final ArrayDeque<Task> runQueue = new ArrayDeque<>();
    private final List<Task> waiting = new ArrayList<>();
    private int lastPid;
    /** Moves whenever a process changes state (exit, stop): what wait4 waits for. */
    long kernelEvents;
    /** The earliest ITIMER_REAL deadline of any process. */
    private long nextAlarm = Long.MAX_VALUE;
    private Process init;
    /** Instructions retired by every vCPU context of this VM. */
    private long retired;
    /** Virtual time skipped while every task slept (deterministic mode). */
    private long idleSkip;
    private final long startNanos = System.nanoTime();
    final long startEpochNanos;

    private boolean ended;
    private int exitStatus;
    private int termSignal;
    private String termReason;

    private Microkernel(HypercallPort port, KernelOptions options) {
        this.kernelFiles = new KernelFiles(port, this);
        this.port = kernelFiles;
        this.options = options;
        this.random = new SplittableRandom(options.deterministic ? options.seed
                : new SecureRandom().nextLong());
        this.quota = new MemoryQuota(options.memoryLimit);
        this.cpuEnvironment = options.deterministic ? CpuEnvironment.deterministic(options.seed)
                : CpuEnvironment.host();
        this.handles = new Handles(this.port);
        java.time.Instant now = java.time.Instant.now();
        this.startEpochNanos = options.deterministic ? KernelOptions.DETERMINISTIC_EPOCH_NANOS
                : now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Creates a user VM whose first process runs {@code image} (found at the guest path
     * {@code exePath}) with {@code argv} and {@code env}, its I/O going through {@code port}.
     * Handles 0, 1 and 2 of the port become descriptors 0, 1 and 2.
     */
    public static Microkernel boot(ElfImage image, String exePath, List<String> argv,
            List<String> env, HypercallPort port, KernelOptions options)
            throws ElfFormatException {
        Microkernel k = new Microkernel(port, options);
        Process p = k.newProcess(null);
        p.files = new FdTable();
        for (int fd = 0; fd < 3; fd++) {
            p.files.install(fd, fd, false);
            k.handles.retain(fd);
        }
        p.actions = Process.defaultActions();
        p.exitSignal = Signal.SIGCHLD;
        p.cwdHandle = Exec.openDirectory(k, options.cwd);
        if (p.cwdHandle < 0) {
            throw new ElfFormatException("working directory not found in the guest: "
                    + options.cwd);
        }
        k.handles.retain(p.cwdHandle);
        Exec.Image loaded = Exec.load(k, image, exePath, argv, env);
        p.argv = List.copyOf(argv);
        p.env = List.copyOf(env);
        Task t = k.newTask(p, new Cpu(loaded.mm.space, k.cpuEnvironment));
        Exec.install(k, t, loaded);
        k.init = p;
        return k;
    }

    /** Boots a static program whose guest path is its file name (tests, tools). */
    public static Microkernel boot(ElfImage image, List<String> argv, List<String> env,
            HypercallPort port, KernelOptions options) throws ElfFormatException {
        return boot(image, image.name, argv, env, port, options);
    }

    // ---------------------------------------------------------------- public view

    /** The first thread's vCPU of the first process, for inspection. */
    public Cpu cpu() {
        return init.threads.get(0).cpu;
    }

    /** Instructions retired by all threads of all processes so far. */
    public long instructionsRetired() {
        return retired;
    }

    /** True once the VM's first process has ended (every other process goes with it). */
    public boolean exited() {
        return ended;
    }

    /** The exit status a shell sees: the code, or 128 + the signal. */
    public int exitStatus() {
        return termSignal != 0 ? 128 + termSignal : exitStatus;
    }

    /** The signal that killed the first process, or 0. */
    public int terminatingSignal() {
        return termSignal;
    }

    /** One line saying why the first process was killed by a fault, or null. */
    public String terminationReason() {
        return termReason;
    }

    /** Processes living now (zombies included). */
    public int processCount() {
        return processes.size();
    }

    // ---------------------------------------------------------------- running

    /** Runs the VM until its first process ends; returns that process's exit status. */
    public int runToExit() {
        while (runSlice(Long.MAX_VALUE / 4)) {
            // runSlice returns only when the VM has ended for such a budget
        }
        return exitStatus();
    }

    /**
     * Runs about {@code budget} instructions over the VM's tasks, handling their system calls,
     * faults and signals. Returns false once the VM has ended.
     */
    public boolean runSlice(long budget) {
        long end = retired + budget;
        while (!ended && retired < end) {
            Task t = nextTask();
            if (t != null) {
                runTask(t, Math.min(options.quantum, end - retired));
            }
        }
        return !ended;
    }

    private Task nextTask() {
        wakeWaiters();
        Task t = runQueue.pollFirst();
        if (t != null || ended) {
            return t;
        }
        if (waiting.isEmpty()) {
            endVm(); // nothing left that could ever run
            return null;
        }
        idle();
        return null;
    }

    private void runTask(Task t, long quantum) {
        long used = 0;
        while (t.state == Task.RUNNABLE && used < quantum && !ended) {
            SignalDelivery.deliver(this, t);
            if (t.state != Task.RUNNABLE) {
                return;
            }
            Cpu c = t.cpu;
            long before = c.retired;
            int why;
            try {
                why = c.run(quantum - used);
            } catch (MemoryLimitExceeded e) {
                retired += c.retired - before;
                killProcess(t.process, Signal.SIGKILL, e.getMessage());
                return;
            } catch (dev.splitvisor.mmu.PageFault e) {
                // The vCPU reports faults as EXIT_FAULT; one that escapes it still ends only
                // this guest.
                retired += c.retired - before;
                SigInfo info = new SigInfo(Signal.SIGSEGV, 1);
                info.address = e.address;
                SignalDelivery.force(this, t, info, "page fault at 0x"
                        + Long.toHexString(e.address) + " (rip 0x" + Long.toHexString(c.rip) + ")");
                continue;
            }
            used += c.retired - before;
            retired += c.retired - before;
            switch (why) {
                case Cpu.EXIT_SYSCALL: LinuxSyscalls.dispatch(this, t); break;
                case Cpu.EXIT_FAULT: onFault(t); break;
                case Cpu.EXIT_INTERRUPT: onInterrupt(t); break;
                case Cpu.EXIT_BUDGET: break;
                default: killProcess(t.process, Signal.SIGSEGV, "unexpected vCPU exit " + why);
            }
        }
        if (t.state == Task.RUNNABLE) {
            runQueue.addLast(t);
        }
    }

    /** Fires due interval timers, then wakes tasks whose event came or deadline passed. */
    private void wakeWaiters() {
        long now = now();
        if (nextAlarm <= now) {
            fireAlarms(now);
        }
        if (waiting.isEmpty()) {
            return;
        }
        long portEvents = port.eventCount();
        for (int i = waiting.size() - 1; i >= 0; i--) {
            Task t = waiting.get(i);
            boolean due = now >= t.deadline;
            if (t.waitMode == Task.RETRY) {
                if (due || portEvents != t.portEventsSeen || kernelEvents != t.kernelEventsSeen) {
                    wake(t, 0);
                }
            } else if (due && t.waitMode == Task.COMPLETE) {
                wake(t, t.timeoutResult);
            }
        }
    }

    /** Sends SIGALRM to every process whose ITIMER_REAL is due, and rearms interval timers. */
    private void fireAlarms(long now) {
        nextAlarm = Long.MAX_VALUE;
        for (Process p : new ArrayList<>(processes.values())) {
            if (p.alarmDeadline <= now) {
                p.alarmDeadline = p.alarmInterval > 0 ? now + p.alarmInterval : Long.MAX_VALUE;
                SigInfo info = new SigInfo(Signal.SIGALRM, SigInfo.SI_KERNEL);
                SignalDelivery.sendToProcess(this, p, info);
            }
            nextAlarm = Math.min(nextAlarm, p.alarmDeadline);
        }
    }

    /** Arms (or with {@code deadline} Long.MAX_VALUE disarms) {@code p}'s ITIMER_REAL. */
    void setAlarm(Process p, long deadline, long interval) {
        p.alarmDeadline = deadline;
        p.alarmInterval = interval;
        nextAlarm = Math.min(nextAlarm, deadline);
    }

    /** When every task waits: sleep until an event, or skip virtual time to the deadline. */
    private void idle() {
        long next = nextAlarm;
        for (Task t : waiting) {
            next = Math.min(next, t.deadline);
        }
        long seen = port.eventCount();
        long now = now();
        if (options.deterministic && next != Long.MAX_VALUE) {
            idleSkip += Math.max(0, next - now);
            return;
        }
        long wait = next == Long.MAX_VALUE ? IDLE_WAIT_NANOS : Math.min(IDLE_WAIT_NANOS,
                next - now);
        try {
            port.awaitEvent(seen, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killProcess(init, Signal.SIGKILL, "host thread interrupted");
        }
    }

    /** The kernel clock in nanoseconds since boot: real, or instructions under --deterministic. */
    long now() {
        return options.deterministic ? retired + idleSkip : System.nanoTime() - startNanos;
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Parks {@code t}: RETRY runs the system call again when the system VM or the kernel
     * reports an event or at {@code deadline}; COMPLETE resumes with the result a waker
     * stores, or {@code timeoutResult} at the deadline. Returns {@link #PARKED}.
     */
    long park(Task t, int mode, long deadline, long timeoutResult) {
        t.state = Task.WAITING;
        t.waitMode = mode;
        t.kernelEventsSeen = kernelEvents;
        t.deadline = deadline;
        t.timeoutResult = timeoutResult;
        waiting.add(t);
        return PARKED;
    }

    /** Ends {@code t}'s wait; a COMPLETE wait returns {@code result} from its system call. */
    void wake(Task t, long result) {
        if (t.state != Task.WAITING) {
            return;
        }
        waiting.remove(t);
        t.futexAddress = 0;
        t.state = Task.RUNNABLE;
        t.retrying = t.waitMode == Task.RETRY;
        if (t.waitMode == Task.COMPLETE) {
            t.cpu.gpr[Cpu.RAX] = result;
        }
        t.deadline = Long.MAX_VALUE;
        runQueue.addLast(t);
    }

    /**
     * A signal arrived for a waiting task: its system call ends with EINTR, or (RETRY with
     * {@code restart}) runs again after the handler.
     */
    void interrupt(Task t, boolean restart) {
        if (t.state != Task.WAITING || t.waitMode == Task.VFORK) {
            return;
        }
        int mode = t.waitMode;
        wake(t, -dev.splitvisor.hypercall.Errno.EINTR);
        t.retrying = false;
        if (mode == Task.RETRY && (!restart || t.ioDone > 0)) {
            // A write that moved some bytes returns their count, never EINTR.
            t.cpu.rip += LinuxSyscalls.SYSCALL_LENGTH;
            t.cpu.gpr[Cpu.RAX] = t.ioDone > 0 ? t.ioDone : -dev.splitvisor.hypercall.Errno.EINTR;
            t.ioDone = 0;
        }
    }

    // ---------------------------------------------------------------- processes and tasks

    /** A new process with the next free pid, or null when the VM holds too many. */
    Process newProcess(Process parent) {
        if (processes.size() >= MAX_PROCESSES) {
            return null;
        }
        int pid = lastPid;
        do {
            pid = pid >= PID_MAX ? 2 : pid + 1;
        } while (processes.containsKey(pid) || tasks.containsKey(pid));
        lastPid = pid;
        Process p = new Process(pid, parent);
        processes.put(pid, p);
        if (parent != null) {
            parent.children.add(p);
        }
        return p;
    }

    /** A new thread of {@code p}; the first thread of a process takes the process's pid. */
    Task newTask(Process p, Cpu cpu) {
        int tid = p.threads.isEmpty() ? p.pid : newTid();
        Task t = new Task(tid, p, cpu);
        p.threads.add(t);
        tasks.put(tid, t);
        runQueue.addLast(t);
        return t;
    }

    private int newTid() {
        int tid = lastPid;
        do {
            tid = tid >= PID_MAX ? 2 : tid + 1;
        } while (processes.containsKey(tid) || tasks.containsKey(tid));
        lastPid = tid;
        return tid;
    }

    /** Ends one thread (exit); the process ends with its last thread. */
    void exitTask(Task t, int code) {
        retireTask(t);
        Process p = t.process;
        if (p.liveThreads() == 0) {
            finishProcess(p, (code & 0xFF) << 8, null);
        }
    }

    /** Ends a thread that another thread's execve replaces. */
    void discardTask(Task t) {
        t.clearChildTid = 0;
        retireTask(t);
    }

    private void retireTask(Task t) {
        if (t.state == Task.DEAD) {
            return;
        }
        if (t.state == Task.WAITING) {
            waiting.remove(t);
        }
        runQueue.remove(t);
        t.state = Task.DEAD;
        tasks.remove(t.tid);
        if (t.clearChildTid != 0 && t.process.mm != null && !t.process.exiting) {
            try {
                t.process.mm.space.write32(t.clearChildTid, 0);
                futexes.wake(this, t.process.mm.space, t.clearChildTid, 1, -1);
            } catch (RuntimeException e) {
                // an unmapped clear_child_tid word is ignored, as Linux does
            }
        }
    }

    /** Ends every thread of {@code p} with {@code code} (exit_group). */
    void exitGroup(Process p, int code) {
        endProcess(p, (code & 0xFF) << 8, null);
    }

    /** Kills {@code p} by {@code signal}'s default action; {@code why} explains a fault. */
    void killProcess(Process p, int signal, String why) {
        endProcess(p, signal & 0x7F, why == null ? null : Signal.name(signal) + ": " + why);
    }

    private void endProcess(Process p, int waitStatus, String reason) {
        if (p.zombie) {
            return;
        }
        p.exiting = true;
        for (Task t : new ArrayList<>(p.threads)) {
            retireTask(t);
        }
        finishProcess(p, waitStatus, reason);
    }

    /** The last thread has gone: release the image and descriptors, tell the parent. */
    private void finishProcess(Process p, int waitStatus, String reason) {
        p.zombie = true;
        p.exiting = true;
        p.waitStatus = waitStatus;
        MemoryCalls.writeBackShared(this, p);
        releaseMm(p);
        releaseFiles(p);
        handles.release(p.cwdHandle);
        if (p.vforkParent != null) {
            wake(p.vforkParent, p.pid);
            p.vforkParent = null;
        }
        for (Process c : p.children) {
            c.parent = init != null && init != p ? init : null;
            if (c.parent != null) {
                init.children.add(c);
            }
        }
        p.children.clear();
        kernelEvents++;
        if (p == init) {
            endVm(waitStatus, reason);
            return;
        }
        notifyParent(p);
    }

    private void notifyParent(Process p) {
        Process parent = p.parent;
        if (parent == null || parent.zombie) {
            reap(p);
            return;
        }
        SigAction chld = parent.actions[Signal.SIGCHLD];
        boolean autoReap = chld.handler == SigAction.SIG_IGN
                || (chld.flags & SigAction.SA_NOCLDWAIT) != 0;
        if (p.exitSignal != 0) {
            SigInfo info = new SigInfo(p.exitSignal, (p.waitStatus & 0x7F) != 0
                    ? SigInfo.CLD_KILLED : SigInfo.CLD_EXITED);
            info.pid = p.pid;
            info.status = (p.waitStatus & 0x7F) != 0 ? p.waitStatus & 0x7F
                    : (p.waitStatus >> 8) & 0xFF;
            SignalDelivery.sendToProcess(this, parent, info);
        }
        if (autoReap) {
            reap(p);
        }
    }

    /** Forgets a zombie whose status has been collected. */
    void reap(Process p) {
        processes.remove(p.pid);
        if (p.parent != null) {
            p.parent.children.remove(p);
        }
    }

    void releaseMm(Process p) {
        Mm mm = p.mm;
        if (mm == null) {
            return;
        }
        p.mm = null;
        if (--mm.users == 0) {
            mm.space.clear();
        }
    }

    private void releaseFiles(Process p) {
        FdTable files = p.files;
        if (files == null) {
            return;
        }
        p.files = null;
        if (--files.users > 0) {
            return;
        }
        for (int fd = 0; fd < files.limit(); fd++) {
            int h = files.remove(fd);
            if (h >= 0) {
                handles.release(h);
            }
        }
    }

    /** The VM ends with its first process: every other process goes too. */
    private void endVm(int waitStatus, String reason) {
        ended = true;
        termSignal = waitStatus & 0x7F;
        exitStatus = (waitStatus >> 8) & 0xFF;
        termReason = reason == null && termSignal != 0 ? Signal.name(termSignal) : reason;
        for (Process p : new ArrayList<>(processes.values())) {
            if (!p.zombie) {
                endProcess(p, Signal.SIGKILL, null);
            }
        }
        runQueue.clear();
        waiting.clear();
        port.detach();
    }

    private void endVm() {
        if (!ended) {
            endVm(init.zombie ? init.waitStatus : Signal.SIGKILL, init.zombie ? null
                    : "every thread waits for something that can never come (deadlock)");
        }
    }

    // ---------------------------------------------------------------- faults

    private void onFault(Task t) {
        Cpu c = t.cpu;
        int sig = Signal.forVector(c.faultVector);
        int code = Signal.faultCode(c.faultVector, c.faultErrorCode);
        Mm mm = t.process.mm;
        if (c.faultVector == GuestFault.PF && mm.map.areaAt(c.faultAddress) != null
                && !mm.space.isMapped(c.faultAddress)) {
            sig = Signal.SIGBUS; // a file mapping's page past the end of its file
            code = 2; // BUS_ADRERR
        }
        SigInfo info = new SigInfo(sig, code);
        info.address = c.faultVector == GuestFault.PF ? c.faultAddress : c.rip;
        String what = GuestFault.mnemonic(c.faultVector) + (c.faultVector == GuestFault.PF
                ? String.format(" (address 0x%x)", c.faultAddress) : "")
                + String.format(" at rip 0x%x", c.rip);
        SignalDelivery.force(this, t, info, what);
    }

    private void onInterrupt(Task t) {
        Cpu c = t.cpu;
        if (c.exitDetail == 3 || c.exitDetail == 1) {
            SigInfo info = new SigInfo(Signal.SIGTRAP, SigInfo.SI_KERNEL);
            SignalDelivery.force(this, t, info, "breakpoint trap at rip 0x"
                    + Long.toHexString(c.rip));
        } else {
            // INT n with a vector the IDT does not open to user mode: #GP, so SIGSEGV.
            SigInfo info = new SigInfo(Signal.SIGSEGV, SigInfo.SI_KERNEL);
            SignalDelivery.force(this, t, info, "INT 0x" + Integer.toHexString(c.exitDetail)
                    + " at rip 0x" + Long.toHexString(c.rip));
        }
    }

    /** Guest memory of {@code t}'s process. */
    static AddressSpace space(Task t) {
        return t.process.mm.space;
    }
}

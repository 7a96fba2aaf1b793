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
import java.util.List;
import java.util.SplittableRandom;

/**
 * The kernel of one user VM: it owns the process image (address space, memory map, break),
 * runs the vCPU in quanta, answers its system calls through {@link LinuxSyscalls}, forwards
 * all I/O to the tenant's system VM through a {@link HypercallPort}, and turns CPU exceptions
 * into the signal Linux would deliver.
 *
 * <p>Its state is plain data (no host threads or host resources are tied to it), so a user VM
 * can later be frozen and cloned.
 */
public final class Microkernel {
    /** The guest's process id. */
    public static final int PID = 1;

    final Cpu cpu;
    final AddressSpace space;
    final MemoryMap map;
    final HypercallPort port;
    /** The one request entry this VM's kernel reuses for every hypercall it makes. */
    final HypercallRequest request = new HypercallRequest();
    final KernelOptions options;
    final SplittableRandom random;
    long brkStart;
    long brk;

    private boolean exited;
    private int exitStatus;
    private int termSignal;
    private String termReason;

    private Microkernel(Cpu cpu, AddressSpace space, HypercallPort port, KernelOptions options) {
        this.cpu = cpu;
        this.space = space;
        this.map = new MemoryMap(space);
        this.port = port;
        this.options = options;
        this.random = new SplittableRandom(options.deterministic ? options.seed
                : new SecureRandom().nextLong());
    }

    /**
     * Creates a user VM process running {@code image} with {@code argv} and {@code env},
     * its I/O going through {@code port}.
     */
    public static Microkernel boot(ElfImage image, List<String> argv, List<String> env,
            HypercallPort port, KernelOptions options) throws ElfFormatException {
        AddressSpace space = new AddressSpace(new MemoryQuota(options.memoryLimit));
        CpuEnvironment env0 = options.deterministic ? CpuEnvironment.deterministic(options.seed)
                : CpuEnvironment.host();
        Cpu cpu = new Cpu(space, env0);
        Microkernel k = new Microkernel(cpu, space, port, options);
        byte[] random16 = new byte[16];
        k.random.nextBytes(random16);
        long hwcap = dev.splitvisor.cpu.Cpuid.hwcap();
        ElfLoader.Loaded loaded = ElfLoader.load(image, k.map, space, argv, env, random16, hwcap);
        cpu.rip = loaded.entry;
        cpu.gpr[Cpu.RSP] = loaded.stackPointer;
        k.brkStart = loaded.brk;
        k.brk = loaded.brk;
        return k;
    }

    /** The vCPU, for inspection and statistics. */
    public Cpu cpu() {
        return cpu;
    }

    /** True once the process has exited or been killed. */
    public boolean exited() {
        return exited;
    }

    /** The exit status a parent (or the shell) sees: the code, or 128 + the signal. */
    public int exitStatus() {
        return termSignal != 0 ? 128 + termSignal : exitStatus;
    }

    /** The signal that killed the process, or 0. */
    public int terminatingSignal() {
        return termSignal;
    }

    /** One line saying why the process was killed, or null when it exited by itself. */
    public String terminationReason() {
        return termReason;
    }

    /** Runs the process until it exits. Returns its exit status. */
    public int runToExit() {
        while (!exited) {
            runSlice(options.quantum);
        }
        return exitStatus();
    }

    /**
     * Runs about {@code budget} instructions, handling every system call and fault that
     * comes up meanwhile. Returns false once the process has ended.
     */
    public boolean runSlice(long budget) {
        long end = cpu.retired + budget;
        while (!exited && cpu.retired < end) {
            int why;
            try {
                why = cpu.run(end - cpu.retired);
            } catch (MemoryLimitExceeded e) {
                kill(Signal.SIGKILL, e.getMessage());
                break;
            }
            switch (why) {
                case Cpu.EXIT_SYSCALL: LinuxSyscalls.dispatch(this); break;
                case Cpu.EXIT_FAULT: onFault(); break;
                case Cpu.EXIT_INTERRUPT: onInterrupt(); break;
                case Cpu.EXIT_BUDGET: break;
                default: kill(Signal.SIGSEGV, "unexpected vCPU exit " + why); break;
            }
        }
        return !exited;
    }

    private void onFault() {
        int sig = Signal.forVector(cpu.faultVector);
        String where = String.format(" at rip 0x%x", cpu.rip);
        String what = GuestFault.mnemonic(cpu.faultVector)
                + (cpu.faultVector == GuestFault.PF ? String.format(" (address 0x%x)",
                        cpu.faultAddress) : "");
        kill(sig, what + where);
    }

    private void onInterrupt() {
        if (cpu.exitDetail == 3 || cpu.exitDetail == 1) {
            kill(Signal.SIGTRAP, "breakpoint trap at rip " + Long.toHexString(cpu.rip));
        } else {
            // INT n with a vector the IDT does not open to user mode: #GP, so SIGSEGV.
            kill(Signal.SIGSEGV, "INT 0x" + Integer.toHexString(cpu.exitDetail) + " at rip 0x"
                    + Long.toHexString(cpu.rip));
        }
    }

    /** Ends the process with {@code status} (exit, exit_group). */
    void exit(int status) {
        exited = true;
        exitStatus = status & 0xFF;
    }

    /** Ends the process by a signal's default action (no handlers yet: see QUIRKS). */
    void kill(int signal, String reason) {
        exited = true;
        termSignal = signal;
        termReason = Signal.name(signal) + ": " + reason;
    }
}

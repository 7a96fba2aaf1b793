/**
 * The microkernel of a user VM, in Java: it loads programs ({@link
 * dev.splitvisor.kernel.ElfImage}, {@link dev.splitvisor.kernel.ElfLoader}, {@code Exec}), runs
 * the VM's processes and threads on its one virtual CPU ({@link
 * dev.splitvisor.kernel.Microkernel}, {@code Process}, {@code Task}), answers their Linux
 * x86-64 system calls ({@code LinuxSyscalls}, a dispatch table of its own, with the calls by
 * area in {@code FileCalls}, {@code MemoryCalls}, {@code ProcessCalls}, {@code SignalCalls},
 * {@code TimeCalls}, {@code PollCalls} and {@code InfoCalls}), delivers signals
 * ({@code SignalDelivery}) and keeps futex queues ({@code Futexes}).
 *
 * <p>The split: every file, directory, pipe and terminal request is a hypercall to the
 * tenant's system VM, which owns open files, offsets, pipes and file systems. The kernel keeps
 * only descriptor tables (descriptor to system-VM handle, close-on-exec) and counts how many
 * descriptors name each handle ({@code Handles}), so an open file is shared across dup and
 * fork the way Linux shares it. The one exception is /proc, which describes processes rather
 * than files: {@code ProcFiles} answers its paths and {@code KernelFiles}, placed in front of
 * the port, answers requests on its open files, whose handles the system VM never gives out.
 *
 * <p>Waiting: a request that would wait completes with WOULD_BLOCK; the task parks and its
 * SYSCALL runs again after the next event. No host thread is ever tied to a guest thread.
 *
 * <p>Invariants: the kernel keeps no file data of its own (a /proc file's text is a snapshot
 * of kernel state); a guest fault or a bad system-call argument ends or fails that guest only
 * (a bad pointer gives EFAULT, a CPU exception the signal Linux would send); all state is
 * plain data, so a VM can be frozen and cloned.
 */
package dev.splitvisor.kernel;

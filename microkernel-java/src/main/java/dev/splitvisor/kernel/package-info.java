/**
 * The microkernel of a user VM, in Java: it loads the program
 * ({@link dev.splitvisor.kernel.ElfImage}, {@link dev.splitvisor.kernel.ElfLoader}), keeps its
 * memory map ({@link dev.splitvisor.kernel.MemoryMap}), runs its vCPU and answers its Linux
 * system calls ({@code LinuxSyscalls}, a table of its own), and forwards every I/O request to
 * the tenant's system VM as a hypercall.
 *
 * <p>Invariants: the kernel keeps no file data of its own; a guest fault or a bad system-call
 * argument ends or fails that guest only (a bad pointer gives EFAULT, a CPU exception the
 * signal Linux would send).
 */
package dev.splitvisor.kernel;

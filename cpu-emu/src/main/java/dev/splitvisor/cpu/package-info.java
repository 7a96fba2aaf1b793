/**
 * The x86-64 CPU core: architectural state ({@link dev.splitvisor.cpu.Cpu}), the decoder
 * ({@link dev.splitvisor.cpu.Decoder}, {@link dev.splitvisor.cpu.OpcodeTable}), the
 * decoded-block cache ({@code CodeCache}) and the interpreter, whose executors are one class
 * per instruction family ({@code AluOps}, {@code MovOps}, {@code BranchOps}, ...).
 *
 * <p>Design: each instruction is decoded once into a position-independent
 * {@link dev.splitvisor.cpu.Insn} kept with the frame that holds its bytes. A block follows the
 * not-taken path through Jcc and direct JMP within its page; {@code BlockLinker} folds the
 * JMPs away and fuses CMP/TEST with the Jcc behind them, and {@code BlockRunner} runs the
 * resulting entries in one method with one switch per entry. Arithmetic flags are lazy
 * ({@link dev.splitvisor.cpu.Flags}). Guest exceptions are precise: an executor checks and
 * loads everything before it stores anything, so a {@link dev.splitvisor.cpu.GuestFault} or a
 * page fault leaves the state as it was before the instruction, with RIP on it.
 *
 * <p>Port I/O: IN and OUT reach the {@link dev.splitvisor.cpu.IoPorts} a full-system machine
 * gives the CPU, and only when the machine has granted it I/O privilege; a user VM's CPU has
 * neither, so they raise #GP(0) as at CPL 3.
 *
 * <p>Performance contract: no allocation and no exception on the per-instruction path unless
 * the guest faults; a block lookup is a TLB hit plus one array index.
 */
package dev.splitvisor.cpu;

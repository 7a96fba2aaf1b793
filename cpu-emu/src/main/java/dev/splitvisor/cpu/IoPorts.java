package dev.splitvisor.cpu;

/**
 * The I/O port space a CPU reaches with IN and OUT: 65,536 byte-wide ports, accessed 1, 2 or 4
 * bytes at a time. A full-system machine gives its CPU one ({@link Cpu#ioPorts}), usually the
 * devices module's port bus; a user VM has none.
 *
 * <p>Calls come on the virtual CPU's thread, synchronously, in the middle of the IN or OUT that
 * caused them: the instruction completes when the call returns. The CPU has already checked
 * the I/O privilege, so an implementation sees only accesses the guest was allowed to make.
 */
public interface IoPorts {
    /**
     * Reads {@code size} bytes (1, 2 or 4) starting at {@code port} (0-0xFFFF). Only the low
     * {@code 8 * size} bits of the result are used; a port nobody decodes reads as all ones.
     */
    int in(int port, int size);

    /**
     * Writes {@code value}, {@code size} bytes (1, 2 or 4) wide and zero-extended to an int,
     * starting at {@code port} (0-0xFFFF). A write nobody decodes is dropped.
     */
    void out(int port, int size, int value);
}

package dev.splitvisor.devices;

/**
 * A device's registers in the I/O port space, as a {@link PortBus} reaches them: by offset from
 * the first port of the range the device was mapped at, so the same device works at any base
 * (COM1 at 0x3F8, COM2 at 0x2F8).
 *
 * <p>Calls come on the virtual CPU's thread, in the middle of the IN or OUT that caused them.
 */
public interface PortDevice {
    /**
     * Reads {@code size} bytes (1, 2 or 4) at {@code offset} within the device's range; only
     * the low {@code 8 * size} bits of the result are used.
     */
    int read(int offset, int size);

    /**
     * Writes {@code value} ({@code size} bytes, 1, 2 or 4, zero-extended to an int) at
     * {@code offset} within the device's range.
     */
    void write(int offset, int size, int value);
}

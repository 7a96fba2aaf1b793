/**
 * Emulated hardware for full-system guests, each device talking to a back end supplied from
 * outside. What exists: the I/O port space ({@link dev.splitvisor.devices.PortBus}, the CPU's
 * {@link dev.splitvisor.cpu.IoPorts}, mapping port ranges to
 * {@link dev.splitvisor.devices.PortDevice}s) and the hypercall doorbell at port 0x5EE0
 * ({@link dev.splitvisor.devices.HypercallDoorbellPort}). Still to come with the full-system
 * machine: 16550 UART, PIT, PIC, local APIC and IOAPIC, RTC, the debug-exit port and
 * virtio-mmio transports.
 *
 * <p>Invariants: a port no device claims reads as all ones and drops writes; a device sees
 * offsets within its own range. Device calls come on the virtual CPU's thread, inside the IN or
 * OUT, and only for code the machine granted I/O privilege ({@code Cpu.ioPrivileged}).
 *
 * <p>Performance contract: port I/O is off the interpreter's hot path; a bus lookup is a
 * binary search over a few ranges and allocates nothing.
 */
package dev.splitvisor.devices;

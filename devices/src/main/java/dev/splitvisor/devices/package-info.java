/**
 * Emulated hardware for full-system guests: 16550 UART, PIT, PIC, local APIC and IOAPIC, RTC,
 * the debug-exit port and virtio-mmio transports, each talking to a back end supplied from
 * outside. Not written yet: full-system mode comes after the user-VM path.
 */
package dev.splitvisor.devices;

/**
 * Full-system machines: a whole emulated PC whose guest kernel reaches its system VM through
 * the hypercall rings and the doorbell port. The machine itself (boot, physical memory,
 * interrupts) is a later piece of work; what is here today is the wiring that joins the parts
 * that already exist across modules the others may not use: {@link
 * dev.splitvisor.vmm.machine.DoorbellWiring} makes a ring's
 * {@link dev.splitvisor.hypercall.ring.Doorbell} the back end of the devices module's
 * {@link dev.splitvisor.devices.HypercallDoorbellPort}.
 */
package dev.splitvisor.vmm.machine;

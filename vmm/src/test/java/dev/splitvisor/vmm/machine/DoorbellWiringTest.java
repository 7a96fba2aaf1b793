package dev.splitvisor.vmm.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.cpu.CpuEnvironment;
import dev.splitvisor.devices.HypercallDoorbellPort;
import dev.splitvisor.devices.PortBus;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.Doorbell;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingLayout;
import dev.splitvisor.hypercall.ring.RingPort;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import dev.splitvisor.sysvm.SessionSpec;
import dev.splitvisor.sysvm.SystemVm;
import org.junit.jupiter.api.Test;

/**
 * A guest's OUT to the doorbell port, executed by the CPU with I/O privilege, reaches the ring
 * transport: a counting doorbell sees it, and a system VM's ring server finds the region queued.
 */
class DoorbellWiringTest {
    private static final long CODE = 0x400000;
    /** mov dx, 0x5ee0; mov eax, 1; out dx, eax */
    private static final byte[] RING = {0x66, (byte) 0xBA, (byte) 0xE0, 0x5E, (byte) 0xB8, 1, 0,
        0, 0, (byte) 0xEF};

    /** A CPU as a full-system machine would give its kernel: the bus and I/O privilege. */
    private static Cpu kernelCpu(PortBus bus) {
        AddressSpace mem = new AddressSpace();
        mem.map(CODE, 0x1000, Prot.READ | Prot.EXEC);
        mem.poke(CODE, RING, 0, RING.length);
        Cpu cpu = new Cpu(mem, CpuEnvironment.deterministic(1));
        cpu.ioPorts = bus;
        cpu.ioPrivileged = true;
        return cpu;
    }

    private static void ringFromGuest(Cpu cpu) {
        cpu.rip = CODE;
        assertEquals(Cpu.EXIT_BUDGET, cpu.run(3));
        assertEquals(CODE + RING.length, cpu.rip);
    }

    @Test
    void thePortIsTheOneTheAbiNames() {
        assertEquals(RingLayout.DOORBELL_PORT, HypercallDoorbellPort.PORT);
    }

    @Test
    void aGuestOutRingsADoorbell() {
        int[] rings = new int[1];
        Doorbell counting = new Doorbell() {
            @Override
            public void ring() {
                rings[0]++;
            }

            @Override
            public void close() {
            }
        };
        PortBus bus = new PortBus();
        DoorbellWiring.to(counting).mapOn(bus);
        Cpu cpu = kernelCpu(bus);
        ringFromGuest(cpu);
        ringFromGuest(cpu);
        assertEquals(2, rings[0]);
    }

    @Test
    void aGuestOutQueuesTheRegionOnItsSystemVm() {
        SystemVm vm = new SystemVm("t", RingConfig.DEFAULT.serverThreads(0));
        try {
            RingPort port = vm.attachRing(new SessionSpec());
            int ticket = port.submit(new HypercallRequest().set(Opcode.NOP, 0, null));
            assertTrue(ticket >= 0, "ticket " + ticket);
            assertFalse(vm.ringServer().serveOneTurn(), "submitted but not rung: not queued");

            PortBus bus = new PortBus();
            DoorbellWiring.to(port).mapOn(bus);
            ringFromGuest(kernelCpu(bus));

            assertTrue(vm.ringServer().serveOneTurn(), "the OUT queued the region");
            assertEquals(0, port.complete(ticket));
            assertEquals(1, vm.requestsServed());
        } finally {
            vm.close();
        }
    }
}

package dev.splitvisor.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.cpu.CpuEnvironment;
import dev.splitvisor.cpu.GuestFault;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The doorbell as a guest kernel meets it: guest code executed by the CPU, with a port bus and
 * I/O privilege as a full-system machine would give its kernel, and without them as a user VM
 * runs.
 */
class HypercallDoorbellPortTest {
    private static final long CODE = 0x400000;
    /**
     * mov dx, 0x5ee0; mov eax, 1; out dx, eax; mov eax, 2; out dx, eax; in al, 0x80;
     * in eax, dx
     */
    private static final byte[] RING_TWICE = bytes(0x66, 0xBA, 0xE0, 0x5E, 0xB8, 1, 0, 0, 0,
            0xEF, 0xB8, 2, 0, 0, 0, 0xEF, 0xE4, 0x80, 0xED);
    private static final long OUT_RIP = CODE + 9;
    private static final long END = CODE + RING_TWICE.length;

    private final AddressSpace mem = new AddressSpace();
    private final Cpu cpu = new Cpu(mem, CpuEnvironment.deterministic(1));
    private final List<Integer> rung = new ArrayList<>();
    private final PortBus bus = new PortBus();
    private final HypercallDoorbellPort doorbell = new HypercallDoorbellPort(rung::add)
            .mapOn(bus);

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) values[k];
        }
        return b;
    }

    /** Places {@code code} at CODE and single-steps it until RIP leaves it or it faults. */
    private int exec(byte[] code) {
        mem.map(CODE, 0x1000, Prot.READ | Prot.EXEC);
        mem.poke(CODE, code, 0, code.length);
        cpu.rip = CODE;
        int exit = Cpu.EXIT_BUDGET;
        while (exit == Cpu.EXIT_BUDGET && cpu.rip < CODE + code.length) {
            exit = cpu.step();
        }
        return exit;
    }

    @Test
    void eachGuestOutRingsTheBackEndOnce() {
        cpu.ioPorts = bus;
        cpu.ioPrivileged = true;
        assertEquals(Cpu.EXIT_BUDGET, exec(RING_TWICE));
        assertEquals(List.of(1, 2), rung, "one call per OUT, with the value written");
        assertEquals(2, doorbell.rings());
        assertEquals(0, cpu.gpr[Cpu.RAX], "IN EAX from the doorbell reads 0");
        assertEquals(END, cpu.rip);
    }

    @Test
    void anEmptyPortReadsAsOnesBesideTheDoorbell() {
        cpu.ioPorts = bus;
        cpu.ioPrivileged = true;
        cpu.gpr[Cpu.RAX] = 0x1234_5678_9ABC_DE00L;
        assertEquals(Cpu.EXIT_BUDGET, exec(bytes(0xE4, 0x80))); // in al, 0x80
        assertEquals(0x1234_5678_9ABC_DEFFL, cpu.gpr[Cpu.RAX]);
        assertTrue(rung.isEmpty());
    }

    @Test
    void withoutIoPrivilegeTheOutFaultsAndRingsNothing() {
        cpu.ioPorts = bus; // a user VM's CPU: the bus alone grants nothing
        assertEquals(Cpu.EXIT_FAULT, exec(RING_TWICE));
        assertEquals(GuestFault.GP, cpu.faultVector);
        assertEquals(0, cpu.faultErrorCode);
        assertEquals(OUT_RIP, cpu.rip, "RIP on the OUT");
        assertEquals(1, cpu.gpr[Cpu.RAX], "registers as the two MOVs left them");
        assertEquals(0x5EE0, cpu.gpr[Cpu.RDX]);
        assertEquals(2, cpu.retired);
        assertTrue(rung.isEmpty());
        assertEquals(0, doorbell.rings());
    }

    @Test
    void narrowOrMisplacedWritesRingNothing() {
        cpu.ioPorts = bus;
        cpu.ioPrivileged = true;
        // mov dx, 0x5ee0; out dx, al; out dx, ax; mov dx, 0x5ee2; out dx, eax
        exec(bytes(0x66, 0xBA, 0xE0, 0x5E, 0xEE, 0x66, 0xEF, 0x66, 0xBA, 0xE2, 0x5E, 0xEF));
        assertTrue(rung.isEmpty());
        assertEquals(3, doorbell.ignoredWrites());
        assertEquals(0, doorbell.read(0, 1));
        assertEquals(0, doorbell.read(2, 2));
    }
}

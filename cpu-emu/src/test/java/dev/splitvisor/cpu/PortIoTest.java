package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IN and OUT: every form and width reaches the port space with the right port, size and value
 * when the machine grants I/O privilege, and faults precisely with #GP(0) when it does not.
 */
class PortIoTest {
    /** mov dx, 0x5ee0; mov eax, 1; out dx, eax; in al, 0x80 */
    private static final String DOORBELL = "66 ba e0 5e  b8 01 00 00 00  ef  e4 80";

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;
    private final RecordingPorts ports = new RecordingPorts();

    /** Records every access; reads answer {@link #answer} or, by default, all ones. */
    private static final class RecordingPorts implements IoPorts {
        final List<String> log = new ArrayList<>();
        Integer answer;

        @Override
        public int in(int port, int size) {
            log.add(String.format("in %x/%d", port, size));
            return answer != null ? answer : -1;
        }

        @Override
        public void out(int port, int size, int value) {
            log.add(String.format("out %x/%d=%x", port, size, value));
        }
    }

    private void grant() {
        c.ioPorts = ports;
        c.ioPrivileged = true;
    }

    @Test
    void doorbellSequenceWritesThePortOnceAndReadsAnEmptyPortAsOnes() {
        grant();
        c.gpr[Cpu.RAX] = 0x1122_3344_5566_7788L;
        h.exec(DOORBELL);
        assertEquals(List.of("out 5ee0/4=1", "in 80/1"), ports.log);
        assertEquals(0xFF, c.gpr[Cpu.RAX], "AL from the empty port, the rest from MOV EAX");
        assertEquals(0x5EE0, c.gpr[Cpu.RDX] & 0xFFFF);
        assertEquals(CpuHarness.CODE + 12, c.rip);
        assertEquals(4, c.retired);
    }

    @Test
    void theRunLoopGivesTheSameResultAsSingleSteps() {
        grant();
        assertEquals(Cpu.EXIT_BUDGET, h.run(DOORBELL, 4));
        assertEquals(List.of("out 5ee0/4=1", "in 80/1"), ports.log);
        assertEquals(0xFF, c.gpr[Cpu.RAX]);
        assertEquals(CpuHarness.CODE + 12, c.rip);
        assertEquals(4, c.retired);
    }

    @Test
    void everyOutFormHasItsPortAndWidth() {
        grant();
        c.gpr[Cpu.RAX] = 0xAABB_CCDD_1234_5678L;
        c.gpr[Cpu.RDX] = 0xFFFF_0000_0000_03F8L; // only DX is the port
        h.exec("e6 70  66 e7 71  e7 f0  ee  66 ef  ef  48 ef  66 48 ef");
        assertEquals(List.of("out 70/1=78", "out 71/2=5678", "out f0/4=12345678",
                "out 3f8/1=78", "out 3f8/2=5678", "out 3f8/4=12345678",
                "out 3f8/4=12345678", "out 3f8/4=12345678"), ports.log);
        assertEquals(0xAABB_CCDD_1234_5678L, c.gpr[Cpu.RAX], "OUT changes no register");
    }

    @Test
    void inToAlAndAxMergesAndInToEaxZeroExtends() {
        grant();
        ports.answer = 0x8765_4321;
        c.gpr[Cpu.RDX] = 0x60;
        long before = 0x1122_3344_5566_7788L;
        c.gpr[Cpu.RAX] = before;
        h.exec("ec");
        assertEquals(0x1122_3344_5566_7721L, c.gpr[Cpu.RAX], "IN AL, DX");
        c.gpr[Cpu.RAX] = before;
        h.exec("66 e5 61");
        assertEquals(0x1122_3344_5566_4321L, c.gpr[Cpu.RAX], "IN AX, 0x61");
        c.gpr[Cpu.RAX] = before;
        h.exec("ed");
        assertEquals(0x8765_4321L, c.gpr[Cpu.RAX], "IN EAX, DX clears bits 63-32");
        c.gpr[Cpu.RAX] = before;
        h.exec("48 e5 62");
        assertEquals(0x8765_4321L, c.gpr[Cpu.RAX], "REX.W IN is still 32 bits");
        assertEquals(List.of("in 60/1", "in 61/2", "in 60/4", "in 62/4"), ports.log);
    }

    @Test
    void withoutAPortSpaceReadsAreAllOnesAndWritesAreDropped() {
        c.ioPrivileged = true;
        c.gpr[Cpu.RAX] = 0x1122_3344_5566_7788L;
        h.exec("e6 80  66 e5 80");
        assertEquals(0x1122_3344_5566_FFFFL, c.gpr[Cpu.RAX]);
        h.exec("ed");
        assertEquals(0xFFFF_FFFFL, c.gpr[Cpu.RAX]);
    }

    @Test
    void portIoLeavesTheFlagsAlone() {
        grant();
        c.setRflags(0x8D7);
        h.exec("e4 80  e6 80");
        assertEquals(0x8D7, c.getRflags());
    }

    @Test
    void withoutPrivilegeEveryFormFaultsBeforeTouchingAnything() {
        c.ioPorts = ports; // a port space alone grants nothing
        String[] forms = {"e4 80", "66 e5 80", "e5 80", "e6 80", "e7 80", "ec", "66 ed", "ed",
            "ee", "ef", "48 ef"};
        for (String form : forms) {
            long[] regs = {0x1122_3344_5566_7788L, 0, 0x5EE0};
            c.gpr[Cpu.RAX] = regs[0];
            c.gpr[Cpu.RCX] = regs[1];
            c.gpr[Cpu.RDX] = regs[2];
            c.setRflags(0x8D7);
            long retired = c.retired;
            assertEquals(Cpu.EXIT_FAULT, h.exec(form), form);
            assertEquals(GuestFault.GP, c.faultVector, form);
            assertEquals(0, c.faultErrorCode, form);
            assertEquals(CpuHarness.CODE, c.rip, form);
            assertArrayEquals(regs, new long[] {c.gpr[Cpu.RAX], c.gpr[Cpu.RCX],
                c.gpr[Cpu.RDX]}, form);
            assertEquals(0x8D7, c.getRflags(), form);
            assertEquals(retired, c.retired, form);
        }
        assertTrue(ports.log.isEmpty(), "no port was touched: " + ports.log);
    }

    @Test
    void anUnprivilegedOutInsideABlockFaultsOnItsOwnAddress() {
        c.ioPorts = ports;
        assertEquals(Cpu.EXIT_FAULT, h.run(DOORBELL, 100));
        assertEquals(GuestFault.GP, c.faultVector);
        assertEquals(CpuHarness.CODE + 9, c.rip, "RIP on the OUT");
        assertEquals(2, c.retired, "the two MOVs retired, the OUT did not");
        assertEquals(1, c.gpr[Cpu.RAX]);
        assertEquals(0x5EE0, c.gpr[Cpu.RDX]);
        assertTrue(ports.log.isEmpty());
    }

    @Test
    void insAndOutsStayGeneralProtectionWithoutPrivilege() {
        for (String form : new String[] {"6c", "6d", "6e", "6f", "f3 6e"}) {
            assertEquals(Cpu.EXIT_FAULT, h.exec(form), form);
            assertEquals(GuestFault.GP, c.faultVector, form);
        }
        grant();
        assertEquals(Cpu.EXIT_FAULT, h.exec("6e"));
        assertEquals(GuestFault.UD, c.faultVector, "OUTS is a documented gap when privileged");
        assertTrue(ports.log.isEmpty());
    }
}

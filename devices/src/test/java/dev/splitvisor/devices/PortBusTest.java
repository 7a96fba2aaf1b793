package dev.splitvisor.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port decoding: ranges, offsets, the empty bus and the mapping errors. */
class PortBusTest {
    /** Answers 0x100 + offset and records writes. */
    private static final class Registers implements PortDevice {
        final List<String> writes = new ArrayList<>();

        @Override
        public int read(int offset, int size) {
            return 0x100 + offset;
        }

        @Override
        public void write(int offset, int size, int value) {
            writes.add(offset + "/" + size + "=" + Integer.toHexString(value));
        }
    }

    @Test
    void anEmptyBusReadsAllOnesByWidthAndDropsWrites() {
        PortBus bus = new PortBus();
        assertEquals(0xFF, bus.in(0x80, 1));
        assertEquals(0xFFFF, bus.in(0x80, 2));
        assertEquals(0xFFFF_FFFF, bus.in(0xFFFF, 4));
        bus.out(0x80, 1, 0x12); // nothing to see, nothing to fail
        assertNull(bus.deviceAt(0x80));
    }

    @Test
    void aDeviceSeesOffsetsFromItsBase() {
        Registers com1 = new Registers();
        Registers com2 = new Registers();
        PortBus bus = new PortBus().map(0x3F8, 8, com1).map(0x2F8, 8, com2);
        assertEquals(0x100, bus.in(0x3F8, 1));
        assertEquals(0x107, bus.in(0x3FF, 1));
        assertEquals(0x105, bus.in(0x2FD, 1));
        assertEquals(0xFF, bus.in(0x400, 1), "one past COM1");
        assertEquals(0xFF, bus.in(0x3F7, 1), "one before COM1");
        bus.out(0x3FB, 1, 0x83);
        bus.out(0x2F8, 2, 0x1234);
        assertEquals(List.of("3/1=83"), com1.writes);
        assertEquals(List.of("0/2=1234"), com2.writes);
        assertSame(com2, bus.deviceAt(0x2FF));
    }

    @Test
    void aWideAccessGoesToTheDeviceOfItsFirstPort() {
        Registers dev = new Registers();
        PortBus bus = new PortBus().map(0x100, 2, dev);
        assertEquals(0x101, bus.in(0x101, 4), "runs past the range, still the device's");
        assertEquals(0xFFFF_FFFF, bus.in(0xFF, 4), "starts before the range: unclaimed");
    }

    @Test
    void overlappingAndOutOfRangeMappingsAreRejected() {
        PortBus bus = new PortBus().map(0x60, 1, new Registers()).map(0x64, 1, new Registers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bus.map(0x5E, 4, new Registers()));
        assertTrue(e.getMessage().contains("0x5e-0x61 overlap 0x60-0x60"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bus.map(0x64, 1, new Registers()));
        assertThrows(IllegalArgumentException.class, () -> bus.map(0xFFFF, 2, new Registers()));
        assertThrows(IllegalArgumentException.class, () -> bus.map(0x70, 0, new Registers()));
        bus.map(0x61, 3, new Registers()); // exactly the gap
        assertEquals(0x102, bus.in(0x63, 1));
    }
}

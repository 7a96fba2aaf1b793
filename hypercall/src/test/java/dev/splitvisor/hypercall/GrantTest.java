package dev.splitvisor.hypercall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-place transfers between a grant and a source or sink, piece by piece. */
class GrantTest {
    private static final long BASE = 0x40_0000L;

    /** A file of {@code size} bytes, byte i being (byte) i, that records the pieces it serves. */
    private static final class FakeFile implements Grant.Transfer {
        final byte[] data;
        final List<String> pieces = new ArrayList<>();

        FakeFile(int size) {
            data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) i;
            }
        }

        @Override
        public int move(byte[] array, int offset, int n, long pos) {
            pieces.add(offset + "+" + n + "@" + pos);
            int k = (int) Math.max(0, Math.min(n, data.length - pos));
            System.arraycopy(data, (int) pos, array, offset, k);
            return k;
        }
    }

    @Test
    void aFillAcrossPagesWritesEachPageInPlace() {
        AddressSpace space = new AddressSpace();
        space.map(BASE, 3 * 4096, Prot.READ | Prot.WRITE);
        FakeFile file = new FakeFile(10_000);
        Grant g = new Grant(space, BASE + 4000, 5000, true);
        assertEquals(5000, g.fill(100, new byte[64], file));
        assertEquals(List.of("4000+96@100", "0+4096@196", "0+808@4292"), file.pieces,
                "one piece per page, none through the staging buffer");
        byte[] back = new byte[5000];
        space.readBytes(BASE + 4000, back, 0, 5000);
        assertArrayEquals(Arrays.copyOfRange(file.data, 100, 5100), back);
    }

    @Test
    void aFillStopsShortAtTheEndOfTheData() {
        AddressSpace space = new AddressSpace();
        space.map(BASE, 2 * 4096, Prot.READ | Prot.WRITE);
        Grant g = new Grant(space, BASE, 8192, true);
        assertEquals(1000, g.fill(9000, new byte[64], new FakeFile(10_000)));
    }

    @Test
    void aPageTheGuestCannotWriteEndsTheFillWithWhatWasDone() {
        AddressSpace space = new AddressSpace();
        space.map(BASE, 4096, Prot.READ | Prot.WRITE);
        space.map(BASE + 4096, 4096, Prot.READ);
        FakeFile file = new FakeFile(10_000);
        assertEquals(96, new Grant(space, BASE + 4000, 5000, true).fill(0, null, file),
                "a short count up to the read-only page");
        assertEquals(-Errno.EFAULT, new Grant(space, BASE + 4096, 10, true).fill(0, null, file));
        assertEquals(-Errno.EFAULT, new Grant(space, BASE, 10, false).fill(0, null, file),
                "a grant lent for reading only is never stored into");
    }

    @Test
    void aSourceErrorIsTheResultOnlyWhenNothingMoved() {
        AddressSpace space = new AddressSpace();
        space.map(BASE, 2 * 4096, Prot.READ | Prot.WRITE);
        Grant g = new Grant(space, BASE + 4000, 200, true);
        assertEquals(-Errno.EIO, g.fill(0, null, (a, off, n, pos) -> -Errno.EIO));
        assertEquals(96, g.fill(0, null, (a, off, n, pos) -> pos == 0 ? n : -Errno.EIO));
    }

    @Test
    void aDrainReadsThePagesInPlaceAndStopsAtAShortTake() {
        AddressSpace space = new AddressSpace();
        space.map(BASE, 2 * 4096, Prot.READ | Prot.WRITE);
        byte[] text = new byte[6000];
        Arrays.fill(text, (byte) 'q');
        space.writeBytes(BASE + 1000, text, 0, text.length);
        List<Integer> taken = new ArrayList<>();
        Grant g = new Grant(space, BASE + 1000, 6000, false);
        assertEquals(6000, g.drain(0, null, (a, off, n, pos) -> {
            for (int i = 0; i < n; i++) {
                assertEquals('q', a[off + i]);
            }
            taken.add(n);
            return n;
        }));
        assertEquals(List.of(3096, 2904), taken);
        assertEquals(3096 + 10, g.drain(0, null, (a, off, n, pos) -> pos == 0 ? n : 10),
                "a sink that takes part (a full volume) ends the drain");
    }

    @Test
    void bufferAndRegionGrantsMoveToo() {
        byte[] buffer = new byte[300];
        FakeFile file = new FakeFile(1000);
        assertEquals(200, Grant.ofBuffer(buffer, 50, 200, true).fill(10, null, file));
        assertEquals(List.of("50+200@10"), file.pieces, "a kernel buffer is filled in place");
        assertEquals((byte) 10, buffer[50]);

        ByteBuffer region = ByteBuffer.allocateDirect(4096);
        Grant r = Grant.ofRegion(region, 100, 300, true);
        assertEquals(300, r.fill(0, new byte[128], new FakeFile(1000)),
                "a region's bytes are in no array: they pass through the staging buffer");
        assertEquals((byte) 299, region.get(399));
        int[] sum = {0};
        assertEquals(300, r.drain(0, new byte[128], (a, off, n, pos) -> {
            for (int i = 0; i < n; i++) {
                sum[0] += a[off + i] & 0xFF;
            }
            return n;
        }));
        int expected = 0;
        for (int i = 0; i < 300; i++) {
            expected += i & 0xFF;
        }
        assertEquals(expected, sum[0]);
    }
}

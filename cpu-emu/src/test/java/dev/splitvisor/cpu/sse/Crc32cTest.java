package dev.splitvisor.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cTest {
    /** What software does around the instruction: start at ~0, invert at the end. */
    private static int viaBytes(byte[] data) {
        int crc = -1;
        for (byte b : data) {
            crc = Crc32c.crc32u8(crc, b);
        }
        return ~crc;
    }

    @Test
    void checkValueOfTheCastagnoliCrc() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE306_9283, viaBytes(data));
    }

    @Test
    void everyWidthAgreesWithTheJdk() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[8 * (1 + random.nextInt(8))];
            random.nextBytes(data);
            CRC32C jdk = new CRC32C();
            jdk.update(data);
            ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            int c64 = -1;
            int c32 = -1;
            int c16 = -1;
            for (int i = 0; i < data.length; i += 8) {
                c64 = Crc32c.crc32u64(c64, le.getLong(i));
                c32 = Crc32c.crc32u32(Crc32c.crc32u32(c32, le.getInt(i)), le.getInt(i + 4));
                for (int k = 0; k < 8; k += 2) {
                    c16 = Crc32c.crc32u16(c16, le.getShort(i + k));
                }
            }
            assertEquals((int) jdk.getValue(), ~c64);
            assertEquals((int) jdk.getValue(), ~c32);
            assertEquals((int) jdk.getValue(), ~c16);
            assertEquals((int) jdk.getValue(), viaBytes(data));
        }
    }
}

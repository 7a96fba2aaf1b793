package dev.splitvisor.cpu.sse;

/**
 * The SSE4.2 CRC32 instruction: CRC-32C (Castagnoli, polynomial 0x1EDC6F41, bit-reflected as
 * 0x82F63B78) accumulated over an 8-, 16-, 32- or 64-bit source, least significant byte first.
 *
 * <p>Unlike the CRC-32C of iSCSI or java.util.zip.CRC32C, the instruction applies no initial
 * or final inversion: it maps the 32-bit accumulator and the source to the next accumulator,
 * and software does the inversions. Byte-at-a-time with one 256-entry table.
 *
 * <p>Hot path: no allocation.
 */
public final class Crc32c {
    /** The bit-reflected Castagnoli polynomial. */
    public static final int POLYNOMIAL_REFLECTED = 0x82F6_3B78;

    private static final int[] TABLE = buildTable();

    private Crc32c() {
    }

    /** CRC32 r32, r/m8. */
    public static int crc32u8(int crc, int src) {
        return TABLE[(crc ^ src) & 0xFF] ^ (crc >>> 8);
    }

    /** CRC32 r32, r/m16. */
    public static int crc32u16(int crc, int src) {
        return crc32u8(crc32u8(crc, src), src >>> 8);
    }

    /** CRC32 r32, r/m32. */
    public static int crc32u32(int crc, int src) {
        return crc32u16(crc32u16(crc, src), src >>> 16);
    }

    /** CRC32 r64, r/m64: the result is zero-extended into the 64-bit destination. */
    public static int crc32u64(int crc, long src) {
        return crc32u32(crc32u32(crc, (int) src), (int) (src >>> 32));
    }

    private static int[] buildTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL_REFLECTED : c >>> 1;
            }
            table[i] = c;
        }
        return table;
    }
}

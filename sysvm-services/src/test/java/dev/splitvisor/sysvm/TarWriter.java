package dev.splitvisor.sysvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds tar archives for tests, header by header (ustar, with GNU long names and pax
 * records on request), so the tests need no host tar and can also build damaged archives.
 */
final class TarWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** The mtime every header gets, seconds. */
    static final long MTIME = 1_700_000_000L;

    TarWriter file(String name, String content) {
        return file(name, content, 0644);
    }

    TarWriter file(String name, String content, int mode) {
        return entry(name, '0', mode, "", content.getBytes(StandardCharsets.UTF_8));
    }

    TarWriter file(String name, byte[] content, int mode) {
        return entry(name, '0', mode, "", content);
    }

    TarWriter dir(String name, int mode) {
        return entry(name, '5', mode, "", new byte[0]);
    }

    TarWriter symlink(String name, String target) {
        return entry(name, '2', 0777, target, new byte[0]);
    }

    TarWriter hardLink(String name, String target) {
        return entry(name, '1', 0644, target, new byte[0]);
    }

    TarWriter fifo(String name) {
        return entry(name, '6', 0644, "", new byte[0]);
    }

    /** A GNU long-name ('L') or long-link ('K') entry for the next member. */
    TarWriter gnuLong(char type, String text) {
        byte[] b = (text + "\0").getBytes(StandardCharsets.UTF_8);
        return entry("././@LongLink", type, 0644, "", b);
    }

    /** A pax extended header ('x') holding {@code keyValues} ("key=value" each). */
    TarWriter pax(String... keyValues) {
        StringBuilder body = new StringBuilder();
        for (String kv : keyValues) {
            String rec = " " + kv + "\n";
            int len = rec.getBytes(StandardCharsets.UTF_8).length;
            int total = len + String.valueOf(len).length();
            if (String.valueOf(total).length() != String.valueOf(len).length()) {
                total++;
            }
            body.append(total).append(rec);
        }
        return entry("PaxHeaders/x", 'x', 0644, "", body.toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Any member: the header (name cut to 100 bytes, as the caller intends) and its data. */
    TarWriter entry(String name, char type, int mode, String link, byte[] data) {
        out.writeBytes(header(name, type, mode, link, data.length));
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    /** Appends raw bytes (a damaged header, for instance). */
    TarWriter raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    static byte[] header(String name, char type, int mode, String link, long size) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        put(h, 100, 8, octal(mode, 7));
        put(h, 108, 8, octal(1000, 7));
        put(h, 116, 8, octal(100, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(MTIME, 11));
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "user");
        put(h, 297, 32, "group");
        sign(h);
        return h;
    }

    /** Writes the checksum field of {@code h} for its current bytes. */
    static void sign(byte[] h) {
        for (int k = 148; k < 156; k++) {
            h[k] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 7, octal(sum, 6));
    }

    private static String octal(long v, int width) {
        StringBuilder s = new StringBuilder(Long.toOctalString(v));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(len, b.length));
    }

    /** The archive with its two zero end blocks. */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toByteArray());
        all.writeBytes(new byte[1024]);
        return all.toByteArray();
    }

    /** The archive without end blocks (for damaging). */
    byte[] unfinished() {
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    Path writeGzip(Path file) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
            gz.write(bytes());
        }
        Files.write(file, z.toByteArray());
        return file;
    }
}

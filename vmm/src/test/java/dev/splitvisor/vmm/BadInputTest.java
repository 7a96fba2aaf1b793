package dev.splitvisor.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `splitvisor run` on things that are not programs: one line naming the problem, non-zero. */
class BadInputTest {
    @TempDir
    Path dir;

    /** Runs the CLI, returning {status, stderr}. */
    private static Object[] cli(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Main.execute(args);
            return new Object[] {status, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(saved);
        }
    }

    private static void assertOneLineError(Object[] r, String expectedPart) {
        String err = (String) r[1];
        assertNotEquals(0, r[0], err);
        assertEquals(1, err.strip().split("\n").length, "expected one line, got: " + err);
        assertTrue(err.contains(expectedPart), err);
    }

    @Test
    void missingFile() {
        assertOneLineError(cli("run", dir.resolve("nope").toString()), "no such file");
    }

    @Test
    void directory() {
        assertOneLineError(cli("run", dir.toString()), "is a directory");
    }

    @Test
    void textFile() throws Exception {
        Path p = Files.writeString(dir.resolve("hello.txt"), "hello world\n");
        assertOneLineError(cli("run", p.toString()),
                "not an ELF file: " + p + " (magic 0x6c6c6568)");
    }

    @Test
    void thirtyTwoBitElf() throws Exception {
        byte[] b = elfHeader();
        b[4] = 1;
        assertOneLineError(cli("run", Files.write(dir.resolve("i386"), b).toString()),
                "not a 64-bit ELF");
    }

    @Test
    void armElf() throws Exception {
        byte[] b = elfHeader();
        b[18] = (byte) 183; // EM_AARCH64
        assertOneLineError(cli("run", Files.write(dir.resolve("arm64"), b).toString()),
                "not an x86-64 ELF");
    }

    @Test
    void truncatedElf() throws Exception {
        byte[] real = Files.readAllBytes(Path.of("../testsuite/guest/bin/hello.musl"));
        Path p = Files.write(dir.resolve("cut"), Arrays.copyOf(real, 2000));
        assertOneLineError(cli("run", p.toString()), "truncated ELF file");
        Path tiny = Files.write(dir.resolve("tiny"), Arrays.copyOf(real, 40));
        assertOneLineError(cli("run", tiny.toString()), "truncated ELF file");
    }

    @Test
    void unknownOptionPrintsUsage() {
        Object[] r = cli("run", "--no-such-option", "x");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("Unknown option: '--no-such-option'"), (String) r[1]);
        assertTrue(((String) r[1]).contains("Usage: splitvisor run"), (String) r[1]);
    }

    @Test
    void unknownTransport() {
        Object[] r = cli("run", "--transport", "pigeon", "../testsuite/guest/bin/hello");
        assertOneLineError(r, "unknown --transport value: pigeon (supported: direct, rings)");
        assertEquals(2, r[0]);
    }

    @Test
    void rootThatIsNeitherADirectoryNorATarArchive() throws Exception {
        String hello = "../testsuite/guest/bin/hello";
        Object[] r = cli("run", "--root", dir.resolve("nope").toString(), hello);
        assertOneLineError(r, "--root: no such directory or tar archive: " + dir.resolve("nope"));
        assertEquals(2, r[0]);
        Path text = Files.writeString(dir.resolve("notes.tar"), "not really a tar\n");
        r = cli("run", "--root", dir.toString(), "--root", text.toString(), hello);
        assertOneLineError(r, "--root: neither a directory nor a tar archive: " + text);
        assertEquals(2, r[0]);
    }

    @Test
    void damagedTarRootFailsTheStartInOneLine() throws Exception {
        byte[] header = new byte[512];
        byte[] name = "big".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, header, 0, name.length);
        put(header, 100, "0000644");
        put(header, 124, "00000010000"); // 4096 bytes that the archive does not hold
        header[156] = '0';
        put(header, 148, "        ");
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        Path tar = Files.write(dir.resolve("cut.tar"), header);
        Object[] r = cli("run", "--root", tar.toString(), "../testsuite/guest/bin/hello");
        assertOneLineError(r, "bad tar image " + tar + ": member big claims 4096 bytes");
    }

    private static void put(byte[] b, int off, String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, off, t.length);
    }

    private static byte[] elfHeader() {
        byte[] b = new byte[64];
        b[0] = 0x7F;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        b[4] = 2;
        b[5] = 1;
        b[6] = 1;
        b[16] = 2;
        b[18] = 62;
        return b;
    }
}

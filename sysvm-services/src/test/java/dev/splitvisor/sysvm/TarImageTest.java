package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tar archive (plain or gzip) as the read-only root: members, formats, damage. */
class TarImageTest {
    private static final int S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000;

    @TempDir
    Path dir;

    private static GuestCalls session(Path root) {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec().rootDir(root)));
    }

    private static TarWriter sample() {
        return new TarWriter()
                .file("usr/bin/tool", "#!tool\n", 0755) // its directories are only implied
                .dir("etc/", 0700)
                .file("./etc/motd", "hello from the image\n")
                .symlink("bin", "usr/bin")
                .file("/abs/file", "absolute names land inside the image\n")
                .hardLink("etc/motd.again", "etc/motd")
                .fifo("run/fifo")
                .entry("run/null", '3', 0666, "", new byte[0]);
    }

    @Test
    void membersImpliedDirectoriesLinksAndAttributes() throws Exception {
        GuestCalls g = session(sample().write(dir.resolve("image.tar")));
        List<String> names = g.list("/");
        assertEquals(List.of(".", "..", "usr", "etc", "bin", "abs", "run"), names.subList(0, 7));
        assertEquals(Set.of("tmp", "dev", "proc"), Set.copyOf(names.subList(7, 10)));
        assertEquals("#!tool\n", g.slurp("/bin/tool"));
        assertEquals("hello from the image\n", g.slurp("/etc/motd"));
        assertEquals("absolute names land inside the image\n", g.slurp("/abs/file"));
        assertEquals("usr/bin", g.readlink("/bin"));

        ByteBuffer etc = g.stat("/etc", AT_SYMLINK_NOFOLLOW);
        assertEquals(S_IFDIR | 0700, mode(etc));
        assertEquals(S_IFDIR | 0755, mode(g.stat("/usr/bin", 0)));
        ByteBuffer tool = g.stat("/usr/bin/tool", 0);
        assertEquals(S_IFREG | 0755, mode(tool));
        assertEquals(7, size(tool));
        assertEquals(1000, tool.getInt(28)); // uid as stored
        assertEquals(100, tool.getInt(32)); // gid
        assertEquals(TarWriter.MTIME, tool.getLong(88)); // st_mtime seconds
        assertEquals(S_IFLNK | 0777, mode(g.stat("/bin", AT_SYMLINK_NOFOLLOW)));
        assertEquals(7, size(g.stat("/bin", AT_SYMLINK_NOFOLLOW)));

        ByteBuffer motd = g.stat("/etc/motd", 0);
        ByteBuffer again = g.stat("/etc/motd.again", 0);
        assertEquals(ino(motd), ino(again));
        assertEquals(2, motd.getLong(16)); // st_nlink
        assertEquals(motd.getLong(0), tool.getLong(0)); // one st_dev for the image
        assertNotEquals(motd.getLong(0), g.stat("/tmp", 0).getLong(0));
        assertEquals(3, g.stat("/usr", 0).getLong(16)); // 2 + its subdirectory

        assertEquals(0x1000 | 0644, mode(g.stat("/run/fifo", 0)));
        assertEquals(-Errno.ENXIO, g.open("/run/fifo", O_RDONLY));
        assertEquals(0x2000 | 0666, mode(g.stat("/run/null", 0)));
        assertEquals(-Errno.ENXIO, g.open("/run/null", O_RDWR)); // never the host's device
    }

    @Test
    void readsAtOffsetsOfAPlainAndAGzipArchive() throws Exception {
        byte[] big = new byte[200_000];
        for (int k = 0; k < big.length; k++) {
            big[k] = (byte) ('a' + k % 26);
        }
        TarWriter w = new TarWriter().file("small", "x").file("big", big, 0644).file("z", "z");
        for (Path image : List.of(w.write(dir.resolve("plain.tar")),
                w.writeGzip(dir.resolve("packed.bin")))) { // named .bin: the magic decides
            GuestCalls g = session(image);
            long h = g.open("/big", O_RDONLY);
            assertEquals(new String(big, 150_000, 100, "US-ASCII"), g.read(h, 100, 150_000));
            assertEquals(new String(big, 199_990, 10, "US-ASCII"), g.read(h, 100, 199_990));
            assertEquals("", g.read(h, 100, 200_000));
            assertEquals(200_000, size(g.fstat(h)));
            assertEquals("z", g.slurp("/z"));
            assertEquals("x", g.slurp("/small"));
        }
    }

    @Test
    void gnuAndPaxLongNamesAndTheUstarPrefix() throws Exception {
        String deep = "d".repeat(90) + "/" + "e".repeat(90) + "/file";
        String paxName = "p".repeat(120) + "/" + "q".repeat(120) + "/pax-file";
        String longTarget = "/" + "t".repeat(150);
        byte[] prefixed = TarWriter.header("name-part", '0', 0644, "", 3);
        System.arraycopy("prefix/dir".getBytes(), 0, prefixed, 345, 10);
        TarWriter.sign(prefixed);
        TarWriter w = new TarWriter()
                .gnuLong('L', deep).file("cut-short", "gnu")
                .pax("path=" + paxName, "mtime=1600000000.5", "uid=7").file("cut-too", "pax")
                .gnuLong('K', longTarget).symlink("gnu-link", "ignored")
                .pax("linkpath=" + longTarget + "/pax").symlink("pax-link", "ignored")
                .raw(prefixed).raw("abc".getBytes()).raw(new byte[509])
                .file("after", "after");
        GuestCalls g = session(w.write(dir.resolve("long.tar")));
        assertEquals("gnu", g.slurp("/" + deep));
        assertEquals("pax", g.slurp("/" + paxName));
        ByteBuffer st = g.stat("/" + paxName, 0);
        assertEquals(1_600_000_000L, st.getLong(88));
        assertEquals(500_000_000L, st.getLong(96));
        assertEquals(7, st.getInt(28));
        assertEquals(1000, g.stat("/" + deep, 0).getInt(28)); // pax applied to one member only
        assertEquals(longTarget, g.readlink("/gnu-link"));
        assertEquals(longTarget + "/pax", g.readlink("/pax-link"));
        assertEquals("abc", g.slurp("/prefix/dir/name-part"));
        assertEquals("after", g.slurp("/after"));
        assertEquals("errno -" + Errno.ENOENT, g.slurp("/cut-short"));
    }

    @Test
    void archivesOfTheHostTarInEveryFormat() throws Exception {
        Path tar = Path.of("/usr/bin/tar");
        assumeTrue(Files.isExecutable(tar), "no GNU tar on this host");
        Path src = Files.createDirectories(dir.resolve("src"));
        String longDir = "l".repeat(120) + "/" + "m".repeat(120);
        Files.createDirectories(src.resolve(longDir));
        Files.writeString(src.resolve(longDir + "/f"), "long");
        Files.writeString(src.resolve("h1"), "linked");
        Files.createLink(src.resolve("h2"), src.resolve("h1"));
        Files.createSymbolicLink(src.resolve("s"), Path.of("h1"));
        for (String format : List.of("gnu", "pax", "ustar", "v7", "oldgnu")) {
            boolean longOk = !format.equals("v7") && !format.equals("ustar");
            Path out = dir.resolve(format + ".tgz");
            List<String> cmd = new ArrayList<>(List.of(tar.toString(), "-C",
                    src.toString(), "--format=" + format, "-czf", out.toString(), "h1", "h2",
                    "s"));
            if (longOk) {
                cmd.add("l".repeat(120));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), format + ": " + said);
            GuestCalls g = session(out);
            assertEquals("linked", g.slurp("/h2"), format);
            assertEquals("linked", g.slurp("/s"), format);
            assertEquals(ino(g.stat("/h1", 0)), ino(g.stat("/h2", 0)), format);
            if (longOk) {
                assertEquals("long", g.slurp("/" + longDir + "/f"), format);
            }
        }
    }

    @Test
    void everyChangeIsErofs() throws Exception {
        GuestCalls g = session(sample().write(dir.resolve("image.tar")));
        assertEquals(-Errno.EROFS, g.open(-1, "/etc/new", O_CREAT | O_WRONLY, 0644));
        assertEquals(-Errno.EROFS, g.open("/etc/motd", O_WRONLY));
        assertEquals(-Errno.EROFS, g.open("/etc/motd", O_RDWR | O_TRUNC));
        assertEquals(-Errno.EROFS, g.mkdir("/etc/d"));
        assertEquals(-Errno.EROFS, g.unlink("/etc/motd", 0));
        assertEquals(-Errno.EROFS, g.rename("/etc/motd", "/etc/m", 0));
        assertEquals(-Errno.EROFS, g.symlink("x", "/l"));
        assertEquals(-Errno.EROFS, g.link("/etc/motd", "/etc/m"));
        assertEquals(-Errno.EROFS, g.call(Opcode.CHMOD, -1, null, 0777, 0, "/etc/motd"));
        assertEquals(-Errno.EROFS, g.call(Opcode.ACCESS, -1, null, 2, 0, "/etc/motd"));
        assertEquals(-Errno.EROFS, g.call(Opcode.UTIMENS, -1, null, 0, 0, "/etc/motd"));
        assertEquals(0, g.put("/tmp/scratch", "ok")); // /tmp stays writable over an image
        assertEquals(List.of(".", ".."), g.list("/proc")); // never the host's /proc
    }

    @Test
    void laterMembersReplaceEarlierOnes() throws Exception {
        GuestCalls g = session(new TarWriter().file("a", "first").file("a", "second")
                .file("d/x", "x").dir("d", 0711).write(dir.resolve("twice.tar")));
        assertEquals("second", g.slurp("/a"));
        assertEquals(S_IFDIR | 0711, mode(g.stat("/d", 0)));
        assertEquals("x", g.slurp("/d/x"));
    }

    @Test
    void damagedArchivesFailTheMountInOneLine() throws Exception {
        byte[] good = new TarWriter().file("a", "content").bytes();
        byte[] badSum = new TarWriter().file("a", "content").file("b", "more").bytes();
        badSum[1024] = 'c'; // the second header's name
        assertMountFails(badSum, "header checksum mismatch");
        badSum[0] = 'b';
        assertMountFails(badSum, "neither a directory nor a tar archive");

        assertMountFails(Arrays.copyOf(good, 514), "past the end of the archive");
        assertMountFails(Arrays.copyOf(good, 300), "neither a directory nor a tar archive");
        byte[] cutHeader = new TarWriter().file("a", "x").file("b", "y").unfinished();
        assertMountFails(Arrays.copyOf(cutHeader, 1024 + 100), "truncated header");
        assertMountFails(new TarWriter().file("../escape", "x").bytes(), "climbs out");
        assertMountFails(new TarWriter().file("a/../../b", "x").bytes(), "climbs out");
        assertMountFails(new TarWriter().hardLink("b", "missing").bytes(), "no earlier member");
        assertMountFails(new TarWriter().file("f", "x").file("f/g", "y").bytes(),
                "not a directory in the image");
        byte[] badSize = TarWriter.header("a", '0', 0644, "", 0);
        System.arraycopy("12x".getBytes(), 0, badSize, 124, 3);
        TarWriter.sign(badSize);
        assertMountFails(new TarWriter().raw(badSize).bytes(), "bad octal size");
        assertMountFails(new TarWriter().pax("nonsense").file("a", "x").bytes(),
                "malformed pax record");
        assertMountFails("just some text\n".getBytes(), "neither a directory nor a tar");
        assertMountFails(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, "xz");
        assertMountFails(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}, "damaged gzip data");
    }

    private void assertMountFails(byte[] archive, String problem) throws Exception {
        Path file = Files.write(dir.resolve("bad.tar"), archive);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session(file));
        assertTrue(e.getMessage().contains(problem) && e.getMessage().contains("bad.tar")
                && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aGzipImagePastTheCapFailsTheMount() throws Exception {
        Path image = new TarWriter().file("big", new byte[8192], 0644)
                .writeGzip(dir.resolve("big.tgz"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TarImage.mount(image, 4096));
        assertEquals("tar image " + image + " inflates past 4096 bytes, the cap for gzip images"
                + " held in memory (use an uncompressed .tar)", e.getMessage());
        assertEquals(S_IFREG, TarImage.mount(image, 1 << 20).root().lookup("big").type());
    }

    @Test
    void missingPathsAndPlainFilesAreRefusedUpFront() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionSpec.checkRootLayer(dir.resolve("nope")));
        assertEquals("no such directory or tar archive: " + dir.resolve("nope"), e.getMessage());
        SessionSpec.checkRootLayer(dir);
        SessionSpec.checkRootLayer(sample().write(dir.resolve("ok.tar")));
    }
}

package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links, and the ways a guest might try to leave its namespace: "..", symlinks with
 * absolute or climbing targets, host symlinks planted in a volume, swapped directories.
 */
class LinksAndEscapesTest {
    @TempDir
    Path outside;
    @TempDir
    Path volume;

    private GuestCalls session() {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .mount(new Mount(volume, "/vol", false))));
    }

    @Test
    void symlinksResolveAndReadBack() {
        for (String base : new String[] {"/tmp", "/vol"}) {
            GuestCalls g = session();
            g.put(base + "/target", "T");
            assertEquals(0, g.symlink("target", base + "/rel"));
            assertEquals(0, g.symlink(base + "/target", base + "/abs"));
            assertEquals(-Errno.EEXIST, g.symlink("x", base + "/abs"));
            assertEquals("T", g.slurp(base + "/rel"));
            assertEquals("T", g.slurp(base + "/abs"));
            assertEquals("target", g.readlink(base + "/rel"));
            assertEquals("errno -" + Errno.EINVAL, g.readlink(base + "/target"));
            assertEquals(0120000, mode(g.stat(base + "/rel", AT_SYMLINK_NOFOLLOW)) & 0170000);
            assertEquals(0100000, mode(g.stat(base + "/rel", 0)) & 0170000);
            assertEquals(-Errno.ELOOP, g.open(base + "/rel", O_RDONLY | O_NOFOLLOW));
            long p = g.open(base + "/rel", O_PATH | O_NOFOLLOW);
            assertTrue(p >= 3);
            g.unlink(base + "/rel", 0);
            assertEquals("T", g.slurp(base + "/target"), "unlink removes the link only");
        }
    }

    @Test
    void linkLoopsEndInEloop() {
        GuestCalls g = session();
        g.symlink("b", "/tmp/a");
        g.symlink("a", "/tmp/b");
        assertEquals(-Errno.ELOOP, g.open("/tmp/a", O_RDONLY));
        String chain = "/tmp/l0";
        g.put("/tmp/end", "end");
        g.symlink("/tmp/end", "/tmp/l40");
        for (int k = 39; k >= 0; k--) {
            g.symlink("/tmp/l" + (k + 1), "/tmp/l" + k);
        }
        assertEquals("end", g.slurp("/tmp/l1"), "40 links are allowed");
        assertEquals(-Errno.ELOOP, g.open(chain, O_RDONLY), "41 are not");
    }

    @Test
    void creatingThroughADanglingLinkCreatesItsTarget() {
        GuestCalls g = session();
        g.symlink("made", "/tmp/dangling");
        long h = g.open(-1, "/tmp/dangling", O_CREAT | O_WRONLY, 0644);
        assertTrue(h >= 3);
        assertEquals(-Errno.EEXIST, g.open(-1, "/tmp/dangling", O_CREAT | O_EXCL | O_WRONLY,
                0644));
        assertTrue(g.list("/tmp").contains("made"));
    }

    @Test
    void anAbsoluteSymlinkInAVolumeResolvesInTheGuest() throws Exception {
        Files.writeString(outside.resolve("secret"), "host secret");
        GuestCalls g = session();
        String escape = "/.." + "/..".repeat(20) + outside + "/secret";
        g.symlink(escape, "/vol/escape");
        assertEquals("errno -" + Errno.ENOENT, g.slurp("/vol/escape"));
        g.symlink("/../../etc/passwd", "/vol/passwd");
        assertEquals(-Errno.ENOENT, g.open("/vol/passwd", O_RDONLY));
        g.mkdir("/etc");
        g.put("/etc/passwd", "guest passwd");
        assertEquals("guest passwd", g.slurp("/vol/passwd"));
    }

    @Test
    void dotDotAtAVolumeRootGoesToTheMountPointsParent() throws Exception {
        Files.writeString(volume.getParent().resolve("beside-volume"), "host file");
        GuestCalls g = session();
        assertEquals(-Errno.ENOENT, g.open("/vol/../beside-volume", O_RDONLY));
        long root = g.open("/vol/../..", O_RDONLY | O_DIRECTORY);
        assertEquals("/", g.getpath(root));
        g.symlink("../../../../beside-volume", "/vol/climb");
        assertEquals(-Errno.ENOENT, g.open("/vol/climb", O_RDONLY));
    }

    @Test
    void aHostSymlinkInsideAVolumeIsNotFollowedOnTheHost() throws Exception {
        Files.writeString(outside.resolve("secret"), "host secret");
        Files.createSymbolicLink(volume.resolve("planted"), outside.resolve("secret"));
        Files.createSymbolicLink(volume.resolve("planted-dir"), outside);
        GuestCalls g = session();
        assertEquals(-Errno.ENOENT, g.open("/vol/planted", O_RDONLY));
        assertEquals(-Errno.ENOENT, g.open("/vol/planted-dir/secret", O_RDONLY));
        assertEquals(outside + "/secret", g.readlink("/vol/planted"));
        assertEquals(-Errno.ENOENT, g.mkdir("/vol/planted-dir/new"));
        assertFalse(Files.exists(outside.resolve("new")));
    }

    @Test
    void aHandleOnASwappedDirectoryDoesNotFollowTheNewHostLink() throws Exception {
        Files.createDirectories(outside.resolve("etc"));
        Files.writeString(outside.resolve("etc/passwd"), "host secret");
        GuestCalls g = session();
        g.mkdir("/vol/a");
        g.mkdir("/vol/a/etc");
        long held = g.open("/vol/a/etc", O_RDONLY | O_DIRECTORY);
        assertEquals(0, g.rename("/vol/a", "/vol/moved", 0));
        // On the host, vol/a now points outside: a host-side walk of vol/a/etc would escape.
        assertEquals(0, g.symlink(outside.toString(), "/vol/a"));
        assertTrue(Files.isSymbolicLink(volume.resolve("a")));
        assertEquals(-Errno.ENOENT, g.open(held, "passwd", O_RDONLY, 0));
        assertEquals(-Errno.ENOENT, g.open(-1, "/vol/a/etc/passwd", O_RDONLY, 0));
        assertEquals(List.of("errno -" + Errno.ENOENT), listHeld(g, held));
        long f = g.open(held, "new", O_CREAT | O_WRONLY, 0644);
        assertEquals(-Errno.ENOENT, f);
        assertFalse(Files.exists(outside.resolve("etc/new")));
    }

    @Test
    void aHandleWhoseOwnDirectoryWasSwappedSeesNothingOutside() throws Exception {
        Files.writeString(outside.resolve("secret"), "host secret");
        GuestCalls g = session();
        g.mkdir("/vol/a");
        long held = g.open("/vol/a", O_RDONLY | O_DIRECTORY);
        assertEquals(0, g.rename("/vol/a", "/vol/moved", 0));
        assertEquals(0, g.symlink(outside.toString(), "/vol/a"));
        assertEquals(-Errno.ENOENT, g.open(held, "secret", O_RDONLY, 0));
        assertEquals(List.of("errno -" + Errno.ENOENT), listHeld(g, held));
        assertEquals(-Errno.ENOENT, g.mkdir("/vol/a/x"));
        assertFalse(Files.exists(outside.resolve("x")));
    }

    @Test
    void aMountInsideAnotherWritableMountCannotBeSwappedOut() throws Exception {
        Files.writeString(outside.resolve("secret"), "host secret");
        Files.createDirectories(volume.resolve("inner"));
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .mount(new Mount(volume, "/vol", false))
                .mount(new Mount(volume.resolve("inner"), "/inner", false))));
        assertEquals(0, g.put("/inner/f", "in"));
        assertEquals(0, g.rename("/vol/inner", "/vol/gone", 0));
        assertEquals(0, g.symlink(outside.toString(), "/vol/inner"));
        assertEquals(-Errno.ENOENT, g.open("/inner/secret", O_RDONLY));
        assertEquals(List.of("errno -" + Errno.ENOENT), g.list("/inner"));
    }

    private static List<String> listHeld(GuestCalls g, long h) {
        return g.list(h, 4096);
    }

    @Test
    void hardLinksCannotNameAFileOutsideTheVolume() throws Exception {
        Files.writeString(outside.resolve("secret"), "host secret");
        GuestCalls g = session();
        g.symlink(outside + "/secret", "/vol/s");
        assertEquals(0, g.link("/vol/s", "/vol/hard", 0), "links the symlink itself");
        assertEquals(-Errno.ENOENT, g.open("/vol/hard", O_RDONLY));
        assertEquals(-Errno.ENOENT, g.link("/vol/s", "/vol/hard2", 0x400 /* FOLLOW */));
    }
}

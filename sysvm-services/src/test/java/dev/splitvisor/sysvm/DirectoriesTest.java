package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mkdir, getdents, unlink, rmdir and rename, on tmpfs and on a host volume. */
class DirectoriesTest {
    @TempDir
    Path host;

    private GuestCalls session() {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .mount(new Mount(host, "/vol", false))));
    }

    @Test
    void theMemoryRootHoldsTmpDevProcAndMountPoints() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .mount(new Mount(host, "/srv/deep/vol", true))));
        assertEquals(Set.of(".", "..", "tmp", "dev", "proc", "srv"), new HashSet<>(g.list("/")));
        assertEquals(List.of(".", "..", "vol"), g.list("/srv/deep"));
        assertTrue(g.list("/dev").containsAll(List.of("null", "zero", "tty", "urandom")));
    }

    @Test
    void getdentsResumesAcrossSmallBuffersAndEndsWithZero() {
        for (String dir : new String[] {"/tmp", "/vol"}) {
            GuestCalls g = session();
            Set<String> made = new HashSet<>();
            for (int k = 0; k < 50; k++) {
                String name = "file-with-a-longish-name-" + k;
                g.put(dir + "/" + name, "x");
                made.add(name);
            }
            long h = g.open(dir, O_RDONLY | O_DIRECTORY);
            List<String> names = g.list(h, 100);
            assertEquals(52, names.size(), dir + ": " + names);
            assertEquals(List.of(".", ".."), names.subList(0, 2));
            assertEquals(made, new HashSet<>(names.subList(2, 52)));
            assertEquals(List.of(), g.list(h, 100), "at the end, getdents returns 0");
            assertEquals(0, g.seek(h, 0, 0));
            assertEquals(52, g.list(h, 4096).size(), "SEEK_SET 0 rewinds");
        }
    }

    @Test
    void getdentsRejectsABufferTooSmallForOneRecord() {
        GuestCalls g = session();
        long h = g.open("/tmp", O_RDONLY | O_DIRECTORY);
        byte[] b = new byte[10];
        assertEquals(-Errno.EINVAL, g.call(Opcode.GETDENTS, (int) h,
                Grant.ofBuffer(b, 0, 10, true), 0, 0, null));
        long f = g.open(-1, "/tmp/f", O_CREAT | O_RDWR, 0644);
        assertEquals(-Errno.ENOTDIR, g.call(Opcode.GETDENTS, (int) f,
                Grant.ofBuffer(new byte[100], 0, 100, true), 0, 0, null));
    }

    @Test
    void mkdirRmdirAndTheirErrors() {
        for (String base : new String[] {"/tmp", "/vol"}) {
            GuestCalls g = session();
            assertEquals(0, g.mkdir(base + "/a"));
            assertEquals(-Errno.EEXIST, g.mkdir(base + "/a"));
            assertEquals(-Errno.ENOENT, g.mkdir(base + "/x/y"));
            assertEquals(0, g.mkdir(base + "/a/b/"));
            g.put(base + "/a/b/f", "x");
            assertEquals(-Errno.ENOTEMPTY, g.unlink(base + "/a", AT_REMOVEDIR));
            assertEquals(-Errno.EISDIR, g.unlink(base + "/a", 0));
            assertEquals(-Errno.ENOTDIR, g.unlink(base + "/a/b/f", AT_REMOVEDIR));
            assertEquals(0, g.unlink(base + "/a/b/f", 0));
            assertEquals(-Errno.ENOENT, g.unlink(base + "/a/b/f", 0));
            assertEquals(-Errno.EINVAL, g.unlink(base + "/a/b/.", AT_REMOVEDIR));
            assertEquals(0, g.unlink(base + "/a/b", AT_REMOVEDIR));
            assertEquals(0, g.unlink(base + "/a", AT_REMOVEDIR));
            assertEquals(List.of(".", ".."), g.list(base));
        }
        assertFalse(Files.exists(host.resolve("a")));
    }

    @Test
    void mountPointsCannotBeRemovedOrRenamed() {
        GuestCalls g = session();
        assertEquals(-Errno.EBUSY, g.unlink("/vol", AT_REMOVEDIR));
        assertEquals(-Errno.EBUSY, g.rename("/vol", "/tmp/v", 0));
        assertEquals(-Errno.EBUSY, g.unlink("/", AT_REMOVEDIR));
    }

    @Test
    void renameReplacesAndChecksTypes() {
        for (String base : new String[] {"/tmp", "/vol"}) {
            GuestCalls g = session();
            g.put(base + "/a", "A");
            g.put(base + "/b", "B");
            assertEquals(-Errno.EEXIST, g.rename(base + "/a", base + "/b", 1));
            assertEquals(0, g.rename(base + "/a", base + "/b", 0));
            assertEquals("A", g.slurp(base + "/b"));
            assertEquals(-Errno.ENOENT, g.open(base + "/a", O_RDONLY));
            g.mkdir(base + "/d");
            g.mkdir(base + "/e");
            g.put(base + "/e/x", "x");
            assertEquals(-Errno.EISDIR, g.rename(base + "/b", base + "/d", 0));
            assertEquals(-Errno.ENOTDIR, g.rename(base + "/d", base + "/b", 0));
            assertEquals(-Errno.ENOTEMPTY, g.rename(base + "/d", base + "/e", 0));
            assertEquals(-Errno.EINVAL, g.rename(base + "/d", base + "/d/sub", 0));
            assertEquals(0, g.rename(base + "/e", base + "/d", 0));
            assertEquals("x", g.slurp(base + "/d/x"));
            assertEquals(0, g.rename(base + "/d/x", base + "/d/x", 0));
        }
    }

    @Test
    void renameAndLinkAcrossMountsFailWithExdev() {
        GuestCalls g = session();
        g.put("/tmp/f", "x");
        assertEquals(-Errno.EXDEV, g.rename("/tmp/f", "/vol/f", 0));
        assertEquals(-Errno.EXDEV, g.link("/tmp/f", "/vol/f"));
    }

    @Test
    void hardLinksShareTheirData() {
        for (String base : new String[] {"/tmp", "/vol"}) {
            GuestCalls g = session();
            g.put(base + "/f", "one");
            assertEquals(0, g.link(base + "/f", base + "/g"));
            assertEquals(-Errno.EEXIST, g.link(base + "/f", base + "/g"));
            assertEquals(-Errno.EPERM, g.link(base, base + "/dirlink"));
            assertEquals(ino(g.stat(base + "/f", 0)), ino(g.stat(base + "/g", 0)));
            assertEquals(2, g.stat(base + "/f", 0).getLong(16));
            g.put(base + "/g", "two");
            assertEquals("two", g.slurp(base + "/f"));
            g.unlink(base + "/f", 0);
            assertEquals(1, g.stat(base + "/g", 0).getLong(16));
        }
    }

    @Test
    void dotDotOfAHandleClimbsTheGuestPath() {
        GuestCalls g = session();
        g.mkdir("/vol/sub");
        long sub = g.open("/vol/sub", O_RDONLY | O_DIRECTORY);
        long up = g.open(sub, "../..", O_RDONLY | O_DIRECTORY, 0);
        assertEquals("/", g.getpath(up));
        List<String> names = new ArrayList<>(g.list(up, 4096));
        assertTrue(names.contains("vol") && names.contains("tmp"), names.toString());
    }
}

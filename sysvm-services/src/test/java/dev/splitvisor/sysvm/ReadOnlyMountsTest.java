package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only mounts, a host root, and a single mounted file: every change is EROFS. */
class ReadOnlyMountsTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    private GuestCalls session() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/tool"), "#!");
        Files.writeString(data.resolve("in.txt"), "input");
        Files.writeString(root.resolve("config"), "key=1");
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec().rootDir(root)
                .mount(new Mount(data, "/data", true))
                .mount(new Mount(root.resolve("config"), "/etc/app.conf", true))));
    }

    @Test
    void readsWorkChangesAreErofs() throws Exception {
        GuestCalls g = session();
        assertEquals("input", g.slurp("/data/in.txt"));
        assertEquals("#!", g.slurp("/bin/tool"));
        for (String dir : new String[] {"/data", "/bin", "/"}) {
            String f = dir.equals("/") ? "/config" : dir + "/" + g.list(dir).get(2);
            assertEquals(-Errno.EROFS, g.open(-1, dir + "/new", O_CREAT | O_WRONLY, 0644), dir);
            assertEquals(-Errno.EROFS, g.open(f, O_WRONLY), f);
            assertEquals(-Errno.EROFS, g.open(f, O_RDONLY | O_TRUNC | O_WRONLY), f);
            assertEquals(-Errno.EROFS, g.mkdir(dir + "/d"));
            assertEquals(-Errno.EROFS, g.unlink(f, 0));
            assertEquals(-Errno.EROFS, g.rename(f, dir + "/moved", 0));
            assertEquals(-Errno.EROFS, g.symlink("x", dir + "/l"));
            assertEquals(-Errno.EROFS, g.call(Opcode.CHMOD, -1, null, 0777, 0, f));
            assertEquals(-Errno.EROFS, g.call(Opcode.ACCESS, -1, null, 2 /* W_OK */, 0, f));
            assertEquals(-Errno.EROFS, g.call(Opcode.UTIMENS, -1, null, 0, 0, f));
        }
        assertEquals(List.of("in.txt"), List.of(data.toFile().list()));
    }

    @Test
    void tmpAndDevStayWritableOverAHostRoot() throws Exception {
        GuestCalls g = session();
        assertEquals(0, g.put("/tmp/scratch", "ok"));
        assertEquals("ok", g.slurp("/tmp/scratch"));
        assertEquals(3, g.write(g.open("/dev/null", O_WRONLY), "abc"));
        List<String> names = g.list("/");
        assertTrue(names.containsAll(List.of("bin", "config", "tmp", "dev", "data", "etc")),
                names.toString());
    }

    @Test
    void theHostsProcNeverShowsThroughAHostRoot() throws Exception {
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/cpuinfo"), "host cpu");
        GuestCalls g = session();
        assertEquals(-Errno.ENOENT, g.open("/proc/cpuinfo", O_RDONLY));
        assertEquals(List.of(".", ".."), g.list("/proc"));
        assertEquals(-Errno.EROFS, g.mkdir("/proc/x"));
    }

    @Test
    void aMountedFileIsReadOnlyAndNotADirectory() throws Exception {
        GuestCalls g = session();
        assertEquals("key=1", g.slurp("/etc/app.conf"));
        assertEquals(-Errno.EROFS, g.open("/etc/app.conf", O_RDWR));
        assertEquals(-Errno.ENOTDIR, g.open("/etc/app.conf/x", O_RDONLY));
        assertEquals(-Errno.EBUSY, g.unlink("/etc/app.conf", 0));
    }

    @Test
    void accessReportsExecuteBits() throws Exception {
        GuestCalls g = session();
        g.put("/tmp/script", "x");
        assertEquals(-Errno.EACCES, g.call(Opcode.ACCESS, -1, null, 1, 0, "/tmp/script"));
        assertEquals(0, g.call(Opcode.CHMOD, -1, null, 0755, 0, "/tmp/script"));
        assertEquals(0, g.call(Opcode.ACCESS, -1, null, 1, 0, "/tmp/script"));
        assertEquals(0100755, mode(g.stat("/tmp/script", 0)));
        assertEquals(0, g.call(Opcode.ACCESS, -1, null, 1, 0, "/tmp"));
        assertEquals(-Errno.ENOENT, g.call(Opcode.ACCESS, -1, null, 0, 0, "/tmp/none"));
    }

    @Test
    void aMissingHostDirectoryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SystemVm("t").attach(new SessionSpec()
                        .mount(new Mount(data.resolve("missing"), "/m", false))));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}

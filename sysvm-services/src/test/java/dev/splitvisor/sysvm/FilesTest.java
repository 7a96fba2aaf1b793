package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** open, read, write, seek, pread/pwrite, O_APPEND, O_TRUNC on tmpfs and on host volumes. */
class FilesTest {
    @TempDir
    Path host;

    private GuestCalls memory() {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
    }

    private GuestCalls volume() {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .mount(new Mount(host, "/data", false))));
    }

    @Test
    void writeSeekReadBackOnTmpfsAndHost() {
        for (GuestCalls g : new GuestCalls[] {memory(), volume()}) {
            String path = "/data/f.txt";
            g.mkdir("/data"); // already there (EEXIST) in the volume's session
            long h = g.open(-1, path, O_RDWR | O_CREAT, 0600);
            assertTrue(h >= 3, "handle " + h);
            assertEquals(11, g.write(h, "hello world"));
            assertEquals(0, g.seek(h, 0, 0));
            assertEquals("hello", g.read(h, 5));
            assertEquals(" world", g.read(h, 100));
            assertEquals("", g.read(h, 100));
            assertEquals(6, g.seek(h, -5, 2));
            assertEquals("world", g.read(h, 100));
            assertEquals(0, g.close(h));
            ByteBuffer st = g.stat(path, 0);
            assertEquals(0100600, mode(st));
            assertEquals(11, size(st));
        }
        assertEquals("hello world", read(host.resolve("f.txt")));
    }

    @Test
    void preadAndPwriteLeaveTheOffsetAlone() {
        GuestCalls g = memory();
        long h = g.open(-1, "/tmp/p", O_RDWR | O_CREAT, 0644);
        g.write(h, "0123456789");
        assertEquals(3, g.write(h, "abc".getBytes(StandardCharsets.UTF_8), 2));
        assertEquals("01abc", g.read(h, 5, 0));
        assertEquals(10, g.seek(h, 0, 1));
        assertEquals("", g.read(h, 5));
        assertEquals("errno -" + Errno.EINVAL, g.read(h, 5, -7));
    }

    @Test
    void appendWritesAtTheEndEvenAfterASeek() {
        GuestCalls g = volume();
        g.put("/data/log", "one\n");
        long h = g.open(-1, "/data/log", O_WRONLY | O_APPEND, 0);
        g.seek(h, 0, 0);
        g.write(h, "two\n");
        g.close(h);
        assertEquals("one\ntwo\n", g.slurp("/data/log"));
        assertEquals("one\ntwo\n", read(host.resolve("log")));
    }

    @Test
    void truncateOnOpenAndByHandle() {
        GuestCalls g = memory();
        g.put("/tmp/t", "a long line");
        long h = g.open(-1, "/tmp/t", O_RDWR | O_TRUNC, 0);
        assertEquals(0, size(g.fstat(h)));
        g.write(h, "abcdef");
        assertEquals(0, g.call(Opcode.TRUNCATE, (int) h, null, 3, 0, null));
        assertEquals("abc", g.slurp("/tmp/t"));
        assertEquals(0, g.call(Opcode.TRUNCATE, (int) h, null, 5, 0, null));
        assertEquals("abc\0\0", g.slurp("/tmp/t"));
        long ro = g.open("/tmp/t", O_RDONLY);
        assertEquals(-Errno.EINVAL, g.call(Opcode.TRUNCATE, (int) ro, null, 1, 0, null));
    }

    @Test
    void openErrorsFollowLinux() {
        GuestCalls g = memory();
        assertEquals(-Errno.ENOENT, g.open("/tmp/none", O_RDONLY));
        g.put("/tmp/f", "x");
        assertEquals(-Errno.EEXIST, g.open(-1, "/tmp/f", O_CREAT | O_EXCL | O_WRONLY, 0644));
        assertEquals(-Errno.ENOTDIR, g.open("/tmp/f/x", O_RDONLY));
        assertEquals(-Errno.ENOTDIR, g.open("/tmp/f", O_RDONLY | O_DIRECTORY));
        assertEquals(-Errno.ENOTDIR, g.open("/tmp/f/", O_RDONLY));
        assertEquals(-Errno.EISDIR, g.open("/tmp", O_WRONLY));
        assertEquals(-Errno.EISDIR, g.open(-1, "/tmp/new/", O_CREAT | O_WRONLY, 0644));
        assertEquals(-Errno.ENAMETOOLONG, g.open("/tmp/" + "x".repeat(256), O_RDONLY));
        assertEquals(-Errno.ENAMETOOLONG, g.open("/" + "a/".repeat(2048), O_RDONLY));
        assertEquals(-Errno.ENOENT, g.open("", O_RDONLY));
        long rd = g.open("/tmp/f", O_RDONLY);
        assertEquals(-Errno.EBADF, g.write(rd, "y"));
        long wr = g.open("/tmp/f", O_WRONLY);
        assertEquals("errno -" + Errno.EBADF, g.read(wr, 1));
    }

    @Test
    void pathsAreCutAtNul() {
        GuestCalls g = memory();
        g.put("/tmp/a", "A");
        assertEquals("A", g.read(g.open("/tmp/a\0junk", O_RDONLY), 4));
    }

    @Test
    void relativePathsStartAtTheDirectoryHandle() {
        GuestCalls g = memory();
        g.mkdir("/tmp/d");
        g.put("/tmp/d/f", "in d");
        long d = g.open("/tmp/d", O_RDONLY | O_DIRECTORY);
        assertEquals("in d", g.read(g.open(d, "f", O_RDONLY, 0), 10));
        assertEquals("in d", g.read(g.open(d, "../d/./f", O_RDONLY, 0), 10));
        long f = g.open("/tmp/d/f", O_RDONLY);
        assertEquals(-Errno.ENOTDIR, g.open(f, "x", O_RDONLY, 0));
        assertEquals("/tmp/d", g.getpath(d));
        assertEquals("/tmp/d/f", g.getpath(g.open(d, ".//f", O_RDONLY, 0)));
    }

    @Test
    void oPathHandlesOnlyName() {
        GuestCalls g = memory();
        g.put("/tmp/f", "data");
        long p = g.open("/tmp/f", O_PATH);
        assertEquals("errno -" + Errno.EBADF, g.read(p, 4));
        assertEquals(4, size(g.fstat(p)));
        assertEquals("/tmp/f", g.getpath(p));
        long dir = g.open("/tmp", O_PATH | O_DIRECTORY);
        assertTrue(g.open(dir, "f", O_RDONLY, 0) >= 3);
        byte[] b = new byte[144];
        assertEquals(0, g.call(Opcode.STAT, (int) p, Grant.ofBuffer(b, 0, 144, true),
                AT_EMPTY_PATH, 0, ""));
        assertEquals(4, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(48));
    }

    @Test
    void setflTogglesAppend() {
        GuestCalls g = memory();
        g.put("/tmp/f", "ab");
        long h = g.open("/tmp/f", O_WRONLY);
        assertEquals(O_WRONLY, g.call(Opcode.GETFL, (int) h, null, 0, 0, null));
        assertEquals(0, g.call(Opcode.SETFL, (int) h, null, O_APPEND | O_NONBLOCK, 0, null));
        assertEquals(O_WRONLY | O_APPEND | O_NONBLOCK,
                g.call(Opcode.GETFL, (int) h, null, 0, 0, null));
        g.write(h, "c");
        assertEquals("abc", g.slurp("/tmp/f"));
    }

    @Test
    void fsyncReachesTheHostFile() {
        GuestCalls g = volume();
        long h = g.open(-1, "/data/s", O_WRONLY | O_CREAT, 0644);
        g.write(h, "synced");
        assertEquals(0, g.call(Opcode.FSYNC, (int) h, null, 0, 0, null));
        assertEquals("synced", read(host.resolve("s")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

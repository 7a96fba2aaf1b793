package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only layers (tar archives and host directories) seen as one root, with whiteouts. */
class LayersTest {
    private static final int S_IFDIR = 0x4000, S_IFREG = 0x8000;

    @TempDir
    Path dir;

    private static GuestCalls session(Path... layers) {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .rootLayers(List.of(layers))));
    }

    private Path lower() throws Exception {
        return new TarWriter()
                .file("etc/motd", "lower motd\n")
                .file("etc/passwd", "root:x:0:0\n")
                .file("data/a", "a").file("data/b", "b").file("data/c", "c")
                .file("data/sub/deep", "deep")
                .file("was-file", "file below")
                .file("was-dir/inside", "dir below")
                .write(dir.resolve("lower.tar"));
    }

    /** An upper layer as a host directory. */
    private Path upperDir() throws Exception {
        Path up = dir.resolve("upper");
        Files.createDirectories(up.resolve("etc"));
        Files.createDirectories(up.resolve("data"));
        Files.writeString(up.resolve("etc/motd"), "upper motd\n");
        Files.writeString(up.resolve("data/.wh.b"), "");
        Files.writeString(up.resolve("data/d"), "d");
        Files.createDirectories(up.resolve("was-file"));
        Files.writeString(up.resolve("was-file/now"), "now a dir");
        Files.writeString(up.resolve("was-dir"), "now a file");
        return up;
    }

    @Test
    void upperNamesHideLowerOnesDirectoriesMergeWhiteoutsHide() throws Exception {
        GuestCalls g = session(lower(), upperDir());
        assertEquals("upper motd\n", g.slurp("/etc/motd"));
        assertEquals("root:x:0:0\n", g.slurp("/etc/passwd"));
        assertEquals(List.of(".", "..", "d", "a", "c", "sub"), g.list("/data"));
        assertEquals("errno -" + Errno.ENOENT, g.slurp("/data/b"));
        assertEquals("errno -" + Errno.ENOENT, g.slurp("/data/.wh.b"));
        assertEquals("deep", g.slurp("/data/sub/deep"));
        assertEquals(List.of(".", "..", "now"), g.list("/was-file"));
        assertEquals("now a file", g.slurp("/was-dir"));
        assertEquals(-Errno.ENOTDIR, g.open("/was-dir/inside", O_RDONLY));
        assertEquals(S_IFDIR, mode(g.stat("/was-file", 0)) & 0xF000);
    }

    @Test
    void opaqueDirectoriesAndThreeLayers() throws Exception {
        Path middle = new TarWriter()
                .file("data/.wh..wh..opq", "")
                .file("data/only", "only")
                .file(".wh.etc", "")
                .write(dir.resolve("middle.tar"));
        Path top = new TarWriter()
                .file("etc/fresh", "fresh")
                .file("data/top", "top")
                .write(dir.resolve("top.tar"));
        GuestCalls g = session(lower(), middle, top);
        assertEquals(List.of(".", "..", "top", "only"), g.list("/data"));
        assertEquals(List.of(".", "..", "fresh"), g.list("/etc")); // re-made above a whiteout
        assertEquals("errno -" + Errno.ENOENT, g.slurp("/etc/motd"));
        assertEquals("errno -" + Errno.ENOENT, g.slurp("/data/.wh..wh..opq"));
        List<String> root = g.list("/");
        assertEquals(new HashSet<>(root).size(), root.size(), "each name once: " + root);
        assertEquals(Set.of(".", "..", "etc", "data", "was-file", "was-dir", "tmp", "dev",
                "proc"), Set.copyOf(root));
    }

    @Test
    void inodesAreStableAndDistinctOneDeviceEveryChangeErofs() throws Exception {
        GuestCalls g = session(lower(), upperDir());
        long motd = ino(g.stat("/etc/motd", 0));
        long passwd = ino(g.stat("/etc/passwd", 0));
        long a = ino(g.stat("/data/a", 0));
        long d = ino(g.stat("/data/d", 0));
        assertEquals(motd, ino(g.stat("/etc/motd", 0)));
        assertEquals(4, Set.of(motd, passwd, a, d).size());
        long dev = g.stat("/etc/motd", 0).getLong(0);
        assertEquals(dev, g.stat("/data/a", 0).getLong(0));
        assertEquals(dev, g.stat("/", 0).getLong(0));
        assertNotEquals(dev, g.stat("/tmp", 0).getLong(0));
        assertEquals(S_IFREG | 0644, mode(g.stat("/data/a", 0)));

        assertEquals(-Errno.EROFS, g.open(-1, "/data/new", O_CREAT | O_WRONLY, 0644));
        assertEquals(-Errno.EROFS, g.open("/etc/motd", O_WRONLY));
        assertEquals(-Errno.EROFS, g.mkdir("/data/x"));
        assertEquals(-Errno.EROFS, g.unlink("/data/a", 0));
        assertEquals(-Errno.EROFS, g.rename("/data/a", "/data/z", 0));
        assertEquals(-Errno.EROFS, g.call(Opcode.CHMOD, -1, null, 0777, 0, "/data/d"));
        assertEquals(0, g.put("/tmp/ok", "ok"));
        assertEquals(List.of(".", ".."), g.list("/proc"));
        try (var names = Files.list(dir.resolve("upper/data"))) {
            assertEquals(Set.of(".wh.b", "d"), names.map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet()));
        }
    }

    @Test
    void aSingleLayerIsShownAsItIs() throws Exception {
        Path only = new TarWriter().file(".wh.x", "kept").write(dir.resolve("one.tar"));
        GuestCalls g = session(only);
        assertEquals("kept", g.slurp("/.wh.x"));
    }
}

package dev.splitvisor.testsuite.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.vmm.LaunchSpec;
import dev.splitvisor.vmm.Main;
import dev.splitvisor.vmm.UserVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's static busybox runs from a root made of image layers: a gzip tar holding busybox,
 * its applet links and a few files, and an upper layer (a host directory) that replaces one
 * file and whites out another, the way an OCI image's layers stack.
 */
class ImageLayersTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String SCRIPT = "cat /etc/motd; ls /data; cat /data/keep;"
            + " test -e /data/gone || echo gone is gone;"
            + " { echo x > /etc/motd; } 2>/dev/null || echo read-only;"
            + " ls /bin | wc -l";

    @TempDir
    Path dir;
    Path lower;
    Path upper;

    @BeforeEach
    void layers() throws Exception {
        assumeTrue(Files.isRegularFile(BUSYBOX), "no /bin/busybox (Debian's busybox-static)");
        Ustar tar = new Ustar();
        tar.file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755);
        for (String applet : List.of("sh", "cat", "ls", "wc", "test")) {
            tar.symlink("bin/" + applet, "busybox");
        }
        tar.file("etc/motd", "motd of the lower layer\n".getBytes(StandardCharsets.UTF_8), 0644);
        tar.file("data/keep", "kept from below\n".getBytes(StandardCharsets.UTF_8), 0644);
        tar.file("data/gone", "whited out\n".getBytes(StandardCharsets.UTF_8), 0644);
        lower = dir.resolve("lower.tar.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(lower))) {
            gz.write(tar.bytes());
        }
        upper = Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Files.createDirectories(upper.resolve("data"));
        Files.writeString(upper.resolve("etc/motd"), "motd of the upper layer\n");
        Files.writeString(upper.resolve("data/.wh.gone"), "");
        Files.writeString(upper.resolve("data/added"), "");
    }

    @Test
    void busyboxSeesTheMergedTree() throws Exception {
        LaunchSpec spec = LaunchSpec.of(BUSYBOX, List.of("sh", "-c", SCRIPT));
        spec.root = lower;
        spec.upperLayers.add(upper);
        spec.env.addAll(List.of("PATH=/bin", "HOME=/", "LANG=C"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        spec.console = new Console(new ByteArrayInputStream(new byte[0]), out, err);
        UserVm vm = UserVm.start(new SystemVm("layers"), spec);
        int status = vm.run();
        assertEquals(0, status, "stderr: " + err.toString(StandardCharsets.UTF_8) + " reason: "
                + vm.kernel().terminationReason());
        assertEquals("motd of the upper layer\n"
                + "added\nkeep\n"
                + "kept from below\n"
                + "gone is gone\n"
                + "read-only\n"
                + "6\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandLineStacksRepeatedRoots() throws Exception {
        // The guest's output goes to this process's stdout; its exit status tells the result.
        String check = "test \"$(cat /etc/motd)\" = 'motd of the upper layer'"
                + " && test ! -e /data/gone && test -e /data/keep";
        assertEquals(0, Main.execute("run", "--root", lower.toString(), "--root",
                upper.toString(), BUSYBOX.toString(), "sh", "-c", check));
        assertEquals(1, Main.execute("run", "--root", lower.toString(),
                BUSYBOX.toString(), "sh", "-c", check));
    }

    /** A minimal ustar writer: regular files and symbolic links. */
    private static final class Ustar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void file(String name, byte[] data, int mode) {
            header(name, '0', mode, "", data.length);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }

        void symlink(String name, String target) {
            header(name, '2', 0777, target, 0);
        }

        private void header(String name, char type, int mode, String link, long size) {
            byte[] h = new byte[512];
            put(h, 0, name);
            put(h, 100, String.format("%07o", mode));
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", size));
            put(h, 136, String.format("%011o", 1_700_000_000L));
            put(h, 148, "        ");
            h[156] = (byte) type;
            put(h, 157, link);
            put(h, 257, "ustar");
            put(h, 263, "00");
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.writeBytes(h);
        }

        private static void put(byte[] h, int off, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, h, off, b.length);
        }

        byte[] bytes() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }
    }
}

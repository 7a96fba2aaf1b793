package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-session limits: the /tmp size (ENOSPC) and live handles (EMFILE). */
class QuotasTest {
    @TempDir
    Path root;

    @Test
    void tmpfsStopsAtItsLimitAndFreesOnUnlink() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .rootDir(root).tmpLimitBytes(1 << 20)));
        long h = g.open(-1, "/tmp/big", O_CREAT | O_WRONLY, 0644);
        byte[] chunk = new byte[256 * 1024];
        int written = 0;
        long r;
        while ((r = g.write(h, chunk, -1)) > 0) {
            written += r;
        }
        assertEquals(-Errno.ENOSPC, r);
        assertTrue(written >= 512 * 1024 && written < (1 << 20), "wrote " + written);
        g.close(h);
        assertEquals(-Errno.ENOSPC, g.put("/tmp/more", "x".repeat(300 * 1024)));
        assertEquals(0, g.unlink("/tmp/big", 0));
        assertEquals(0, g.unlink("/tmp/more", 0));
        assertEquals(0, g.put("/tmp/more", "x".repeat(300 * 1024)), "space came back");
    }

    @Test
    void anUnlinkedFileKeepsItsSpaceUntilClosed() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .tmpLimitBytes(100_000)));
        long h = g.open(-1, "/tmp/f", O_CREAT | O_RDWR, 0644);
        assertEquals(60_000, g.write(h, new byte[60_000], -1));
        g.unlink("/tmp/f", 0);
        long other = g.open(-1, "/tmp/g", O_CREAT | O_WRONLY, 0644);
        long wrote = g.write(other, new byte[60_000], -1);
        assertTrue(wrote >= 0 && wrote <= 40_000,
                "the unlinked file's 60 kB still count: only the rest fits; wrote " + wrote);
        g.close(other);
        assertEquals("\0\0", g.read(h, 2, 0), "still readable while open");
        g.close(h);
        g.unlink("/tmp/g", 0);
        assertEquals(0, g.put("/tmp/g", "y".repeat(60_000)));
    }

    @Test
    void statfsReportsTmpfsAndItsRoom() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .rootDir(root).tmpLimitBytes(1 << 20)));
        byte[] b = new byte[120];
        assertEquals(0, g.call(Opcode.STATFS, -1, Grant.ofBuffer(b, 0, 120, true), 0, 0,
                "/tmp"));
        ByteBuffer st = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x01021994L, st.getLong(0));
        assertEquals(256, st.getLong(16), "1 MiB in 4 KiB blocks");
        assertEquals(0, g.call(Opcode.STATFS, -1, Grant.ofBuffer(b, 0, 120, true), 0, 0, "/"));
        assertEquals(0xEF53L, st.getLong(0));
        assertEquals(1, st.getLong(80) & 1, "the host root is read-only (ST_RDONLY)");
    }

    @Test
    void handlesStopAt4096() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));
        int opened = 0;
        long h;
        while ((h = g.open("/dev/null", O_RDONLY)) >= 0) {
            opened++;
        }
        assertEquals(-Errno.EMFILE, h);
        assertEquals(SessionSpec.DEFAULT_MAX_HANDLES - 3, opened);
        assertEquals(-Errno.EMFILE, g.call(Opcode.PIPE, 0, null, 0, 0, null));
        assertEquals(-Errno.EMFILE, g.open(-1, "/tmp/never", O_CREAT | O_WRONLY, 0644));
        g.close(100);
        assertEquals(-Errno.ENOENT, g.open("/tmp/never", O_RDONLY), "EMFILE created nothing");
        assertEquals(100, g.open("/dev/null", O_RDONLY), "the lowest free handle again");
    }

    @Test
    void symlinkTargetsCountAgainstTheLimit() {
        GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .tmpLimitBytes(200_000)));
        String target = "/" + "t".repeat(4000);
        int made = 0;
        long r;
        while ((r = g.symlink(target, "/tmp/l" + made)) == 0) {
            made++;
        }
        assertEquals(-Errno.ENOSPC, r);
        assertTrue(made < 50, "made " + made);
        for (int k = 0; k < made; k++) {
            g.unlink("/tmp/l" + k, 0);
        }
        assertEquals(0, g.put("/tmp/f", "x".repeat(150_000)), "unlinking gave it back");
    }
}

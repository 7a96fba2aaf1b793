package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stat fields, chmod and utimens, on tmpfs and on host files. */
class AttributesTest {
    private static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    @TempDir
    Path host;

    private GuestCalls session() {
        return new GuestCalls(new SystemVm("t").attach(new SessionSpec()
                .mount(new Mount(host, "/vol", false))));
    }

    private static Grant times(long aSec, long aNsec, long mSec, long mNsec) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(aSec).putLong(aNsec).putLong(mSec).putLong(mNsec);
        return Grant.ofBuffer(b.array(), 0, 32, false);
    }

    @Test
    void utimensSetsOmitsAndChecks() {
        for (String base : new String[] {"/tmp", "/vol"}) {
            GuestCalls g = session();
            String f = base + "/f";
            g.put(f, "x");
            assertEquals(0, g.call(Opcode.UTIMENS, -1, times(1000, 5, 2000, 7), 0, 0, f));
            ByteBuffer st = g.stat(f, 0);
            assertEquals(1000, st.getLong(72), "atime sec");
            assertEquals(2000, st.getLong(88), "mtime sec");
            assertEquals(7, st.getLong(96), "mtime nsec");
            assertEquals(0, g.call(Opcode.UTIMENS, -1, times(0, UTIME_OMIT, 3000, 0), 0, 0, f));
            st = g.stat(f, 0);
            assertEquals(1000, st.getLong(72), "omitted atime stays");
            assertEquals(3000, st.getLong(88));
            assertEquals(0, g.call(Opcode.UTIMENS, -1, times(0, UTIME_NOW, 0, UTIME_OMIT), 0,
                    0, f));
            assertTrue(g.stat(f, 0).getLong(72) > 1_600_000_000L, "now");
            assertEquals(-Errno.EINVAL, g.call(Opcode.UTIMENS, -1, times(0, 2_000_000_000L, 0,
                    0), 0, 0, f));
            long h = g.open(f, O_RDONLY);
            assertEquals(0, g.call(Opcode.UTIMENS, (int) h, times(50, 0, 60, 0), AT_EMPTY_PATH,
                    0, ""));
            assertEquals(60, g.fstat(h).getLong(88));
        }
    }

    @Test
    void hostTimesReachTheHostFile() throws Exception {
        GuestCalls g = session();
        g.put("/vol/f", "x");
        g.call(Opcode.UTIMENS, -1, times(1000, 0, 123456, 0), 0, 0, "/vol/f");
        assertEquals(FileTime.fromMillis(123456_000L), Files.getLastModifiedTime(
                host.resolve("f"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void chmodByPathAndByHandle() throws Exception {
        GuestCalls g = session();
        g.put("/vol/f", "x");
        assertEquals(0, g.call(Opcode.CHMOD, -1, null, 04751, 0, "/vol/f"));
        assertEquals(0104751, mode(g.stat("/vol/f", 0)));
        assertEquals(0104751, (int) Files.getAttribute(host.resolve("f"), "unix:mode"));
        long h = g.open("/vol/f", O_RDONLY);
        assertEquals(0, g.call(Opcode.CHMOD, (int) h, null, 0600, AT_EMPTY_PATH, ""));
        assertEquals(0100600, mode(g.fstat(h)));
        g.symlink("f", "/vol/l");
        assertEquals(-Errno.EOPNOTSUPP, g.call(Opcode.CHMOD, -1, null, 0600, AT_SYMLINK_NOFOLLOW,
                "/vol/l"));
    }

    @Test
    void statReportsHostIdentityAndTmpfsOwnInodes() throws Exception {
        GuestCalls g = session();
        g.put("/vol/f", "12345");
        ByteBuffer st = g.stat("/vol/f", 0);
        assertEquals((long) Files.getAttribute(host.resolve("f"), "unix:ino"), ino(st));
        assertEquals((long) Files.getAttribute(host.resolve("f"), "unix:dev"), st.getLong(0));
        assertEquals(5, size(st));
        assertEquals(8, st.getLong(64), "one 4 KiB block in 512-byte units");
        g.put("/tmp/a", "");
        g.put("/tmp/b", "");
        assertTrue(ino(g.stat("/tmp/a", 0)) != ino(g.stat("/tmp/b", 0)));
        assertEquals(040000, mode(g.stat("/tmp", 0)) & 0170000);
        assertEquals(01777, mode(g.stat("/tmp", 0)) & 07777);
    }
}

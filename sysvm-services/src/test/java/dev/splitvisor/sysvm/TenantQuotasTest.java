package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant's quotas over all its sessions, beside each session's own share: handles (EMFILE
 * for the session, ENFILE for the tenant), sockets (the same), tmpfs bytes (ENOSPC) and volume
 * bytes (EDQUOT). Each test also checks that freeing gives the room back and that a session
 * at its own limit does not stop another.
 */
class TenantQuotasTest {
    @TempDir
    Path dir;

    private static NetCalls net(GuestCalls g) {
        return new NetCalls(g.port);
    }

    @Test
    void handlesStopAtTheSessionsShareThenAtTheTenants() {
        SystemVm vm = new SystemVm("t", null, Quotas.DEFAULT.handles(8));
        GuestCalls a = new GuestCalls(vm.attach(new SessionSpec().maxHandles(8)));
        GuestCalls b = new GuestCalls(vm.attach(new SessionSpec()));
        for (int k = 0; k < 5; k++) {
            assertEquals(3 + k, a.open("/dev/null", O_RDONLY));
        }
        assertEquals(-Errno.EMFILE, a.open("/dev/null", O_RDONLY), "a's own table is full");
        assertEquals(3, b.open("/dev/null", O_RDONLY), "a at its limit does not stop b");
        assertEquals(4, b.open("/dev/null", O_RDONLY));
        assertEquals(-Errno.ENFILE, b.call(Opcode.PIPE, 0, null, 0, 0, null),
                "a pipe needs two and the tenant has one left");
        assertEquals(5, b.open("/dev/null", O_RDONLY), "the refused pipe kept none");
        assertEquals(-Errno.ENFILE, b.open("/dev/null", O_RDONLY), "the tenant's 8 are used");
        assertEquals(8, vm.handles.used());

        assertEquals(0, a.close(3));
        assertEquals(6, b.open("/dev/null", O_RDONLY), "a's close gave one back");
        a.port.detach();
        assertEquals(4, vm.handles.used(), "detaching gave back a's other four");
        assertEquals(7, b.open(-1, "/tmp/f", O_CREAT | O_WRONLY, 0644));
    }

    @Test
    void socketsStopAtTheSessionsShareThenAtTheTenants() {
        SystemVm vm = new SystemVm("t", null, Quotas.DEFAULT.sockets(4));
        NetCalls a = net(new GuestCalls(vm.attach(new SessionSpec().maxSockets(2))));
        NetCalls b = net(new GuestCalls(vm.attach(new SessionSpec())));
        long a1 = a.socket(NetCalls.AF_INET, NetCalls.SOCK_DGRAM);
        assertTrue(a1 >= 3 && a.socket(NetCalls.AF_UNIX, NetCalls.SOCK_STREAM) >= 3);
        assertEquals(-Errno.EMFILE, a.socket(NetCalls.AF_INET, NetCalls.SOCK_STREAM));
        assertTrue(b.socket(NetCalls.AF_INET, NetCalls.SOCK_STREAM) >= 3,
                "a at its limit does not stop b");
        GuestCalls bg = new GuestCalls(b.port);
        assertEquals(-Errno.ENFILE, bg.call(Opcode.SOCKETPAIR, 0, null, NetCalls.AF_UNIX,
                NetCalls.SOCK_STREAM, null), "a pair needs two and the tenant has one left");
        assertTrue(b.socket(NetCalls.AF_INET, NetCalls.SOCK_DGRAM) >= 3,
                "the refused pair kept none");
        assertEquals(-Errno.ENFILE, b.socket(NetCalls.AF_INET, NetCalls.SOCK_DGRAM));
        assertEquals(0, a.close(a1));
        assertTrue(b.socket(NetCalls.AF_INET, NetCalls.SOCK_DGRAM) >= 3, "a's close gave one");
        assertEquals(4, vm.sockets.used());
        a.port.detach();
        assertEquals(3, vm.sockets.used(), "detaching gave back a's other socket");
    }

    @Test
    void acceptWithoutRoomLeavesTheConnectionQueued() {
        SystemVm vm = new SystemVm("t");
        NetCalls a = net(new GuestCalls(vm.attach(new SessionSpec())));
        NetCalls b = net(new GuestCalls(vm.attach(new SessionSpec().maxHandles(5))));
        long l = b.socket(NetCalls.AF_UNIX, NetCalls.SOCK_STREAM);
        assertEquals(0, b.bind(l, NetCalls.un("@q")));
        assertEquals(0, b.listen(l, 4));
        long c = a.socket(NetCalls.AF_UNIX, NetCalls.SOCK_STREAM);
        assertEquals(0, a.connect(c, NetCalls.un("@q")));
        assertEquals(4, new GuestCalls(b.port).open("/dev/null", O_RDONLY));
        assertEquals(-Errno.EMFILE, b.accept(l, null, 0));
        assertEquals(0, b.close(4));
        long conn = b.accept(l, null, 0);
        assertEquals(4, conn, "the connection waited in the queue");
        assertEquals(2, a.send(c, "hi"));
        assertEquals("hi", b.recv(conn, 8, 0));
    }

    /** Writes n bytes to a new file in one request: the count (short at a limit) or errno. */
    private static long fill(GuestCalls g, String path, int n) {
        long h = g.open(-1, path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
        if (h < 0) {
            return h;
        }
        long wrote = g.write(h, new byte[n], -1);
        g.close(h);
        return wrote;
    }

    @Test
    void tmpfsBytesStopAtTheSessionsShareThenAtTheTenants() {
        SystemVm vm = new SystemVm("t", null, Quotas.DEFAULT.tmpBytes(1_000_000));
        GuestCalls a = new GuestCalls(vm.attach(new SessionSpec().tmpLimitBytes(400_000)));
        GuestCalls b = new GuestCalls(vm.attach(new SessionSpec().tmpLimitBytes(700_000)));
        GuestCalls c = new GuestCalls(vm.attach(new SessionSpec().tmpLimitBytes(700_000)));
        long wrote = fill(a, "/tmp/big", 450_000);
        assertTrue(wrote > 300_000 && wrote < 400_000, "a's own share; wrote " + wrote);
        assertEquals(0, a.unlink("/tmp/big", 0));
        assertEquals(200_000, fill(a, "/dev/shm/s", 200_000));
        assertTrue(fill(a, "/tmp/f", 200_000) < 200_000,
                "/tmp and /dev/shm share the session's 400 kB");
        assertEquals(550_000, fill(b, "/tmp/f", 550_000), "a at its limit does not stop b");
        long got = fill(c, "/tmp/f", 300_000);
        assertTrue(got < 60_000,
                "the tenant's 1 MB: c gets only what is left though its own share has room; "
                        + "wrote " + got);
        assertEquals(0, b.unlink("/tmp/f", 0));
        assertEquals(300_000, fill(c, "/tmp/f", 300_000), "b's unlink gave it back");

        assertTrue(fill(b, "/tmp/g", 600_000) < 600_000);
        a.port.detach();
        assertEquals(600_000, fill(b, "/tmp/g", 600_000), "a's tmpfs went with a");
    }

    @Test
    void volumeBytesAreCountedFromWhatIsThereAndAnswerEdquot() throws Exception {
        Files.writeString(dir.resolve("old"), "o".repeat(100_000));
        SystemVm vm = new SystemVm("t", null, Quotas.DEFAULT.volumeBytes(300_000));
        SessionSpec spec = new SessionSpec().mount(new Mount(dir, "/vol", false));
        GuestCalls a = new GuestCalls(vm.attach(spec));
        GuestCalls b = new GuestCalls(vm.attach(new SessionSpec()
                .mount(new Mount(dir, "/vol", false))));
        assertEquals(100_000, vm.volumes.bytes.used(), "counted at the first mount, once");

        long h = a.open(-1, "/vol/new", O_CREAT | O_WRONLY, 0644);
        assertEquals(150_000, a.write(h, new byte[150_000], -1));
        assertEquals(100_000 - 50_000, a.write(h, new byte[100_000], -1),
                "only the 50 kB left fit: a short count");
        assertEquals(-Errno.EDQUOT, a.write(h, new byte[1], -1));
        assertEquals(10, a.write(h, new byte[10], 0), "rewriting inside the file needs no room");
        assertEquals(-Errno.EDQUOT, a.call(Opcode.TRUNCATE, (int) h, null, 300_000, 0, null));
        assertEquals(-Errno.EDQUOT, b.put("/vol/b", "b"), "the quota is the tenant's");
        assertEquals(200_000, Files.size(dir.resolve("new")));

        GuestCalls other = new GuestCalls(new SystemVm("u", null,
                Quotas.DEFAULT.volumeBytes(400_000)).attach(spec));
        assertEquals(0, other.put("/vol/other", "x"), "another tenant counts its own");
        assertEquals(0, other.unlink("/vol/other", 0));

        assertEquals(0, b.unlink("/vol/old", 0));
        assertEquals(200_000, vm.volumes.bytes.used(), "the unlink gave 100 kB back");
        assertEquals(0, a.call(Opcode.TRUNCATE, (int) h, null, 250_000, 0, null));
        assertEquals(0, b.put("/vol/b", "b".repeat(50_000)));
        assertEquals(300_000, vm.volumes.bytes.used());
        assertEquals(0, a.call(Opcode.TRUNCATE, (int) h, null, 0, 0, null));
        assertEquals(0, b.rename("/vol/b", "/vol/new", 0), "replacing frees the victim");
        assertEquals(50_000, vm.volumes.bytes.used());
        a.close(h);
    }

    @Test
    void anUnlimitedVolumeIsNotCounted() throws Exception {
        Files.writeString(dir.resolve("old"), "o".repeat(1000));
        SystemVm vm = new SystemVm("t");
        GuestCalls a = new GuestCalls(vm.attach(new SessionSpec()
                .mount(new Mount(dir, "/vol", false))));
        assertEquals(0, a.put("/vol/f", "x".repeat(10_000)));
        assertTrue(!vm.volumes.counting());
    }

    @Test
    void badLimitsAreRefusedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Quotas.DEFAULT.handles(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SessionSpec().maxHandles(2));
        assertThrows(IllegalArgumentException.class, () -> new SessionSpec().maxSockets(-5));
        SystemVm tiny = new SystemVm("tiny", null, Quotas.DEFAULT.tmpBytes(1000));
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> tiny.attach(new SessionSpec()));
        assertTrue(full.getMessage().contains("tenant tiny"), full.getMessage());
        assertEquals(0, tiny.tmpBytes.used(), "the failed attach kept nothing");
    }
}

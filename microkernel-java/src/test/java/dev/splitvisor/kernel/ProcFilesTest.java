package dev.splitvisor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own /proc entries: which paths it answers, the formats of maps and status, and
 * the open files behind them (snapshots, offsets, directory listings, sharing and close),
 * on a user VM booted with a stand-in system VM that knows only its working directory.
 */
class ProcFilesTest {
    private static final Path HELLO = Path.of("../testsuite/guest/bin/hello.musl");

    /**
     * A system VM that opens "/" as handle 7, knows the link /dev/stdin to /proc/self/fd/0,
     * and answers everything else with ENOENT.
     */
    private final List<Integer> closed = new ArrayList<>();
    private final HypercallPort sysvm = r -> {
        switch (r.opcode) {
            case Opcode.OPEN: return 7;
            case Opcode.CLOSE: closed.add(r.handle); return 0;
            case Opcode.GETFL: return 2;
            case Opcode.POLL: return 0;
            case Opcode.GETPATH: return r.grant.copyIn(0, new byte[] {'/', 0}, 0, 2);
            case Opcode.READLINK:
                byte[] to = "/proc/self/fd/0".getBytes(StandardCharsets.UTF_8);
                return r.path.equals("/dev/stdin") ? r.grant.copyIn(0, to, 0, to.length)
                        : -Errno.EINVAL;
            default: return -Errno.ENOENT;
        }
    };
    private Microkernel k;
    private Task t;

    @BeforeEach
    void boot() throws Exception {
        ElfImage image = ElfImage.parse("hello.musl", Files.readAllBytes(HELLO));
        k = Microkernel.boot(image, "/app/hello.musl", List.of("hello.musl", "a", "b c"),
                List.of("K=V"), sysvm, new KernelOptions());
        t = k.tasks.get(1);
    }

    private String read(int handle, int chunk) {
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[chunk];
        for (long n; (n = k.port.call(new HypercallRequest().set(Opcode.READ, handle,
                Grant.ofBuffer(buf, 0, chunk, true)).args(-1, 0))) > 0; ) {
            out.append(new String(buf, 0, (int) n, StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }

    private int open(String path) {
        return k.kernelFiles.open(ProcFiles.lookup(k, t, path, true), 0);
    }

    @Test
    void pathsUnderProcAreTheKernelsAndNoOthers() {
        assertNull(ProcFiles.lookup(k, t, "/etc/passwd", true));
        assertNull(ProcFiles.lookup(k, t, "/process", true));
        assertEquals(ProcFiles.DIR_ROOT, ProcFiles.lookup(k, t, "/proc", true).kind);
        assertEquals(ProcFiles.MISSING, ProcFiles.lookup(k, t, "/proc/cpuinfo", true).kind,
                "the host's /proc must not show through");
        assertEquals(ProcFiles.MISSING, ProcFiles.lookup(k, t, "/proc/4242/status", true).kind,
                "a pid of no process of this VM");
        assertEquals(ProcFiles.FILE, ProcFiles.lookup(k, t, "/proc/1/status", true).kind);
        assertEquals(ProcFiles.FILE, ProcFiles.lookup(k, t, "/proc/self/fd/../maps", true).kind);
        assertEquals(ProcFiles.LINK_SELF, ProcFiles.lookup(k, t, "/proc/self", false).kind);
        assertEquals(ProcFiles.DIR_PID, ProcFiles.lookup(k, t, "/proc/self/", false).kind);
        assertEquals(ProcFiles.LINK_FD, ProcFiles.lookup(k, t, "/proc/self/fd/2", true).kind);
        assertEquals(ProcFiles.MISSING, ProcFiles.lookup(k, t, "/proc/self/fd/3", true).kind);
        assertEquals("/proc/1/task/1/comm",
                ProcFiles.lookup(k, t, "/proc/thread-self/comm", true).path());
        assertEquals("1", ProcFiles.readlink(k, t, "/proc/self"));
        assertEquals("/app/hello.musl", ProcFiles.readlink(k, t, "/proc/self/exe"));
        assertEquals("/app/hello.musl", ProcFiles.rewrite(k, t, "/proc/1/exe"));
    }

    @Test
    void storedLinksAndRelativePathsIntoProcAreFollowedAfterTheSystemVmMisses() {
        assertEquals("/proc/self/fd/0", ProcFiles.afterMiss(k, 7, "/dev/stdin"));
        assertEquals("/proc/self/status", ProcFiles.afterMiss(k, 7, "proc/./self/status"));
        assertNull(ProcFiles.afterMiss(k, 7, "/etc/passwd"));
    }

    @Test
    void mapsListsTheProgramAndTheStackInLinuxsFormat() {
        String maps = read(open("/proc/self/maps"), 100);
        String[] lines = maps.split("\n");
        assertTrue(lines.length >= 3, maps);
        boolean code = false;
        boolean stack = false;
        for (String line : lines) {
            assertTrue(line.matches("[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} "
                    + "[0-9a-f]{2}:[0-9a-f]{2} \\d+ .*"), line);
            if (line.endsWith(" /app/hello.musl")) {
                assertEquals(73, line.indexOf('/'), "name column: " + line);
                code |= line.contains(" r-xp ");
            }
            stack |= line.endsWith(" [stack]") && line.contains(" rw-p 00000000 00:00 0 ");
        }
        assertTrue(code && stack, maps);
    }

    @Test
    void statusFollowsLinuxsOrderAndShowsTheSignalState() {
        t.sigmask = SignalDelivery.bit(Signal.SIGUSR1);
        t.process.actions[Signal.SIGTERM].handler = 0x401000;
        t.process.actions[Signal.SIGPIPE].handler = SigAction.SIG_IGN;
        String status = read(open("/proc/self/status"), 4096);
        assertTrue(status.startsWith("Name:\thello.musl\nUmask:\t0022\nState:\tR (running)\n"
                + "Tgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\nTracerPid:\t0\n"), status);
        assertTrue(status.contains("\nThreads:\t1\nSigQ:\t0/512\nSigPnd:\t0000000000000000\n"
                + "ShdPnd:\t0000000000000000\nSigBlk:\t0000000000000200\n"
                + "SigIgn:\t0000000000001000\nSigCgt:\t0000000000004000\n"), status);
        assertTrue(status.matches("(?s).*\nVmSize:\t {0,7}\\d+ kB\n.*"), status);
    }

    @Test
    void cmdlineAndEnvironAreNulSeparated() {
        assertEquals("hello.musl\0a\0b c\0", read(open("/proc/self/cmdline"), 3));
        assertEquals("K=V\0", read(open("/proc/1/environ"), 64));
        assertEquals("hello.musl\n", read(open("/proc/self/comm"), 64));
    }

    @Test
    void aReadFromTheStartTakesANewSnapshotAndSeekEndIsRefused() {
        int h = open("/proc/self/comm");
        assertEquals("hello.musl\n", read(h, 4));
        t.comm = "renamed";
        assertEquals("", read(h, 4), "at the end of the old snapshot");
        HypercallRequest r = new HypercallRequest();
        assertEquals(-Errno.EINVAL, k.port.call(r.set(Opcode.SEEK, h, null).args(0, 2)));
        assertEquals(0, k.port.call(r.set(Opcode.SEEK, h, null).args(0, 0)));
        assertEquals("renamed\n", read(h, 4));
    }

    @Test
    void theFdDirectoryListsOpenDescriptorsWhenReadFromTheStart() {
        int h = open("/proc/self/fd");
        t.process.files.install(3, h, false);
        k.handles.retain(h);
        byte[] buf = new byte[4096];
        long n = k.port.call(new HypercallRequest().set(Opcode.GETDENTS, h,
                Grant.ofBuffer(buf, 0, buf.length, true)));
        List<String> names = new ArrayList<>();
        for (int at = 0; at < n; at += (buf[at + 16] & 0xFF) | (buf[at + 17] & 0xFF) << 8) {
            int end = at + 19;
            while (buf[end] != 0) {
                end++;
            }
            names.add(new String(buf, at + 19, end - at - 19, StandardCharsets.UTF_8));
        }
        assertEquals(List.of(".", "..", "0", "1", "2", "3"), names);
        assertEquals("/proc/1/fd", ProcFiles.readlink(k, t, "/proc/self/fd/3"));
    }

    @Test
    void theLastCloseDropsTheOpenFileAndNeverReachesTheSystemVm() {
        int before = k.kernelFiles.live();
        int h = open("/proc/self/status");
        k.handles.retain(h); // two descriptors: dup, or a fork's copy
        k.handles.retain(h);
        k.handles.release(h);
        assertEquals(before + 1, k.kernelFiles.live());
        k.handles.release(h);
        assertEquals(before, k.kernelFiles.live());
        assertTrue(!closed.contains(h), "CLOSE of a kernel handle went to the system VM");
    }

    @Test
    void pollFindsAKernelFileReadyWithoutAskingTheSystemVmAboutIt() {
        int h = open("/proc/self/maps");
        byte[] req = new byte[16];
        SignalDelivery.putInt(req, 0, h);
        req[4] = 1; // POLLIN
        SignalDelivery.putInt(req, 8, 0);
        req[12] = 1;
        long ready = k.port.call(new HypercallRequest().set(Opcode.POLL, 0,
                Grant.ofBuffer(req, 0, req.length, true)).args(2, 0));
        assertEquals(1, ready);
        assertEquals(1, req[6]);
        assertEquals(h, (req[0] & 0xFF) | (req[1] & 0xFF) << 8 | (req[2] & 0xFF) << 16
                | (req[3] & 0xFF) << 24, "the caller's entry is restored");
    }
}

package dev.splitvisor.testsuite.isolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.hypercall.ring.RingConfig;
import dev.splitvisor.hypercall.ring.RingLayout;
import dev.splitvisor.hypercall.ring.RingPort;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Frame;
import dev.splitvisor.mmu.Prot;
import dev.splitvisor.sysvm.Console;
import dev.splitvisor.sysvm.Mount;
import dev.splitvisor.sysvm.Quotas;
import dev.splitvisor.sysvm.SessionSpec;
import dev.splitvisor.sysvm.SystemVm;
import dev.splitvisor.vmm.LaunchSpec;
import dev.splitvisor.vmm.Tenants;
import dev.splitvisor.vmm.UserVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant B attacks tenant A. Each tenant has its own system VM and its own persistent volume,
 * two sibling directories of one host directory, shown to its guests at /vol; A's volume holds
 * a secret file. B's guests (busybox, bash, tcp_echo) try to reach A's volume through "..",
 * symbolic and hard links, host paths and /proc, to reach A's listening sockets, and to starve
 * A's quotas, while B's raw hypercalls forge A's handle numbers and grant memory B does not
 * own. Every attempt must fail the way Linux would fail it (ENOENT, EXDEV, EBADF, EFAULT,
 * ECONNREFUSED), never with a host exception, and A's secret must never appear in B's output,
 * in B's memory or in B's volume. Each test also shows the same operation working for the
 * owner, so that a failure really is isolation and not a broken feature.
 */
class TenantIsolationTest {
    private static final Path BIN = Path.of("guest", "bin");
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path BASH = Path.of("/bin/bash-static");
    private static final String SECRET = "A-SECRET-7f3c9e0d";
    private static final int AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2,
            SOCK_NONBLOCK = 0x800;
    private static final int O_RDONLY = 0, O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200,
            O_DIRECTORY = 0x10000;
    private static final int ECONNREFUSED = 111, EADDRINUSE = 98;

    @TempDir
    Path host;
    private Path volumeA;
    private Path volumeB;
    private SystemVm tenantA;
    private SystemVm tenantB;
    private ExecutorService pool;

    @BeforeEach
    void twoTenants() throws IOException {
        volumeA = Files.createDirectory(host.resolve("tenant-a-volume"));
        volumeB = Files.createDirectory(host.resolve("tenant-b-volume"));
        Files.writeString(volumeA.resolve("secret"), SECRET + "\n");
        tenantA = new SystemVm("isolation-a");
        tenantB = new SystemVm("isolation-b");
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void closeTenants() {
        pool.shutdownNow();
        tenantA.close();
        tenantB.close();
    }

    // ------------------------------------------------------------------------------ volumes

    /**
     * B's shell climbs out of /vol with "..", names A's volume by its host path, and plants
     * relative, absolute and climbing symbolic links (and hard links) to A's secret in its own
     * volume: every open is ENOENT, a hard link across mounts is EXDEV, "cd .." stops at B's
     * own "/", and B's volume on the host ends up holding nothing of A's. A's own guest reads
     * the secret through /vol, and B's own links work inside B's volume.
     */
    @Test
    void volumeEscapesThroughDotDotLinksAndHostPathsFail() throws Exception {
        String a = volumeA.toAbsolutePath().toString();
        String script = String.join("\n",
                attempt("dotdot", "cat /vol/../tenant-a-volume/secret"),
                attempt("deep-dotdot", "cat /vol/../../../../.." + a + "/secret"),
                attempt("host-path", "cat " + a + "/secret"),
                "cd /vol && cd .. && cd ../.. && echo \"cwd=$(pwd)\" && ls -a /vol/../..",
                attempt("cd-relative", "cat tenant-a-volume/secret"),
                attempt("rel-link", "ln -s ../tenant-a-volume/secret /vol/rel; cat /vol/rel"),
                attempt("abs-link", "ln -s " + a + "/secret /vol/abs; cat /vol/abs"),
                attempt("dir-link", "ln -s ../tenant-a-volume /vol/dir; cat /vol/dir/secret"),
                attempt("climb-link", "ln -s ../../../../../.." + a + " /vol/climb;"
                        + " cat /vol/climb/secret"),
                attempt("hard-link", "ln /vol/../tenant-a-volume/secret /vol/hard"),
                attempt("hard-of-link", "ln /vol/abs /vol/hard2; cat /vol/hard2"),
                attempt("cross-mount", "echo mine > /tmp/mine; ln /tmp/mine /vol/cross"),
                attempt("own-link", "echo mine > /vol/own; ln -s own /vol/ownlink;"
                        + " cat /vol/ownlink"));
        Outcome b = finish(start(tenantB, shell(script)));

        assertFalse(b.output().contains(SECRET), "B's guest printed A's secret:\n" + b.output());
        for (String label : List.of("dotdot", "deep-dotdot", "host-path", "cd-relative",
                "rel-link", "abs-link", "dir-link", "climb-link", "hard-link", "hard-of-link",
                "cross-mount")) {
            assertEquals(1, status(b, label), label + " should fail:\n" + b.output());
        }
        assertTrue(b.output().contains("cat: can't open '/vol/rel': No such file or directory"),
                b.output());
        assertTrue(b.output().contains("ln: /vol/cross: Invalid cross-device link"), b.output());
        assertTrue(b.output().contains("cwd=/\n"), "cd .. stops at B's root:\n" + b.output());
        assertFalse(b.output().lines().anyMatch(l -> l.startsWith("tenant-")),
                "B's root lists a host directory:\n" + b.output());
        assertEquals(0, status(b, "own-link"), b.output());
        assertTrue(b.output().contains("mine\nown-link rc=0"), b.output());

        assertEquals(List.of("secret"), names(volumeA), "A's volume on the host");
        assertEquals(SECRET + "\n", Files.readString(volumeA.resolve("secret")));
        for (Path p : regularFiles(volumeB)) {
            assertFalse(Files.readString(p).contains(SECRET), "A's secret copied into " + p);
        }
        Outcome owner = finish(start(tenantA, shell("cat /vol/secret")));
        assertEquals(SECRET + "\n", owner.output(), "A's guest reads its own secret");
    }

    /**
     * A race a guest can run with two VMs of its own tenant: one keeps swapping B's directory
     * /vol/x for a symbolic link to A's volume (on the host, a real symlink into A's
     * directory) and back, while the other keeps opening /vol/x/secret. A walk that checked
     * x as a directory and then let the host resolve x/secret after the swap would open A's
     * file; the reader must only ever get B's decoy or ENOENT.
     */
    @Test
    void swappingADirectoryForALinkMidWalkNeverReachesA() throws Exception {
        Files.createDirectory(volumeB.resolve("x"));
        Files.writeString(volumeB.resolve("x").resolve("secret"), "B's decoy\n");
        Calls swapper = new Calls(tenantB.attach(new SessionSpec().mount(vol(volumeB))));
        Calls reader = new Calls(tenantB.attach(new SessionSpec().mount(vol(volumeB))));
        String intoA = volumeA.toAbsolutePath().toString();
        AtomicBoolean stop = new AtomicBoolean();
        Future<Integer> swaps = pool.submit(() -> {
            int n = 0;
            while (!stop.get()) {
                assertEquals(0, swapper.rename("/vol/x", "/vol/x.real"));
                assertEquals(0, swapper.symlink(intoA, "/vol/x"));
                assertEquals(0, swapper.unlink("/vol/x"));
                assertEquals(0, swapper.rename("/vol/x.real", "/vol/x"));
                n++;
            }
            return n;
        });
        int decoys = 0;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while ((System.nanoTime() < until || decoys == 0) && !swaps.isDone()) {
            long h = reader.open("/vol/x/secret", O_RDONLY);
            if (h >= 0) {
                String got = reader.read(h, 64);
                reader.close(h);
                assertEquals("B's decoy\n", got, "B's reader opened something else");
                decoys++;
            } else {
                assertEquals(-Errno.ENOENT, h);
            }
        }
        stop.set(true);
        assertTrue(swaps.get(1, TimeUnit.MINUTES) > 10, "the swapper hardly ran");
        assertTrue(decoys > 0, "the reader never found B's own file");
        assertEquals(SECRET + "\n", Files.readString(volumeA.resolve("secret")));
    }

    // ------------------------------------------------------------------------------ /proc

    /**
     * While A's guest holds its secret open on descriptor 3, works in /vol and carries the
     * secret in its environment, B's guest walks every /proc path that could lead to another
     * process (its root, its cwd, its descriptors, its environment and command line, under
     * "self" and under low pids): none shows A's secret, and the paths that name A's file
     * fail. A then reads the secret through its descriptor, so it was really there.
     */
    @Test
    void procShowsNothingOfTheOtherTenant() throws Exception {
        HeldInput hold = new HeldInput();
        LaunchSpec aSpec = shell("exec 3</vol/secret; cd /vol; echo ready; read line;"
                + " cat <&3");
        aSpec.env.add("A_TOKEN=" + SECRET);
        Run a = start(tenantA, aSpec, volumeA, hold);
        awaitOutput(a, "ready\n");

        String av = volumeA.toAbsolutePath().toString();
        // Reads a /proc path unless it leads to a pipe, socket or device: a descriptor of the
        // probing pipeline itself would wait for its own writer, on Linux as here.
        StringBuilder probes = new StringBuilder("cd /vol\n"
                + "catf() { for f in \"$@\"; do if [ -p \"$f\" ] || [ -S \"$f\" ] || [ -c \"$f\" ];"
                + " then echo \"skip $f\"; else cat \"$f\" 2>&1 | head -c 4096; fi; done; }\n");
        for (String p : List.of("/proc/self/root", "/proc/self/cwd", "/proc/self/cwd/..",
                "/proc/self/fd", "/proc/self/fd/3", "/proc/self/environ", "/proc/self/cmdline",
                "/proc/self/maps", "/proc/self/mounts", "/proc/mounts")) {
            probes.append("catf ").append(p).append("; ls -la ")
                    .append(p).append(" 2>&1; readlink ").append(p).append(" 2>&1\n");
        }
        probes.append("readlink /proc/self/exe /proc/1/exe /proc/2/exe 2>&1\n");
        for (int pid = 1; pid <= 4; pid++) {
            for (String f : List.of("environ", "cmdline", "fd/3", "cwd/secret", "root")) {
                probes.append("catf /proc/").append(pid).append('/').append(f)
                        .append("; echo\n");
            }
        }
        probes.append(String.join("\n",
                attempt("root-host-path", "cat /proc/self/root" + av + "/secret"),
                attempt("cwd-dotdot", "cat /proc/self/cwd/../tenant-a-volume/secret"),
                attempt("pid-cwd", "cat /proc/1/cwd/secret"),
                attempt("pid-root", "cat /proc/1/root" + av + "/secret"), ""))
                .append("ls -laR /proc 2>&1 | head -c 65536\n")
                .append("catf /proc/*/environ /proc/*/fd/* | head -c 65536\n");
        Outcome b = finish(start(tenantB, shell(probes.toString())));
        hold.release();
        Outcome owner = finish(a.result);

        assertFalse(b.output().contains(SECRET), "B's guest saw A's secret:\n" + b.output());
        for (String label : List.of("root-host-path", "cwd-dotdot", "pid-cwd", "pid-root")) {
            assertEquals(1, status(b, label), label + " should fail:\n" + b.output());
        }
        assertEquals("ready\n" + SECRET + "\n", owner.output(), "A's descriptor 3 held it");
    }

    // ------------------------------------------------------------------------------ handles

    /**
     * B's session takes the handle numbers under which A's session holds A's secret file and
     * A's volume directory and uses them for READ, WRITE, FSTAT, SEEK, GETDENTS, FSYNC, CLOSE
     * and as the directory of an OPEN: all EBADF, since a handle indexes the caller's own
     * table. Once B holds a file under the same number, that number reaches B's file, not A's.
     * Negative, huge and random numbers are EBADF too; A's file and handle are untouched.
     */
    @Test
    void forgedHandleNumbersAreEbadf() throws Exception {
        Files.writeString(volumeB.resolve("mine"), "B's own bytes");
        Calls a = new Calls(tenantA.attach(new SessionSpec().mount(vol(volumeA))));
        Calls b = new Calls(tenantB.attach(new SessionSpec().mount(vol(volumeB))));
        for (int k = 0; k < 5; k++) {
            assertTrue(a.open("/dev/null", O_RDONLY) >= 3);
        }
        long dirA = a.open("/vol", O_RDONLY | O_DIRECTORY);
        long secretA = a.open("/vol/secret", O_RDWR);
        assertTrue(secretA > dirA && dirA > 3, "A's handles: dir " + dirA + ", file " + secretA);

        for (long h : List.of(dirA, secretA)) {
            assertEquals("errno -" + Errno.EBADF, b.read(h, 64), "READ of A's handle " + h);
            assertEquals(-Errno.EBADF, b.write(h, "pwned"), "WRITE to A's handle " + h);
            assertEquals(-Errno.EBADF, b.fstat(h), "FSTAT of A's handle " + h);
            assertEquals(-Errno.EBADF, b.call(Opcode.SEEK, h, null, 0, 0, null));
            assertEquals(-Errno.EBADF, b.call(Opcode.FSYNC, h, null, 0, 0, null));
            assertEquals(-Errno.EBADF, b.call(Opcode.GETDENTS, h, b.out(new byte[4096]), 0, 0,
                    null));
            assertEquals(-Errno.EBADF, b.close(h), "CLOSE of A's handle " + h);
        }
        assertEquals(-Errno.EBADF, b.openAt(dirA, "secret", O_RDONLY), "A's dir as B's dirfd");
        assertEquals(-Errno.ENOENT, b.open("/vol/secret", O_RDONLY), "B's /vol is its own");

        Random rnd = new Random(20260512);
        List<Long> forged = new ArrayList<>(List.of(-2L, -5L, (long) Integer.MIN_VALUE,
                (long) Integer.MAX_VALUE, 4096L, 4097L, 1L << 20, 65_535L));
        for (int k = 0; k < 200; k++) {
            forged.add((long) rnd.nextInt());
        }
        for (long h : forged) {
            assertEquals("errno -" + Errno.EBADF, b.read(h, 16), "READ of handle " + h);
            assertEquals(-Errno.EBADF, b.write(h, "x"), "WRITE to handle " + h);
            assertEquals(-Errno.EBADF, b.fstat(h), "FSTAT of handle " + h);
            assertEquals(-Errno.EBADF, b.close(h), "CLOSE of handle " + h);
        }

        long mine;
        do {
            mine = b.open("/vol/mine", O_RDONLY);
            assertTrue(mine >= 3, "B's open gave " + mine);
        } while (mine < secretA);
        assertEquals(secretA, mine, "B now holds a file under A's number");
        assertEquals("B's own bytes", b.read(secretA, 64));
        assertEquals(SECRET + "\n", a.read(secretA, 64), "A's handle still reads A's file");
        assertEquals(SECRET + "\n", Files.readString(volumeA.resolve("secret")));
    }

    // ------------------------------------------------------------------------------ grants

    /**
     * B's session grants memory that is not B's: the address where A's address space holds a
     * copy of the secret (unmapped in B's), kernel-half and non-canonical addresses, a range
     * that runs off the end of user space, ranges whose end wraps around 2^63 or 2^64, and
     * a length far past what B mapped. READ, WRITE and FSTAT answer EFAULT, store nothing
     * into B's mapped pages when they fault, write nothing to B's file, and A's memory keeps
     * its bytes.
     */
    @Test
    void grantsOutsideTheCallersMemoryFault() throws Exception {
        long pageA = 0x10000;
        long pageB = 0x20000;
        long lastUserPage = (1L << 47) - Frame.SIZE;
        AddressSpace memoryA = new AddressSpace();
        memoryA.map(pageA, Frame.SIZE, Prot.READ | Prot.WRITE);
        memoryA.writeBytes(pageA, bytes(SECRET), 0, SECRET.length());
        AddressSpace memoryB = new AddressSpace();
        memoryB.map(0, Frame.SIZE, Prot.READ | Prot.WRITE);
        memoryB.map(pageB, Frame.SIZE, Prot.READ | Prot.WRITE);
        memoryB.map(lastUserPage, Frame.SIZE, Prot.READ | Prot.WRITE);
        Files.writeString(volumeB.resolve("data"), "B-DATA-0123456789");
        Calls b = new Calls(tenantB.attach(new SessionSpec().mount(vol(volumeB))));
        long h = b.open("/vol/data", O_RDWR);
        assertTrue(h >= 3, "open gave " + h);

        long[] foreign = {pageA, 0xffff_8000_0000_0000L, -Frame.SIZE, 0x0000_8000_0000_0000L,
            Long.MIN_VALUE, Long.MAX_VALUE - 7, 1L << 47, -8L, Long.MAX_VALUE - Frame.SIZE + 1};
        for (long at : foreign) {
            String where = String.format("grant at 0x%x", at);
            Grant in = new Grant(memoryB, at, 64, true);
            assertEquals(-Errno.EFAULT, b.call(Opcode.READ, h, in, 0, 0, null), "READ " + where);
            assertEquals(-Errno.EFAULT, b.call(Opcode.WRITE, h, new Grant(memoryB, at, 64,
                    false), 0, 0, null), "WRITE " + where);
            assertEquals(-Errno.EFAULT, b.call(Opcode.FSTAT, h, new Grant(memoryB, at, 144,
                    true), 0, 0, null), "FSTAT " + where);
        }
        long edge = lastUserPage + Frame.SIZE - 8;
        assertEquals(-Errno.EFAULT, b.call(Opcode.FSTAT, h, new Grant(memoryB, edge, 144, true),
                0, 0, null), "a struct that would run off the end of user memory");
        assertEquals(0, memoryB.read64(edge), "a FSTAT that faults half-way stores nothing");
        assertEquals(8, b.call(Opcode.READ, h, new Grant(memoryB, edge, 64, true), 0, 0, null),
                "a READ that runs off the end of user memory stops there, as on Linux");
        byte[] got = new byte[8];
        memoryB.readBytes(edge, got, 0, 8);
        assertEquals("B-DATA-0", new String(got, StandardCharsets.UTF_8));
        assertEquals(0, memoryB.read64(0), "a wrapping grant never reaches page 0");
        assertFalse(memoryB.isMapped(pageA), "the faults mapped nothing in B");

        assertEquals(17, b.call(Opcode.READ, h, new Grant(memoryB, pageB, Integer.MAX_VALUE,
                true), 0, 0, null), "a READ past the mapping stores only what the file has");
        long huge = b.call(Opcode.WRITE, h, new Grant(memoryB, pageB, Integer.MAX_VALUE, false),
                100, 0, null);
        assertTrue(huge == -Errno.EFAULT || huge >= 0 && huge <= Frame.SIZE,
                "a 2 GiB WRITE from one mapped page gave " + huge);

        byte[] stillA = new byte[SECRET.length()];
        memoryA.readBytes(pageA, stillA, 0, stillA.length);
        assertEquals(SECRET, new String(stillA, StandardCharsets.UTF_8), "A's memory");
        assertTrue(Files.readString(volumeB.resolve("data")).startsWith("B-DATA"),
                "B's file: " + Files.readString(volumeB.resolve("data")));
    }

    /**
     * The guest-level view of the same checks: B's bad_pointers hands read, write, stat, open,
     * readlink, getcwd and pipe buffers that are not its memory (NULL, unmapped, read-only,
     * kernel half, non-canonical, the top page, running off a mapping, counts whose end
     * wraps) and must see exactly what Linux printed when the case was recorded (EFAULT each
     * time, nothing changed), while A's guest, reading its secret on the other thread, is
     * untouched.
     */
    @Test
    void badPointersFromAGuestFaultAsOnLinux() throws Exception {
        Run a = start(tenantA, shell("for i in 1 2 3 4 5; do cat /vol/secret; done"));
        Outcome b = finish(start(tenantB, program("bad_pointers.glibc")));
        String linux = Files.readString(BIN.resolveSibling("expected")
                .resolve("bad_pointers.glibc.out"), StandardCharsets.UTF_8);
        assertEquals(linux, b.output(), String.valueOf(b.reason()));
        assertEquals(0, b.status());
        assertEquals((SECRET + "\n").repeat(5), finish(a).output());
    }

    /**
     * The same over the shared rings, where a guest kernel writes entries itself: buffer and
     * path references whose address plus length wraps past 2^63, region offsets far past the
     * region, and guest addresses past user space or unmapped complete with EFAULT, and the
     * serving thread goes on serving. (Before the decoder compared without forming the sum, a
     * wrapping region reference threw on the serving thread, which would have stalled every
     * VM of the tenant.)
     */
    @Test
    void hostileRingReferencesCompleteWithEfault() throws IOException {
        SystemVm rings = new SystemVm("isolation-b-rings", RingConfig.DEFAULT.serverThreads(0));
        try {
            RingPort port = rings.attachRing(new SessionSpec().mount(vol(volumeB)));
            AddressSpace memory = new AddressSpace();
            memory.map(0x20000, Frame.SIZE, Prot.READ | Prot.WRITE);
            port.pair().lend(1, memory);
            int region = RingLayout.REF_PRESENT | RingLayout.REF_REGION;
            int guest = RingLayout.REF_PRESENT | 1 << RingLayout.REF_ASID_SHIFT;
            Files.writeString(volumeB.resolve("data"), "B-DATA-0123456789");
            long file = served(rings, port, new HypercallRequest().set(Opcode.OPEN, -1, null)
                    .args(O_RDWR, 0).path("/vol/data"));
            assertTrue(file >= 3, "open gave " + file);
            for (long addr : List.of(Long.MAX_VALUE, Long.MAX_VALUE - 15, Long.MIN_VALUE + 8,
                    (long) Integer.MAX_VALUE + 1, 1L << 40)) {
                String where = String.format("0x%x", addr);
                assertEquals(-Errno.EFAULT, hostile(rings, port, Opcode.READ, file,
                        RingLayout.SQE_GRANT, addr, region | RingLayout.REF_WRITABLE),
                        "READ into region offset " + where);
                assertEquals(-Errno.EFAULT, hostile(rings, port, Opcode.OPEN, -1,
                        RingLayout.SQE_PATH, addr, region), "path at region offset " + where);
                assertEquals(-Errno.EFAULT, hostile(rings, port, Opcode.OPEN, -1,
                        RingLayout.SQE_PATH, addr, guest), "path at guest address " + where);
                assertEquals(-Errno.EFAULT, hostile(rings, port, Opcode.READ, file,
                        RingLayout.SQE_GRANT, addr, guest | RingLayout.REF_WRITABLE),
                        "READ into guest address " + where);
            }
            assertTrue(served(rings, port, new HypercallRequest().set(Opcode.OPEN, -1, null)
                    .args(O_RDWR | O_CREAT, 0644).path("/vol/after")) >= 3, "the ring serves on");
            assertTrue(Files.exists(volumeB.resolve("after")));
        } finally {
            rings.close();
        }
    }

    /**
     * Submits a NOP on {@code handle} through {@code port}, rewrites its entry in the region
     * into {@code opcode} with one hostile 16-byte reference, then serves it on this thread;
     * returns its completion.
     */
    private static long hostile(SystemVm vm, RingPort port, int opcode, long handle, int field,
            long addr, int flags) {
        int ticket = port.submit(new HypercallRequest().set(Opcode.NOP, (int) handle, null)
                .args(-1, 0));
        ByteBuffer region = port.pair().region();
        int at = port.pair().submissions().producerEntry(-1);
        region.putShort(at + RingLayout.SQE_OPCODE, (short) opcode)
                .putLong(at + field + RingLayout.REF_ADDR, addr)
                .putInt(at + field + RingLayout.REF_LEN, 16)
                .putInt(at + field + RingLayout.REF_FLAGS, flags);
        port.flush();
        serveAll(vm);
        return port.complete(ticket);
    }

    /** One well-formed request through {@code port}, served on this thread. */
    private static long served(SystemVm vm, RingPort port, HypercallRequest r) {
        int ticket = port.submit(r);
        port.flush();
        serveAll(vm);
        return port.complete(ticket);
    }

    private static void serveAll(SystemVm vm) {
        int turns = 0;
        while (vm.ringServer().serveOneTurn()) {
            assertTrue(++turns < 100, "the ring keeps having work");
        }
    }

    // ------------------------------------------------------------------------------ network

    /**
     * A's tcp_echo server listens on 127.0.0.1:7301. B's client, dialing the same address, is
     * refused (B's loopback is B's own, and the host is not A). B then runs its own server on
     * the very same port, which binds without EADDRINUSE and serves B's client; A's client
     * still reaches A's server, and neither server ever sees the other tenant's message.
     */
    @Test
    void anotherTenantsListeningSocketIsUnreachable() throws Exception {
        Run serverA = start(tenantA, program("tcp_echo.musl", "server", "7301", "1"));
        awaitOutput(serverA, "listening on 7301\n");
        Outcome knock = finish(start(tenantB, program("tcp_echo.musl", "client", "127.0.0.1",
                "7301", "from-b")));
        assertEquals(1, knock.status(), knock.output());
        assertEquals("connect: Connection refused\n", knock.output());

        Run serverB = start(tenantB, program("tcp_echo.musl", "server", "7301", "1"));
        awaitOutput(serverB, "listening on 7301\n");
        Outcome clientB = finish(start(tenantB, program("tcp_echo.glibc", "client",
                "127.0.0.1", "7301", "to-b")));
        Outcome clientA = finish(start(tenantA, program("tcp_echo.glibc", "client",
                "127.0.0.1", "7301", "to-a")));
        assertEquals("echo: to-b\n", clientB.output());
        assertEquals("echo: to-a\n", clientA.output());
        Outcome a = finish(serverA.result);
        Outcome b = finish(serverB.result);
        assertEquals(0, a.status(), a.output());
        assertTrue(a.output().contains("served client 1 from AF_INET: 4 bytes: to-a\n"),
                a.output());
        assertFalse(a.output().contains("from-b") || a.output().contains("to-b"), a.output());
        assertTrue(b.output().contains("served client 1 from AF_INET: 4 bytes: to-b\n"),
                b.output());
        assertFalse(b.output().contains("to-a"), b.output());
    }

    /**
     * The same at the socket hypercalls, for the kinds no guest program here speaks: A listens
     * on an AF_UNIX path, an abstract AF_UNIX name and a TCP port, and binds a UDP port. B's
     * connects get ENOENT (path), ECONNREFUSED (abstract name, TCP), B's datagram goes
     * nowhere, and B can take every one of those names for itself; A's listeners have nothing
     * to accept and A's UDP socket nothing to receive.
     */
    @Test
    void unixAndLoopbackNamesAreEachTenantsOwn() {
        Calls a = new Calls(tenantA.attach(new SessionSpec()));
        Calls b = new Calls(tenantB.attach(new SessionSpec()));
        byte[] path = un("/tmp/a.sock");
        byte[] abstractName = un("@a-bus");
        byte[] tcp = in4(7302);
        long unixA = a.socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK);
        long abstractA = a.socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK);
        long tcpA = a.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
        long udpA = a.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK);
        assertEquals(0, a.bind(unixA, path));
        assertEquals(0, a.bind(abstractA, abstractName));
        assertEquals(0, a.bind(tcpA, tcp));
        assertEquals(0, a.bind(udpA, in4(7303)));
        for (long l : List.of(unixA, abstractA, tcpA)) {
            assertEquals(0, a.listen(l, 8));
        }

        assertEquals(-Errno.ENOENT, b.connect(b.socket(AF_UNIX, SOCK_STREAM), path));
        assertEquals(-ECONNREFUSED, b.connect(b.socket(AF_UNIX, SOCK_STREAM), abstractName));
        assertEquals(-ECONNREFUSED, b.connect(b.socket(AF_INET, SOCK_STREAM), tcp));
        long udpB = b.socket(AF_INET, SOCK_DGRAM);
        assertEquals(4, b.sendto(udpB, "to-a", in4(7303)), "UDP sends into B's own nowhere");
        for (long l : List.of(unixA, abstractA, tcpA)) {
            assertEquals(-Errno.EAGAIN, a.accept(l), "A's listener " + l + " got a connection");
        }
        assertEquals("errno -" + Errno.EAGAIN, a.recv(udpA, 64));

        long unixB = b.socket(AF_UNIX, SOCK_STREAM);
        long abstractB = b.socket(AF_UNIX, SOCK_STREAM);
        long tcpB = b.socket(AF_INET, SOCK_STREAM);
        assertEquals(0, b.bind(unixB, path), "A's AF_UNIX path is free in B");
        assertEquals(0, b.bind(abstractB, abstractName), "A's abstract name is free in B");
        assertEquals(0, b.bind(tcpB, tcp), "A's port is free in B");
        assertEquals(0, b.listen(tcpB, 8));
        assertEquals(0, b.connect(b.socket(AF_INET, SOCK_STREAM), tcp), "B reaches B");
        assertEquals(-Errno.EAGAIN, a.accept(tcpA), "B's own connect did not land in A");
    }

    // ------------------------------------------------------------------------------ quotas

    /**
     * A's guest fills its 1 MiB /tmp until ENOSPC and opens descriptors until EMFILE, then
     * holds everything while B's guest, under the same limits, writes 512 KiB to its /tmp,
     * reads it back and opens 100 descriptors. These limits belong to each user VM, so A
     * exhausting its own leaves B's whole.
     */
    @Test
    void exhaustingOneTenantsQuotasLeavesTheOthersWhole() throws Exception {
        HeldInput hold = new HeldInput();
        LaunchSpec hog = bash("exec 2>&1\n"
                + "while printf '%65536s' x >> /tmp/fill; do :; done\n"
                + "echo 'A tmp full'\n"
                + "n=0; while exec {fd}</dev/null; do n=$((n+1)); done\n"
                + "echo \"A descriptors full after $n\"\n"
                + "read line\n"
                + "echo 'A released'\n");
        hog.tmpLimitBytes = 1 << 20;
        Run a = start(tenantA, hog, volumeA, hold);
        awaitOutput(a, "A descriptors full");

        LaunchSpec normal = bash("exec 2>&1\n"
                + "for i in 1 2 3 4 5 6 7 8; do printf '%65536s' x >> /tmp/b || echo FAIL; done\n"
                + "s=$(</tmp/b); echo \"B tmp holds ${#s}\"\n"
                + "n=0; while [ $n -lt 100 ] && exec {fd}</tmp/b; do n=$((n+1)); done\n"
                + "echo \"B opened $n\"\n");
        normal.tmpLimitBytes = 1 << 20;
        Outcome b = finish(start(tenantB, normal));
        hold.release();
        Outcome hogged = finish(a.result);

        assertTrue(hogged.output().contains("No space left on device"), hogged.output());
        assertTrue(hogged.output().contains("Too many open files"), hogged.output());
        assertTrue(hogged.output().endsWith("A released\n"), hogged.output());
        assertEquals("B tmp holds 524288\nB opened 100\n", b.output());
        assertEquals(0, b.status(), b.output());
    }

    /**
     * The resources a tenant's VMs share in its system VM, exhausted at the hypercall level:
     * A's sessions take every ephemeral port of A's network namespace (EADDRINUSE) and fill a
     * session's handle table (EMFILE) and /tmp (ENOSPC). B's session still binds ephemeral
     * ports and A's own ports, opens handles and writes its /tmp.
     */
    @Test
    void exhaustingATenantsPortsAndHandlesLeavesTheOthersWhole() {
        // Room for more sockets than the ephemeral range, so the ports run out first.
        tenantA.close();
        tenantA = new SystemVm("isolation-a", null, Quotas.DEFAULT.sockets(1 << 16));
        List<Calls> sessionsA = new ArrayList<>();
        Calls current = new Calls(tenantA.attach(new SessionSpec()));
        sessionsA.add(current);
        int bound = 0;
        long result;
        while (true) {
            long s = current.socket(AF_INET, SOCK_STREAM);
            if (s == -Errno.EMFILE) {
                current = new Calls(tenantA.attach(new SessionSpec()));
                sessionsA.add(current);
                continue;
            }
            assertTrue(s >= 3, "socket gave " + s);
            result = current.bind(s, in4(0));
            if (result != 0) {
                break;
            }
            bound++;
            assertTrue(bound <= 65_536, "ephemeral ports never ran out");
        }
        assertEquals(-EADDRINUSE, result, "after " + bound + " ephemeral ports");
        assertEquals(60_999 - 32_768 + 1, bound, "Linux's ephemeral range, all taken");

        Calls b = new Calls(tenantB.attach(new SessionSpec().tmpLimitBytes(1 << 20)));
        assertEquals(0, b.bind(b.socket(AF_INET, SOCK_STREAM), in4(0)), "B's ephemeral port");
        assertEquals(0, b.bind(b.socket(AF_INET, SOCK_STREAM), in4(40_000)), "A's port in B");

        Calls full = new Calls(tenantA.attach(new SessionSpec().tmpLimitBytes(1 << 20)));
        while ((result = full.open("/dev/null", O_RDONLY)) >= 0) {
            assertTrue(result < 1 << 16, "handles never ran out");
        }
        assertEquals(-Errno.EMFILE, result);
        assertEquals(-Errno.EMFILE, full.open("/tmp/x", O_RDWR | O_CREAT));
        full.close(3);
        long fill = full.open("/tmp/fill", O_RDWR | O_CREAT);
        byte[] chunk = new byte[64 << 10];
        while ((result = full.write(fill, chunk)) > 0) {
            assertTrue(full.fstat(fill) == 0, "fstat of the filling file");
        }
        assertEquals(-Errno.ENOSPC, result);

        for (int k = 0; k < 100; k++) {
            assertTrue(b.open("/dev/null", O_RDONLY) >= 3, "B's open " + k);
        }
        long mine = b.open("/tmp/b", O_RDWR | O_CREAT);
        for (int k = 0; k < 8; k++) {
            assertEquals(chunk.length, b.write(mine, chunk), "B's write " + k);
        }
    }

    // ------------------------------------------------------------------------------ caches

    /**
     * Nothing that could carry bytes is shared: {@code Tenants} gives each tenant name its own
     * system VM (the same one on every call); A and B, each with a different host directory
     * at /vol, read /vol/data in interleaved turns and each gets only its own bytes; A's /tmp
     * file does not exist for B; and the secret that a READ copies into a demand-zero page of
     * A's memory is in A's private copy only: the shared zero frame stays zero, so a fresh
     * page of B reads zero.
     */
    @Test
    void noCacheOrSystemVmIsShared() throws Exception {
        Tenants tenants = new Tenants();
        SystemVm first = tenants.systemVm("tenant-a");
        assertSame(first, tenants.systemVm("tenant-a"), "one system VM per tenant");
        assertNotSame(first, tenants.systemVm("tenant-b"), "tenants never share one");
        assertEquals("tenant-b", tenants.systemVm("tenant-b").tenant());
        first.close();
        tenants.systemVm("tenant-b").close();

        Files.writeString(volumeA.resolve("data"), "A".repeat(10_000));
        Files.writeString(volumeB.resolve("data"), "B".repeat(10_000));
        Calls a = new Calls(tenantA.attach(new SessionSpec().mount(vol(volumeA))));
        Calls b = new Calls(tenantB.attach(new SessionSpec().mount(vol(volumeB))));
        for (int turn = 0; turn < 20; turn++) {
            long ha = a.open("/vol/data", O_RDONLY);
            long hb = b.open("/vol/data", O_RDONLY);
            assertEquals(ha, hb, "the same guest path under the same handle number");
            assertEquals("A".repeat(4000), a.read(ha, 4000), "A's turn " + turn);
            assertEquals("B".repeat(4000), b.read(hb, 4000), "B's turn " + turn);
            a.close(ha);
            b.close(hb);
        }
        assertEquals(0, a.put("/tmp/note", SECRET));
        assertEquals(-Errno.ENOENT, b.open("/tmp/note", O_RDONLY), "A's /tmp is not B's");

        Outcome[] both = {null, null};
        Run ra = start(tenantA, shell("for i in 1 2 3 4 5 6 7 8; do cat /vol/data; done"),
                volumeA, null);
        Run rb = start(tenantB, shell("for i in 1 2 3 4 5 6 7 8; do cat /vol/data; done"),
                volumeB, null);
        both[0] = finish(ra.result);
        both[1] = finish(rb.result);
        assertEquals("A".repeat(80_000), both[0].output(), "A's guest reads A's bytes");
        assertEquals("B".repeat(80_000), both[1].output(), "B's guest reads B's bytes");

        AddressSpace memoryA = new AddressSpace();
        memoryA.map(0x10000, Frame.SIZE, Prot.READ | Prot.WRITE);
        long secret = a.open("/vol/secret", O_RDONLY);
        assertEquals(SECRET.length() + 1, a.call(Opcode.READ, secret,
                new Grant(memoryA, 0x10000, 64, true), -1, 0, null));
        AddressSpace memoryB = new AddressSpace();
        memoryB.map(0x10000, Frame.SIZE, Prot.READ | Prot.WRITE);
        byte[] seen = new byte[Frame.SIZE];
        memoryB.readBytes(0x10000, seen, 0, seen.length);
        assertArrayEquals(new byte[Frame.SIZE], seen, "B's fresh page");
        assertArrayEquals(new byte[Frame.SIZE], Frame.ZERO.bytes(), "the shared zero frame");
    }

    // ------------------------------------------------------------------------------ guests

    /** What one guest run left behind: its status and its stdout and stderr, interleaved. */
    record Outcome(int status, String output, String reason) {
    }

    /** A guest being run on the pool, and its console output so far. */
    private static final class Run {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        Future<Outcome> result;

        String output() {
            return console.toString(StandardCharsets.UTF_8);
        }
    }

    /** Console input that stays empty until released, then ends: holds a guest's "read". */
    private static final class HeldInput extends InputStream {
        private final CountDownLatch released = new CountDownLatch(1);

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    /** A shell line that runs {@code command} and then prints "label rc=STATUS". */
    private static String attempt(String label, String command) {
        return "{ " + command + " ; } 2>&1; echo \"" + label + " rc=$?\"";
    }

    /** The status that {@link #attempt} printed for {@code label}. */
    private static int status(Outcome o, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " rc=(\\d+)$")
                .matcher(o.output());
        if (!m.find()) {
            fail("no status for " + label + " in:\n" + o.output());
        }
        return Integer.parseInt(m.group(1));
    }

    private static LaunchSpec shell(String script) {
        return LaunchSpec.of(BUSYBOX, List.of("sh", "-c", script));
    }

    private static LaunchSpec bash(String script) {
        return LaunchSpec.of(BASH, List.of("-c", script));
    }

    private static LaunchSpec program(String name, String... args) {
        return LaunchSpec.of(BIN.resolve(name), List.of(args));
    }

    /** Starts a guest of {@code tenant} with the tenant's own volume at /vol. */
    private Run start(SystemVm tenant, LaunchSpec spec) {
        return start(tenant, spec, tenant == tenantA ? volumeA : volumeB, null);
    }

    private Run start(SystemVm tenant, LaunchSpec spec, Path volume, InputStream stdin) {
        Run run = new Run();
        spec.volumes.add(new LaunchSpec.Volume(volume, "/vol", false));
        spec.console = new Console(stdin != null ? stdin : new ByteArrayInputStream(new byte[0]),
                run.console, run.console);
        run.result = pool.submit(() -> {
            UserVm vm = UserVm.start(tenant, spec);
            int status = vm.run();
            return new Outcome(status, run.output(), vm.kernel().terminationReason());
        });
        return run;
    }

    private static Outcome finish(Run run) throws Exception {
        return finish(run.result);
    }

    private static Outcome finish(Future<Outcome> result) throws Exception {
        return result.get(3, TimeUnit.MINUTES);
    }

    /** Waits until the guest has printed {@code text}; fails if it ends first. */
    private static void awaitOutput(Run run, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!run.output().contains(text)) {
            if (run.result.isDone()) {
                fail("the guest ended before printing \"" + text + "\": " + run.output()
                        + " " + run.result.get());
            }
            if (System.nanoTime() > deadline) {
                fail("the guest never printed \"" + text + "\": " + run.output());
            }
            Thread.sleep(20);
        }
    }

    private static Mount vol(Path dir) {
        return new Mount(dir.toAbsolutePath(), "/vol", false);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] in4(int port) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) AF_INET).order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        b.put(new byte[] {127, 0, 0, 1});
        return b.array();
    }

    /** A sockaddr_un: a path, or an abstract name when it starts with '@'. */
    private static byte[] un(String name) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        boolean path = !name.startsWith("@");
        byte[] b = new byte[2 + n.length + (path ? 1 : 0)];
        b[0] = AF_UNIX;
        System.arraycopy(n, 0, b, 2, n.length);
        if (!path) {
            b[2] = 0;
        }
        return b;
    }

    // ------------------------------------------------------------------------------ hypercalls

    /** One session's raw hypercalls, as a microkernel (or a hostile one) would send them. */
    private static final class Calls {
        private final HypercallPort port;

        Calls(HypercallPort port) {
            this.port = port;
        }

        long call(int opcode, long handle, Grant g, long arg0, long arg1, String path) {
            return port.call(new HypercallRequest().set(opcode, (int) handle, g).args(arg0, arg1)
                    .path(path));
        }

        Grant out(byte[] b) {
            return Grant.ofBuffer(b, 0, b.length, true);
        }

        Grant in(byte[] b) {
            return Grant.ofBuffer(b, 0, b.length, false);
        }

        long open(String path, int flags) {
            return openAt(-1, path, flags);
        }

        long openAt(long dir, String path, int flags) {
            return call(Opcode.OPEN, dir, null, flags, 0644, path);
        }

        /** Reads up to n bytes at the handle's offset: the text, or "errno -N". */
        String read(long h, int n) {
            byte[] b = new byte[n];
            long got = call(Opcode.READ, h, out(b), -1, 0, null);
            return got < 0 ? "errno " + got : new String(b, 0, (int) got, StandardCharsets.UTF_8);
        }

        long write(long h, String text) {
            return write(h, bytes(text));
        }

        long write(long h, byte[] data) {
            return call(Opcode.WRITE, h, in(data), -1, 0, null);
        }

        long put(String path, String text) {
            long h = open(path, O_RDWR | O_CREAT | O_TRUNC);
            long w = h < 0 ? h : write(h, text);
            close(h);
            return w < 0 ? w : 0;
        }

        long rename(String from, String to) {
            return port.call(new HypercallRequest().set(Opcode.RENAME, -1, null).path(from)
                    .second(-1, to));
        }

        long symlink(String target, String link) {
            return port.call(new HypercallRequest().set(Opcode.SYMLINK, -1, null).path(target)
                    .second(-1, link));
        }

        long unlink(String path) {
            return call(Opcode.UNLINK, -1, null, 0, 0, path);
        }

        long fstat(long h) {
            return call(Opcode.FSTAT, h, out(new byte[144]), 0, 0, null);
        }

        long close(long h) {
            return call(Opcode.CLOSE, h, null, 0, 0, null);
        }

        long socket(int domain, int type) {
            return call(Opcode.SOCKET, 0, null, domain, type, null);
        }

        long bind(long h, byte[] addr) {
            return call(Opcode.BIND, h, in(addr), 0, 0, null);
        }

        long listen(long h, int backlog) {
            return call(Opcode.LISTEN, h, null, backlog, 0, null);
        }

        long connect(long h, byte[] addr) {
            return call(Opcode.CONNECT, h, in(addr), 0, 0, null);
        }

        long accept(long h) {
            return call(Opcode.ACCEPT, h, null, 0, 0, null);
        }

        long sendto(long h, String text, byte[] to) {
            return port.call(new HypercallRequest().set(Opcode.SENDTO, (int) h, in(bytes(text)))
                    .grant2(in(to)).args(0, 0));
        }

        String recv(long h, int n) {
            byte[] b = new byte[n];
            long got = port.call(new HypercallRequest().set(Opcode.RECVFROM, (int) h, out(b))
                    .args(0, 0));
            return got < 0 ? "errno " + got : new String(b, 0, (int) got, StandardCharsets.UTF_8);
        }
    }
}

package dev.splitvisor.kernel;

import dev.splitvisor.mmu.Frame;
import dev.splitvisor.mmu.Prot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of the kernel's /proc files and the listings of its /proc directories, in the
 * formats of Linux 6.1 (the release uname reports): maps, status, stat, statm, cmdline,
 * comm, environ; and the {@code struct stat} each entry shows. Called only when a guest reads
 * one of them, never on a hot path.
 */
final class ProcReports {
    /** Device of every /proc entry (an anonymous-device number, as Linux's procfs has). */
    private static final long PROC_DEV = 0x16;
    private static final int DT_DIR = 4, DT_REG = 8, DT_LNK = 10;
    private static final int S_IFDIR = 0040000, S_IFREG = 0100000, S_IFLNK = 0120000;
    /** RLIMIT_SIGPENDING: Linux sizes it like RLIMIT_NPROC, which the VM fixes. */
    private static final int SIGPENDING_LIMIT = Microkernel.MAX_PROCESSES;
    /** Every capability of Linux 6.1 (CAP_LAST_CAP 40): the guest runs as root. */
    private static final long ALL_CAPS = 0x1FFFFFFFFFFL;
    /** Width Linux pads a maps line to before the name (25 + 6 * sizeof(void *) - 1). */
    private static final int MAPS_NAME_COLUMN = 72;

    /** One name in a /proc directory listing. */
    static final class DirEntry {
        final String name;
        final int type;
        final long inode;

        DirEntry(String name, int type, long inode) {
            this.name = name;
            this.type = type;
            this.inode = inode;
        }
    }

    private ProcReports() {
    }

    /** The current text of a /proc file. */
    static byte[] generate(Microkernel k, ProcFiles.Entry e) {
        Process p = e.process;
        switch (e.name) {
            case "maps": return ascii(maps(p));
            case "status": return ascii(status(p, viewOf(e)));
            case "stat": return ascii(statLine(p, viewOf(e)));
            case "statm": return ascii(statm(p));
            case "cmdline": return p.mm == null ? new byte[0] : strings(p.argv);
            case "environ": return p.mm == null ? new byte[0] : strings(p.env);
            case "comm": return (comm(p, viewOf(e)) + "\n").getBytes(StandardCharsets.UTF_8);
            default:
                throw new IllegalArgumentException("no generator for /proc file " + e.name);
        }
    }

    /** The thread whose view a file shows: thread-self's caller, else the group leader. */
    private static Task viewOf(ProcFiles.Entry e) {
        if (e.task != null) {
            return e.task;
        }
        Process p = e.process;
        for (Task t : p.threads) {
            if (t.tid == p.pid && t.state != Task.DEAD) {
                return t;
            }
        }
        for (Task t : p.threads) {
            if (t.state != Task.DEAD) {
                return t;
            }
        }
        return null;
    }

    private static byte[] ascii(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** NUL-terminated strings back to back (cmdline, environ). */
    private static byte[] strings(List<String> list) {
        if (list == null) {
            return new byte[0];
        }
        StringBuilder b = new StringBuilder();
        for (String s : list) {
            b.append(s).append('\0');
        }
        return ascii(b);
    }

    private static String comm(Process p, Task view) {
        if (view != null) {
            return InfoCalls.comm(view);
        }
        String exe = p.mm == null ? "" : p.mm.exePath;
        return exe.substring(exe.lastIndexOf('/') + 1);
    }

    // ---------------------------------------------------------------- maps

    /** One line per area, neighbours with the same rights and file merged as Linux's VMAs. */
    static String maps(Process p) {
        StringBuilder b = new StringBuilder();
        if (p.mm == null) {
            return "";
        }
        MemoryMap.Area run = null;
        long runEnd = 0;
        for (MemoryMap.Area a : p.mm.map.areas()) {
            if (run != null && a.start == runEnd && a.prot == run.prot && a.shared == run.shared
                    && a.file == run.file && a.name.equals(run.name) && a.dev == run.dev
                    && a.inode == run.inode
                    && (!a.file || a.offset == run.offset + (runEnd - run.start))) {
                runEnd = a.end;
                continue;
            }
            if (run != null) {
                mapsLine(b, run, runEnd);
            }
            run = a;
            runEnd = a.end;
        }
        if (run != null) {
            mapsLine(b, run, runEnd);
        }
        return b.toString();
    }

    private static void mapsLine(StringBuilder b, MemoryMap.Area a, long end) {
        int lineStart = b.length();
        b.append(hex(a.start, 8)).append('-').append(hex(end, 8)).append(' ');
        b.append((a.prot & Prot.READ) != 0 ? 'r' : '-');
        b.append((a.prot & Prot.WRITE) != 0 ? 'w' : '-');
        b.append((a.prot & Prot.EXEC) != 0 ? 'x' : '-');
        b.append(a.shared ? 's' : 'p').append(' ');
        b.append(hex(a.file ? a.offset : 0, 8)).append(' ');
        b.append(hex(StatLayout.major(a.dev), 2)).append(':').append(hex(StatLayout.minor(a.dev),
                2)).append(' ');
        b.append(Long.toUnsignedString(a.inode)).append(' ');
        if (!a.name.isEmpty()) {
            while (b.length() - lineStart < MAPS_NAME_COLUMN) {
                b.append(' ');
            }
            b.append(' ').append(a.name.replace("\n", "\\012"));
        }
        b.append('\n');
    }

    private static String hex(long v, int width) {
        String s = Long.toHexString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    // ---------------------------------------------------------------- status, stat, statm

    /** Sizes in pages Linux's status and statm report, from the area list. */
    private static final class Usage {
        long total;
        long resident;
        long data;
        long stack;
        long exe;
        long lib;

        Usage(Process p) {
            if (p.mm == null) {
                return;
            }
            for (MemoryMap.Area a : p.mm.map.areas()) {
                long pages = (a.end - a.start) / Frame.SIZE;
                total += pages;
                if (a.name.equals("[stack]")) {
                    stack += pages;
                } else if ((a.prot & Prot.EXEC) != 0 && a.file) {
                    if (a.name.equals(p.mm.exePath)) {
                        exe += pages;
                    } else {
                        lib += pages;
                    }
                } else if ((a.prot & Prot.WRITE) != 0 && !a.shared) {
                    data += pages;
                }
            }
            resident = p.mm.space.residentPages();
        }
    }

    static String status(Process p, Task view) {
        StringBuilder b = new StringBuilder();
        String name = comm(p, view).replace("\\", "\\\\").replace("\n", "\\n");
        field(b, "Name", name);
        field(b, "Umask", String.format("%04o", p.umask));
        field(b, "State", state(p));
        field(b, "Tgid", p.pid);
        field(b, "Ngid", 0);
        field(b, "Pid", view != null ? view.tid : p.pid);
        field(b, "PPid", p.parent == null ? 0 : p.parent.pid);
        field(b, "TracerPid", 0);
        field(b, "Uid", "0\t0\t0\t0");
        field(b, "Gid", "0\t0\t0\t0");
        field(b, "FDSize", fdSize(p));
        field(b, "Groups", " ");
        field(b, "NStgid", p.pid);
        field(b, "NSpid", view != null ? view.tid : p.pid);
        field(b, "NSpgid", p.pgid);
        field(b, "NSsid", p.sid);
        if (p.mm != null) {
            Usage u = new Usage(p);
            kb(b, "VmPeak", u.total);
            kb(b, "VmSize", u.total);
            kb(b, "VmLck", 0);
            kb(b, "VmPin", 0);
            kb(b, "VmHWM", u.resident);
            kb(b, "VmRSS", u.resident);
            kb(b, "RssAnon", u.resident);
            kb(b, "RssFile", 0);
            kb(b, "RssShmem", 0);
            kb(b, "VmData", u.data);
            kb(b, "VmStk", u.stack);
            kb(b, "VmExe", u.exe);
            kb(b, "VmLib", u.lib);
            kb(b, "VmPTE", 0);
            kb(b, "VmSwap", 0);
            kb(b, "HugetlbPages", 0);
        }
        field(b, "CoreDumping", 0);
        field(b, "THP_enabled", 1);
        field(b, "Threads", p.liveThreads());
        long threadPending = view == null ? 0 : view.pending.bits;
        field(b, "SigQ", (Long.bitCount(threadPending) + Long.bitCount(p.pending.bits)) + "/"
                + SIGPENDING_LIMIT);
        field(b, "SigPnd", sigset(threadPending));
        field(b, "ShdPnd", sigset(p.pending.bits));
        field(b, "SigBlk", sigset(view == null ? 0 : view.sigmask));
        field(b, "SigIgn", sigset(dispositions(p, true)));
        field(b, "SigCgt", sigset(dispositions(p, false)));
        field(b, "CapInh", sigset(0));
        field(b, "CapPrm", sigset(ALL_CAPS));
        field(b, "CapEff", sigset(ALL_CAPS));
        field(b, "CapBnd", sigset(ALL_CAPS));
        field(b, "CapAmb", sigset(0));
        field(b, "NoNewPrivs", 0);
        field(b, "Seccomp", 0);
        field(b, "Seccomp_filters", 0);
        field(b, "Speculation_Store_Bypass", "not vulnerable");
        field(b, "SpeculationIndirectBranch", "always disabled");
        field(b, "Cpus_allowed", 1);
        field(b, "Cpus_allowed_list", 0);
        field(b, "Mems_allowed", "00000001");
        field(b, "Mems_allowed_list", 0);
        field(b, "voluntary_ctxt_switches", 0);
        field(b, "nonvoluntary_ctxt_switches", 0);
        return b.toString();
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append(name).append(":\t").append(value).append('\n');
    }

    /** A size in pages as Linux prints it: kB, right-aligned in 8 columns. */
    private static void kb(StringBuilder b, String name, long pages) {
        b.append(name).append(":\t").append(String.format("%8d", pages * (Frame.SIZE / 1024)))
                .append(" kB\n");
    }

    private static String sigset(long bits) {
        return hex(bits, 16);
    }

    /** Signals ignored ({@code ignored}) or caught by a handler, as a mask (bit n-1 for n). */
    private static long dispositions(Process p, boolean ignored) {
        long mask = 0;
        if (p.actions == null) {
            return 0;
        }
        for (int s = 1; s < p.actions.length; s++) {
            long h = p.actions[s].handler;
            boolean match = ignored ? h == SigAction.SIG_IGN
                    : h != SigAction.SIG_IGN && h != SigAction.SIG_DFL;
            if (match) {
                mask |= SignalDelivery.bit(s);
            }
        }
        return mask;
    }

    /** Linux's state letter and word: runnable, sleeping (every thread waits) or zombie. */
    private static String state(Process p) {
        if (p.zombie) {
            return "Z (zombie)";
        }
        for (Task t : p.threads) {
            if (t.state == Task.RUNNABLE) {
                return "R (running)";
            }
        }
        return "S (sleeping)";
    }

    /** The descriptor table's capacity as Linux grows it: 64, then powers of two. */
    private static int fdSize(Process p) {
        int used = p.files == null ? 0 : p.files.limit();
        int size = 64;
        while (size < used) {
            size *= 2;
        }
        return size;
    }

    /** /proc/PID/stat: 52 fields, those the kernel does not track as 0. */
    static String statLine(Process p, Task view) {
        Usage u = new Usage(p);
        Mm mm = p.mm;
        long ticks = p.userNanos / 10_000_000L;
        long[] tail = {
            p.parent == null ? 0 : p.parent.pid, p.pgid, p.sid, 0, -1, 0x400000,
            0, 0, 0, 0, ticks, 0, 0, 0, 20, 0, p.liveThreads(), 0, 0,
            u.total * Frame.SIZE, u.resident, -1L,
            0, 0, mm == null ? 0 : ElfLoader.STACK_TOP, 0, 0,
            0, 0, 0, 0, 0, 0, 0, p.exitSignal, 0, 0, 0, 0, 0, 0,
            0, 0, mm == null ? 0 : mm.brkStart, 0, 0, 0, 0,
            p.zombie ? (p.waitStatus & 0xFFFF) : 0,
        };
        long sigpend = (view == null ? 0 : view.pending.bits) | p.pending.bits;
        tail[27] = sigpend;
        tail[28] = view == null ? 0 : view.sigmask;
        tail[29] = dispositions(p, true);
        tail[30] = dispositions(p, false);
        StringBuilder b = new StringBuilder();
        b.append(p.pid).append(" (").append(comm(p, view)).append(") ")
                .append(state(p).charAt(0));
        for (int i = 0; i < tail.length; i++) {
            // rsslim (field 25) is unsigned, RLIM_INFINITY; tpgid (field 8) prints as -1.
            b.append(' ').append(i == 21 ? Long.toUnsignedString(tail[i]) : tail[i]);
        }
        return b.append('\n').toString();
    }

    /** /proc/PID/statm: size resident shared text lib data dt, in pages. */
    static String statm(Process p) {
        Usage u = new Usage(p);
        return u.total + " " + u.resident + " 0 " + u.exe + " 0 " + (u.data + u.stack) + " 0\n";
    }

    // ---------------------------------------------------------------- directories and stat

    /** The names in a /proc directory now: "." and "..", then its entries. */
    static List<DirEntry> listing(Microkernel k, ProcFiles.Entry e) {
        List<DirEntry> out = new ArrayList<>();
        if (e.kind == ProcFiles.DIR_ROOT) {
            return rootListing(k);
        }
        long base = inodeBase(e.process);
        if (e.kind == ProcFiles.DIR_TASKS) {
            out.add(new DirEntry(".", DT_DIR, base + 0x30));
            out.add(new DirEntry("..", DT_DIR, base));
            for (Task t : e.process.threads) {
                if (t.state != Task.DEAD) {
                    out.add(new DirEntry(Integer.toString(t.tid), DT_DIR, base + 0x40 + t.tid));
                }
            }
            return out;
        }
        out.add(new DirEntry(".", DT_DIR, base + (e.kind == ProcFiles.DIR_FD ? 1 : 0)));
        out.add(new DirEntry("..", DT_DIR, e.kind == ProcFiles.DIR_FD ? base : 1));
        if (e.kind == ProcFiles.DIR_FD) {
            FdTable files = e.process.files;
            int limit = files == null ? 0 : files.limit();
            for (int fd = 0; fd < limit; fd++) {
                if (files.handle(fd) >= 0) {
                    out.add(new DirEntry(Integer.toString(fd), DT_LNK, base + 0x1000 + fd));
                }
            }
            return out;
        }
        if (e.task == null) {
            out.add(new DirEntry("task", DT_DIR, base + 0x30));
        }
        out.add(new DirEntry("fd", DT_DIR, base + 1));
        for (int i = 0; i < ProcFiles.FILES.length; i++) {
            out.add(new DirEntry(ProcFiles.FILES[i], DT_REG, base + 2 + i));
        }
        out.add(new DirEntry("cwd", DT_LNK, base + 0x20));
        out.add(new DirEntry("root", DT_LNK, base + 0x21));
        out.add(new DirEntry("exe", DT_LNK, base + 0x22));
        return out;
    }

    /**
     * /proc itself: self, thread-self and a directory per process of the user VM (the guest
     * sees no other processes, and no file of the host's /proc).
     */
    private static List<DirEntry> rootListing(Microkernel k) {
        List<DirEntry> out = new ArrayList<>();
        out.add(new DirEntry(".", DT_DIR, 1));
        out.add(new DirEntry("..", DT_DIR, 1));
        out.add(new DirEntry("self", DT_LNK, ProcFiles.LINK_SELF));
        out.add(new DirEntry("thread-self", DT_LNK, ProcFiles.LINK_THREAD_SELF));
        List<Integer> pids = new ArrayList<>(k.processes.keySet());
        java.util.Collections.sort(pids);
        for (int pid : pids) {
            out.add(new DirEntry(Integer.toString(pid), DT_DIR, (long) pid << 16));
        }
        return out;
    }

    /** Inode numbers of a process's entries: a block of its own per pid. */
    private static long inodeBase(Process p) {
        return (long) p.pid << 16;
    }

    /** A descriptor link's rights as Linux shows them: r-x for reading, -wx for writing. */
    private static int accessBits(Microkernel k, int handle) {
        long fl = k.port.call(k.request.set(dev.splitvisor.hypercall.Opcode.GETFL, handle, null));
        int acc = fl < 0 ? 2 : (int) fl & 3;
        return (acc != 1 ? 0500 : 0) | (acc != 0 ? 0300 : 0);
    }

    /** The {@code struct stat} of an entry (lstat's view for a link). */
    static byte[] stat(Microkernel k, ProcFiles.Entry e) {
        byte[] st = new byte[144];
        int mode;
        long nlink = 1;
        long size = 0;
        long inode = e.process == null ? 1 : inodeBase(e.process);
        switch (e.kind) {
            case ProcFiles.DIR_ROOT: mode = S_IFDIR | 0555; nlink = 2; break;
            case ProcFiles.DIR_PID: mode = S_IFDIR | 0555; nlink = 9; break;
            case ProcFiles.DIR_TASKS: mode = S_IFDIR | 0555; nlink = 3; inode += 0x30; break;
            case ProcFiles.DIR_FD: mode = S_IFDIR | 0500; nlink = 2; inode += 1; break;
            case ProcFiles.LINK_FD:
                mode = S_IFLNK | accessBits(k, e.process.files.handle(e.fd));
                size = 64;
                inode += 0x1000 + e.fd;
                break;
            case ProcFiles.FILE:
                mode = S_IFREG | (e.name.equals("environ") ? 0400
                        : e.name.equals("comm") ? 0644 : 0444);
                for (int i = 0; i < ProcFiles.FILES.length; i++) {
                    inode += ProcFiles.FILES[i].equals(e.name) ? 2 + i : 0;
                }
                break;
            case ProcFiles.LINK_SELF: case ProcFiles.LINK_THREAD_SELF:
                mode = S_IFLNK | 0777; inode = e.kind; break;
            default: mode = S_IFLNK | 0777; inode += 0x20 + e.kind; break;
        }
        long time = k.startEpochNanos;
        SignalDelivery.putLong(st, 0, PROC_DEV);
        SignalDelivery.putLong(st, 8, inode);
        SignalDelivery.putLong(st, 16, nlink);
        SignalDelivery.putInt(st, 24, mode);
        SignalDelivery.putLong(st, 48, size);
        SignalDelivery.putLong(st, 56, 1024); // st_blksize, as procfs reports
        for (int at = 72; at <= 104; at += 16) {
            SignalDelivery.putLong(st, at, time / 1_000_000_000L);
            SignalDelivery.putLong(st, at + 8, time % 1_000_000_000L);
        }
        return st;
    }
}

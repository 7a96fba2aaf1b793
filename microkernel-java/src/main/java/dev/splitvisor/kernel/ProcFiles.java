package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The /proc entries of the user VM's own processes, which only the kernel can answer because
 * they describe a process rather than a file: {@code /proc/self}, {@code /proc/thread-self}
 * and {@code /proc/PID} for a pid of this VM, each holding {@code fd/}, {@code exe},
 * {@code cwd}, {@code root}, {@code maps}, {@code status}, {@code stat}, {@code statm},
 * {@code cmdline}, {@code comm}, {@code environ} and {@code task/TID/} (the same for one
 * thread); {@code /proc} itself lists self, thread-self and the VM's pids. Any other name
 * under /proc is ENOENT here, never a question to the system VM, so a host directory used as
 * the root cannot show the host's /proc (the system VM hides it too: see {@code Namespace}).
 *
 * <p>Where the bytes come from: the kernel keeps no file data, but these files are kernel
 * state. Opening one gives a kernel-side open file ({@link KernelFiles}) behind a handle number
 * the system VM never hands out; its text is generated from the process's state when a read
 * starts at offset 0 (or on the first read) and then served from that snapshot, the way
 * Linux's seq files regenerate on a read from the start and otherwise go on from where they
 * were; a directory's listing is made the same way when getdents64 starts from the beginning
 * (so /proc/self/fd lists the descriptor reading it, as on Linux). The open file is bound to
 * the process named at open (as Linux binds /proc/PID), so a descriptor shared by dup or fork
 * shares one snapshot and one offset, and the last close drops both. Symbolic links
 * ({@code exe}, {@code cwd}, {@code root}, {@code fd/N}) are followed here: {@code exe} opens
 * the executable, {@code fd/N} shares descriptor N's open file.
 */
final class ProcFiles {
    /** What a path names. */
    static final int DIR_ROOT = 0, DIR_PID = 1, DIR_FD = 2, DIR_TASKS = 3, FILE = 4,
            LINK_EXE = 5, LINK_CWD = 6, LINK_ROOT = 7, LINK_FD = 8, LINK_SELF = 9,
            LINK_THREAD_SELF = 10, MISSING = 11;

    /** The files of a process directory, in the order Linux lists them. */
    static final String[] FILES = {"environ", "status", "comm", "cmdline", "stat", "statm",
        "maps"};

    /** One kernel-answered name: what it is, whose it is, and its canonical path. */
    static final class Entry {
        final int kind;
        /** The process it describes (null for /proc itself). */
        final Process process;
        /** The thread whose view it is (thread-self, task/TID), or null for the process's. */
        final Task task;
        /** The file's name for FILE. */
        final String name;
        /** The descriptor number for LINK_FD. */
        final int fd;

        Entry(int kind, Process process, Task task, String name, int fd) {
            this.kind = kind;
            this.process = process;
            this.task = task;
            this.name = name;
            this.fd = fd;
        }

        boolean isDirectory() {
            return kind <= DIR_TASKS;
        }

        boolean isLink() {
            return kind >= LINK_EXE && kind <= LINK_THREAD_SELF;
        }

        /** The path Linux would report for it (readlink of its descriptor, getcwd). */
        String path() {
            if (kind == DIR_ROOT) {
                return "/proc";
            }
            String dir = "/proc/" + process.pid + (task != null ? "/task/" + task.tid : "");
            switch (kind) {
                case DIR_PID: return dir;
                case DIR_FD: return dir + "/fd";
                case DIR_TASKS: return "/proc/" + process.pid + "/task";
                case LINK_FD: return dir + "/fd/" + fd;
                case LINK_SELF: return "/proc/self";
                case LINK_THREAD_SELF: return "/proc/thread-self";
                case LINK_EXE: return dir + "/exe";
                case LINK_CWD: return dir + "/cwd";
                case LINK_ROOT: return dir + "/root";
                default: return dir + "/" + name;
            }
        }
    }

    private ProcFiles() {
    }

    /**
     * {@code path} made absolute when it is relative to a directory descriptor (or working
     * directory) that is one of these kernel directories; otherwise {@code path} unchanged.
     */
    static String absolute(Microkernel k, Task t, int dirfd, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        int h = dirfd == FileCalls.AT_FDCWD ? t.process.cwdHandle : t.process.files.handle(dirfd);
        Entry dir = k.kernelFiles.entryOf(h);
        if (dir == null) {
            return path;
        }
        return path.isEmpty() ? dir.path() : dir.path() + "/" + path;
    }

    /**
     * What {@code path} names among the kernel's /proc entries (MISSING for any other name
     * under /proc), or null when the path is outside /proc and the system VM answers it.
     * {@code follow}: whether a final /proc/self or /proc/thread-self stands for the directory
     * it points to rather than the link itself (a trailing "/", "." or ".." always follows, as
     * path resolution does).
     */
    static Entry lookup(Microkernel k, Task t, String path, boolean follow) {
        if (!path.startsWith("/proc/") && !path.equals("/proc")) {
            return null;
        }
        List<String> parts = components(path);
        if (parts.isEmpty() || !parts.get(0).equals("proc")) {
            return null;
        }
        if (parts.size() == 1) {
            return new Entry(DIR_ROOT, null, null, null, -1);
        }
        follow |= path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        Process p;
        Task view = null;
        String top = parts.get(1);
        if (top.equals("self") || top.equals("thread-self")) {
            p = t.process;
            view = top.equals("self") ? null : t;
            if (parts.size() == 2 && !follow) {
                return new Entry(view == null ? LINK_SELF : LINK_THREAD_SELF, p, view, null, -1);
            }
        } else {
            p = processOf(k, top);
            if (p == null) {
                // Nothing else under /proc exists: no other name may reach the system VM.
                return new Entry(MISSING, null, null, top, -1);
            }
        }
        return inside(p, view, parts.subList(2, parts.size()));
    }

    /** What {@code rest} names inside the directory of process {@code p} (or its thread). */
    private static Entry inside(Process p, Task view, List<String> rest) {
        if (rest.isEmpty()) {
            return new Entry(DIR_PID, p, view, null, -1);
        }
        String name = rest.get(0);
        if (name.equals("fd")) {
            if (rest.size() == 1) {
                return new Entry(DIR_FD, p, view, null, -1);
            }
            int fd = number(rest.get(1));
            boolean open = fd >= 0 && p.files != null && p.files.handle(fd) >= 0;
            return new Entry(open && rest.size() == 2 ? LINK_FD : MISSING, p, view, null, fd);
        }
        if (name.equals("task") && view == null) {
            if (rest.size() == 1) {
                return new Entry(DIR_TASKS, p, null, null, -1);
            }
            Task thread = threadOf(p, rest.get(1));
            return thread == null ? new Entry(MISSING, p, null, name, -1)
                    : inside(p, thread, rest.subList(2, rest.size()));
        }
        if (rest.size() > 1) {
            return new Entry(MISSING, p, view, name, -1);
        }
        switch (name) {
            case "exe": return new Entry(LINK_EXE, p, view, name, -1);
            case "cwd": return new Entry(LINK_CWD, p, view, name, -1);
            case "root": return new Entry(LINK_ROOT, p, view, name, -1);
            default:
                for (String f : FILES) {
                    if (f.equals(name)) {
                        return new Entry(FILE, p, view, name, -1);
                    }
                }
                return new Entry(MISSING, p, view, name, -1);
        }
    }

    private static Task threadOf(Process p, String tid) {
        int n = number(tid);
        for (Task t : p.threads) {
            if (t.tid == n && t.state != Task.DEAD) {
                return t;
            }
        }
        return null;
    }

    /**
     * For a path the system VM could not find (ENOENT): the /proc path it reaches through
     * symbolic links stored in a file system (/dev/stdin is one to /proc/self/fd/0) or, when
     * relative, from a directory above /proc; null when it does not lead into /proc. Costs a
     * request or two, on the failure path only.
     */
    static String afterMiss(Microkernel k, int dirHandle, String path) {
        String at = joined(k, dirHandle, path);
        if (at == null) {
            return null;
        }
        byte[] buf = new byte[GuestMemory.PATH_MAX];
        for (int hop = 0; hop < 8; hop++) {
            String norm = "/" + String.join("/", components(at));
            if (norm.equals("/proc") || norm.startsWith("/proc/")) {
                return norm;
            }
            long n = k.port.call(k.request.set(Opcode.READLINK, -1,
                    Grant.ofBuffer(buf, 0, buf.length, true)).path(at));
            if (n <= 0) {
                return null;
            }
            String target = new String(buf, 0, (int) n, StandardCharsets.UTF_8);
            at = target.startsWith("/") ? target : at.substring(0, at.lastIndexOf('/') + 1)
                    + target;
        }
        return null;
    }

    /**
     * {@code path} made absolute against the system-VM directory {@code dirHandle} (with "."
     * and ".." taken out), or null when the directory has no path.
     */
    static String joined(Microkernel k, int dirHandle, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String dir = Exec.guestPath(k, dirHandle, null);
        return dir == null ? null : "/" + String.join("/", components(dir + "/" + path));
    }

    /** The living (or zombie, not yet reaped) process of this VM called {@code pid}. */
    private static Process processOf(Microkernel k, String pid) {
        int n = number(pid);
        return n > 0 ? k.processes.get(n) : null;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }

    /** The names of an absolute path, with "." and ".." taken out lexically. */
    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return out;
    }

    /**
     * For open, stat and exec: a path through the exe, cwd or root link becomes the path the
     * link points to, so the system VM opens the real file; other paths stay.
     */
    static String rewrite(Microkernel k, Task t, String path) {
        if (!path.startsWith("/proc/")) {
            return path;
        }
        List<String> parts = components(path);
        Entry dir = parts.size() < 3 ? null : lookup(k, t, "/proc/" + parts.get(1), true);
        if (dir == null || dir.kind != DIR_PID) {
            return path;
        }
        Process p = dir.process;
        int at = 2;
        if (parts.get(2).equals("task") && parts.size() > 4) {
            at = 4; // /proc/PID/task/TID/exe: the same links as the process's
        }
        String rest = parts.size() > at + 1
                ? "/" + String.join("/", parts.subList(at + 1, parts.size())) : "";
        switch (parts.get(at)) {
            case "exe":
                return p.mm != null && rest.isEmpty() ? p.mm.exePath : path;
            case "cwd":
                return p.zombie ? path : Exec.guestPath(k, p.cwdHandle, "/") + rest;
            case "root":
                return rest.isEmpty() ? "/" : rest;
            default:
                return path;
        }
    }

    /** readlink of a kernel-answered link, or null when the system VM should answer. */
    static String readlink(Microkernel k, Task t, String path) {
        Entry e = lookup(k, t, path, false);
        if (e == null) {
            return null;
        }
        Process p = e.process;
        switch (e.kind) {
            case LINK_SELF: return String.valueOf(p.pid);
            case LINK_THREAD_SELF: return p.pid + "/task/" + e.task.tid;
            case LINK_EXE:
                if (p.mm == null) {
                    throw new SyscallError(Errno.ENOENT);
                }
                return p.mm.exePath;
            case LINK_CWD:
                if (p.zombie) {
                    throw new SyscallError(Errno.ENOENT);
                }
                return Exec.guestPath(k, p.cwdHandle, "/");
            case LINK_ROOT: return "/";
            case LINK_FD: return descriptorTarget(k, p.files.handle(e.fd));
            case MISSING: throw new SyscallError(Errno.ENOENT);
            default: throw new SyscallError(Errno.EINVAL);
        }
    }

    /** What /proc/PID/fd/N points to: the open file's path, or Linux's anon-inode form. */
    private static String descriptorTarget(Microkernel k, int handle) {
        Entry e = k.kernelFiles.entryOf(handle);
        if (e != null) {
            return e.path();
        }
        return Exec.guestPath(k, handle, "anon_inode:[" + handle + "]");
    }

    /** True for a process directory ("/proc/self", "/proc/PID"), which exec refuses. */
    static boolean isSelfDirectory(Microkernel k, Task t, String path) {
        Entry e = lookup(k, t, path, true);
        return e != null && e.isDirectory();
    }

    /** N for "/dev/fd/N" or "/proc/self/fd/N"; -1 for any other path. */
    static int descriptorOf(Microkernel k, Task t, String path) {
        if (path.startsWith("/dev/fd/")) {
            int fd = number(path.substring(8));
            return fd;
        }
        Entry e = lookup(k, t, path, true);
        return e != null && e.kind == LINK_FD && e.process == t.process ? e.fd : -1;
    }
}

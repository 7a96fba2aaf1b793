package dev.splitvisor.kernel;

/**
 * The few /proc entries that only the kernel can answer, because they describe the process
 * rather than a file: /proc/self/exe and /proc/self/fd/N (also under the process's own pid).
 */
final class ProcFiles {
    private ProcFiles() {
    }

    /** For open and stat: /proc/self/exe becomes the executable's path; others stay. */
    static String rewrite(Microkernel k, Task t, String path) {
        String rest = selfPart(t, path);
        if ("exe".equals(rest) && t.process.mm != null) {
            return t.process.mm.exePath;
        }
        return path;
    }

    /** readlink of a kernel-answered link, or null when the system VM should answer. */
    static String readlink(Microkernel k, Task t, String path) {
        String rest = selfPart(t, path);
        if (rest == null) {
            return null;
        }
        if (rest.equals("exe")) {
            return t.process.mm.exePath;
        }
        if (rest.startsWith("fd/")) {
            try {
                int fd = Integer.parseInt(rest.substring(3));
                int h = t.process.files.handle(fd);
                if (h < 0) {
                    throw new SyscallError(dev.splitvisor.hypercall.Errno.ENOENT);
                }
                return Exec.guestPath(k, h, "anon_inode:[" + h + "]");
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (rest.equals("cwd")) {
            return Exec.guestPath(k, t.process.cwdHandle, "/");
        }
        return null;
    }

    /** True for the process's own /proc directory ("/proc/self", "/proc/PID"). */
    static boolean isSelfDirectory(Task t, String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals("/proc/self") || p.equals("/proc/thread-self")
                || p.equals("/proc/" + t.process.pid);
    }

    /** N for "/dev/fd/N" or "/proc/self/fd/N"; -1 for any other path. */
    static int descriptorOf(Task t, String path) {
        String rest = path.startsWith("/dev/fd/") ? path.substring(8) : selfPart(t, path);
        if (rest == null) {
            return -1;
        }
        if (rest.startsWith("fd/")) {
            rest = rest.substring(3);
        } else if (!path.startsWith("/dev/fd/")) {
            return -1;
        }
        try {
            return Integer.parseInt(rest);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "exe" for "/proc/self/exe" or "/proc/PID/exe" of the caller; null otherwise. */
    private static String selfPart(Task t, String path) {
        String[] prefixes = {"/proc/self/", "/proc/" + t.process.pid + "/",
            "/proc/thread-self/"};
        for (String p : prefixes) {
            if (path.startsWith(p)) {
                return path.substring(p.length());
            }
        }
        return null;
    }
}

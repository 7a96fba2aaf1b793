package dev.splitvisor.kernel;

import java.util.Arrays;

/**
 * A process's file descriptors: each names a system-VM handle and carries FD_CLOEXEC. The open
 * files themselves (offsets, status flags, data) live in the system VM; two descriptors that
 * share an open file share its handle, counted by {@link Handles}.
 */
final class FdTable {
    /** RLIMIT_NOFILE's usual soft limit. */
    static final int MAX_FDS = 1024;

    private int[] handles = new int[16];
    private boolean[] cloexec = new boolean[16];
    /** Threads and CLONE_FILES children using this table. */
    int users = 1;
    /** RLIMIT_NOFILE's soft value: descriptors at or above it cannot be made. */
    int limitFds = MAX_FDS;

    FdTable() {
        Arrays.fill(handles, -1);
    }

    /** The handle of {@code fd}, or -1 when it is not open. */
    int handle(int fd) {
        return fd >= 0 && fd < handles.length ? handles[fd] : -1;
    }

    boolean cloexec(int fd) {
        return fd >= 0 && fd < cloexec.length && cloexec[fd];
    }

    void setCloexec(int fd, boolean on) {
        cloexec[fd] = on;
    }

    /** The lowest free descriptor at or above {@code min}, or -1 when the table is full. */
    int lowestFree(int min) {
        for (int fd = Math.max(0, min); fd < limitFds; fd++) {
            if (handle(fd) < 0) {
                return fd;
            }
        }
        return -1;
    }

    /** Makes {@code fd} name {@code handle}; the caller has closed what it named before. */
    void install(int fd, int handle, boolean closeOnExec) {
        if (fd >= handles.length) {
            int n = Math.max(fd + 1, handles.length * 2);
            int old = handles.length;
            handles = Arrays.copyOf(handles, n);
            cloexec = Arrays.copyOf(cloexec, n);
            Arrays.fill(handles, old, n, -1);
        }
        handles[fd] = handle;
        cloexec[fd] = closeOnExec;
    }

    /** Forgets {@code fd}; returns the handle it named, or -1. */
    int remove(int fd) {
        int h = handle(fd);
        if (h >= 0) {
            handles[fd] = -1;
            cloexec[fd] = false;
        }
        return h;
    }

    /** One past the highest open descriptor. */
    int limit() {
        int n = handles.length;
        while (n > 0 && handles[n - 1] < 0) {
            n--;
        }
        return n;
    }

    /** A copy for fork: same handles (the caller counts the new references). */
    FdTable copy() {
        FdTable t = new FdTable();
        t.handles = handles.clone();
        t.cloexec = cloexec.clone();
        t.limitFds = limitFds;
        return t;
    }
}

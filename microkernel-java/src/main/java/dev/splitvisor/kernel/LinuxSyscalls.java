package dev.splitvisor.kernel;

import static dev.splitvisor.kernel.SyscallNumbers.*;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.MemoryLimitExceeded;
import dev.splitvisor.mmu.PageFault;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux x86-64 system-call table: the number in RAX, arguments in RDI, RSI, RDX, R10, R8,
 * R9, the result (or a negated errno) back in RAX. This file holds only the dispatch; the
 * calls live by area in {@link FileCalls}, {@link PollCalls}, {@link MemoryCalls},
 * {@link ProcessCalls}, {@link SignalCalls}, {@link TimeCalls} and {@link InfoCalls}. A call
 * that is not implemented returns -ENOSYS and is logged once by name; docs/QUIRKS.md lists
 * them.
 */
final class LinuxSyscalls {
    /** Bytes of the SYSCALL instruction (0F 05): how far a restarted call steps back. */
    static final int SYSCALL_LENGTH = 2;
    private static final Logger LOG = LoggerFactory.getLogger("syscall");
    private static final ConcurrentHashMap<Integer, Boolean> UNIMPLEMENTED_SEEN =
            new ConcurrentHashMap<>();

    private LinuxSyscalls() {
    }

    static void dispatch(Microkernel k, Task t) {
        Cpu c = t.cpu;
        int nr = (int) c.gpr[Cpu.RAX];
        long a0 = c.gpr[Cpu.RDI];
        long a1 = c.gpr[Cpu.RSI];
        long a2 = c.gpr[Cpu.RDX];
        long a3 = c.gpr[10];
        long a4 = c.gpr[8];
        long a5 = c.gpr[9];
        t.portEventsSeen = k.port.eventCount();
        long r;
        try {
            r = call(k, t, nr, a0, a1, a2, a3, a4, a5);
        } catch (SyscallError e) {
            r = -e.errno;
        } catch (PageFault f) {
            r = -Errno.EFAULT; // a bad user pointer: the kernel's copy fails, not the process
        } catch (MemoryLimitExceeded e) {
            k.killProcess(t.process, Signal.SIGKILL, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // A fault of this kernel must end the guest that met it, never the host.
            LOG.error("internal error in system call {}: ending the process", name(nr), e);
            k.killProcess(t.process, Signal.SIGKILL, "internal error in " + name(nr) + ": " + e);
            return;
        }
        if (r != Microkernel.PARKED) {
            t.retrying = false;
        }
        if (k.options.trace != null) {
            trace(k, t, nr, a0, a1, a2, r);
        }
        if (t.state == Task.DEAD || r == Microkernel.NO_RESULT) {
            return;
        }
        if (r == Microkernel.PARKED) {
            if (t.waitMode == Task.RETRY) {
                // Run the SYSCALL again when the wait ends, with the number back in RAX.
                c.rip -= SYSCALL_LENGTH;
                c.gpr[Cpu.RAX] = nr;
            }
            return;
        }
        c.gpr[Cpu.RAX] = r;
    }

    private static void trace(Microkernel k, Task t, int nr, long a0, long a1, long a2,
            long r) {
        String result = r == Microkernel.PARKED ? "? (waits)"
                : r == Microkernel.NO_RESULT ? "?"
                : r < 0 && r > -4096 ? r + " (errno " + -r + ")" : "0x" + Long.toHexString(r);
        k.options.trace.printf("[pid %d] %s(0x%x, 0x%x, 0x%x) = %s%n", t.tid, name(nr), a0, a1,
                a2, result);
    }

    private static long call(Microkernel k, Task t, int nr, long a0, long a1, long a2, long a3,
            long a4, long a5) {
        switch (nr) {
            // files and descriptors
            case READ: return FileCalls.read(k, t, (int) a0, a1, a2, -1);
            case WRITE: return FileCalls.write(k, t, (int) a0, a1, a2, -1);
            case PREAD64: return positioned(k, t, (int) a0, a1, a2, a3, false);
            case PWRITE64: return positioned(k, t, (int) a0, a1, a2, a3, true);
            case READV: return FileCalls.vector(k, t, (int) a0, a1, (int) a2, -1, false);
            case WRITEV: return FileCalls.vector(k, t, (int) a0, a1, (int) a2, -1, true);
            case OPEN: return FileCalls.openat(k, t, FileCalls.AT_FDCWD, a0, (int) a1, (int) a2);
            case CREAT: return FileCalls.openat(k, t, FileCalls.AT_FDCWD, a0,
                    FileCalls.O_CREAT | FileCalls.O_WRONLY | FileCalls.O_TRUNC, (int) a1);
            case OPENAT: return FileCalls.openat(k, t, (int) a0, a1, (int) a2, (int) a3);
            case CLOSE: return FileCalls.close(k, t, (int) a0);
            case CLOSE_RANGE: return closeRange(k, t, a0, a1, (int) a2);
            case LSEEK: return FileCalls.lseek(k, t, (int) a0, a1, (int) a2);
            case FSTAT: return FileCalls.fstat(k, t, (int) a0, a1);
            case STAT: return FileCalls.fstatat(k, t, FileCalls.AT_FDCWD, a0, a1, 0);
            case LSTAT: return FileCalls.fstatat(k, t, FileCalls.AT_FDCWD, a0, a1,
                    FileCalls.AT_SYMLINK_NOFOLLOW);
            case NEWFSTATAT: return FileCalls.fstatat(k, t, (int) a0, a1, a2, (int) a3);
            case STATX: return FileCalls.statx(k, t, (int) a0, a1, (int) a2, a4);
            case GETDENTS64: return FileCalls.getdents64(k, t, (int) a0, a1, a2);
            case ACCESS: return FileCalls.pathCall(k, t, Opcode.ACCESS, FileCalls.AT_FDCWD, a0,
                    a1, 0);
            case FACCESSAT: return FileCalls.pathCall(k, t, Opcode.ACCESS, (int) a0, a1, a2, 0);
            case FACCESSAT2: return FileCalls.pathCall(k, t, Opcode.ACCESS, (int) a0, a1, a2,
                    a3);
            case MKDIR: return FileCalls.pathCall(k, t, Opcode.MKDIR, FileCalls.AT_FDCWD, a0,
                    a1 & ~t.process.umask, 0);
            case MKDIRAT: return FileCalls.pathCall(k, t, Opcode.MKDIR, (int) a0, a1,
                    a2 & ~t.process.umask, 0);
            case RMDIR: return FileCalls.pathCall(k, t, Opcode.UNLINK, FileCalls.AT_FDCWD, a0,
                    FileCalls.AT_REMOVEDIR, 0);
            case UNLINK: return FileCalls.pathCall(k, t, Opcode.UNLINK, FileCalls.AT_FDCWD, a0,
                    0, 0);
            case UNLINKAT: return FileCalls.pathCall(k, t, Opcode.UNLINK, (int) a0, a1, a2, 0);
            case RENAME: return FileCalls.twoPaths(k, t, Opcode.RENAME, FileCalls.AT_FDCWD, a0,
                    FileCalls.AT_FDCWD, a1, 0);
            case RENAMEAT: return FileCalls.twoPaths(k, t, Opcode.RENAME, (int) a0, a1,
                    (int) a2, a3, 0);
            case RENAMEAT2: return FileCalls.twoPaths(k, t, Opcode.RENAME, (int) a0, a1,
                    (int) a2, a3, a4);
            case LINK: return FileCalls.twoPaths(k, t, Opcode.LINK, FileCalls.AT_FDCWD, a0,
                    FileCalls.AT_FDCWD, a1, 0);
            case LINKAT: return FileCalls.twoPaths(k, t, Opcode.LINK, (int) a0, a1, (int) a2,
                    a3, a4);
            case SYMLINK: return FileCalls.symlinkat(k, t, a0, FileCalls.AT_FDCWD, a1);
            case SYMLINKAT: return FileCalls.symlinkat(k, t, a0, (int) a1, a2);
            case READLINK: return FileCalls.readlinkat(k, t, FileCalls.AT_FDCWD, a0, a1, a2);
            case READLINKAT: return FileCalls.readlinkat(k, t, (int) a0, a1, a2, a3);
            case CHMOD: return FileCalls.pathCall(k, t, Opcode.CHMOD, FileCalls.AT_FDCWD, a0,
                    a1, 0);
            case FCHMODAT: return FileCalls.pathCall(k, t, Opcode.CHMOD, (int) a0, a1, a2, 0);
            case FCHMOD: return k.port.call(k.request.set(Opcode.CHMOD,
                    FileCalls.handle(t, (int) a0), null).path("").args(a1,
                    FileCalls.AT_EMPTY_PATH));
            case CHOWN: case LCHOWN: return FileCalls.pathCall(k, t, Opcode.ACCESS,
                    FileCalls.AT_FDCWD, a0, 0, 0); // owners are not kept: see QUIRKS
            case FCHOWNAT: return FileCalls.pathCall(k, t, Opcode.ACCESS, (int) a0, a1, 0, 0);
            case FCHOWN: FileCalls.handle(t, (int) a0); return 0;
            case TRUNCATE: return FileCalls.truncate(k, t, a0, a1);
            case FTRUNCATE: return k.port.call(k.request.set(Opcode.TRUNCATE,
                    FileCalls.handle(t, (int) a0), null).args(a1, 0));
            case FSYNC: case FDATASYNC: return k.port.call(k.request.set(Opcode.FSYNC,
                    FileCalls.handle(t, (int) a0), null).args(nr == FDATASYNC ? 1 : 0, 0));
            case SYNC: return 0;
            case UTIMENSAT: return FileCalls.utimensat(k, t, (int) a0, a1, a2, (int) a3);
            case GETCWD: return FileCalls.getcwd(k, t, a0, a1);
            case CHDIR: return FileCalls.chdir(k, t, a0);
            case FCHDIR: return FileCalls.fchdir(k, t, (int) a0);
            case DUP: return FileCalls.dup(k, t, (int) a0, 0, false);
            case DUP2: return FileCalls.dup3(k, t, (int) a0, (int) a1, 0, true);
            case DUP3: return FileCalls.dup3(k, t, (int) a0, (int) a1, (int) a2, false);
            case PIPE: return FileCalls.pipe2(k, t, a0, 0);
            case PIPE2: return FileCalls.pipe2(k, t, a0, (int) a1);
            case EVENTFD: return FileCalls.eventfd2(k, t, a0, 0);
            case EVENTFD2: return FileCalls.eventfd2(k, t, a0, (int) a1);
            case FCNTL: return FileCalls.fcntl(k, t, (int) a0, (int) a1, a2);
            case IOCTL: return FileCalls.ioctl(k, t, (int) a0, a1, a2);
            case FLOCK: return FileCalls.flock(k, t, (int) a0, (int) a1);
            case STATFS: return FileCalls.statfs(k, t, -1, a0, a1);
            case FSTATFS: return FileCalls.statfs(k, t, (int) a0, 0, a1);
            case FADVISE64: FileCalls.handle(t, (int) a0); return 0;
            case SENDFILE: return FileCalls.sendfile(k, t, (int) a0, (int) a1, a2, a3);
            case UMASK: { int old = t.process.umask; t.process.umask = (int) a0 & 0777;
                return old; }
            case POLL: return PollCalls.poll(k, t, a0, a1, (int) a2 < 0 ? -1
                    : (long) (int) a2 * 1_000_000L);
            case PPOLL: return PollCalls.poll(k, t, a0, a1,
                    PollCalls.timespec(Microkernel.space(t), a2));
            case SELECT: return PollCalls.select(k, t, (int) a0, a1, a2, a3,
                    PollCalls.timeval(Microkernel.space(t), a4));
            case PSELECT6: return PollCalls.select(k, t, (int) a0, a1, a2, a3,
                    PollCalls.timespec(Microkernel.space(t), a4));

            // memory
            case BRK: return MemoryCalls.brk(t, a0);
            case MMAP: return MemoryCalls.mmap(k, t, a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case MUNMAP: return MemoryCalls.munmap(k, t, a0, a1);
            case MPROTECT: return MemoryCalls.mprotect(t, a0, a1, (int) a2);
            case MADVISE: return MemoryCalls.madvise(t, a0, a1, (int) a2);
            case MREMAP: return MemoryCalls.mremap(t, a0, a1, a2, (int) a3, a4);
            case MSYNC: return MemoryCalls.msync(k, t, a0, a1);
            case MLOCK: case MUNLOCK: case MEMBARRIER: return 0;

            // threads and processes
            case CLONE: return ProcessCalls.clone(k, t, a0, a1, a2, a3, a4);
            case FORK: return ProcessCalls.clone(k, t, Signal.SIGCHLD, 0, 0, 0, 0);
            case VFORK: return ProcessCalls.clone(k, t, ProcessCalls.CLONE_VM
                    | ProcessCalls.CLONE_VFORK | Signal.SIGCHLD, 0, 0, 0, 0);
            case EXECVE: return ProcessCalls.execve(k, t, FileCalls.AT_FDCWD, a0, a1, a2);
            case EXIT: k.exitTask(t, (int) a0); return 0;
            case EXIT_GROUP: k.exitGroup(t.process, (int) a0); return 0;
            case WAIT4: return ProcessCalls.wait4(k, t, (int) a0, a1, (int) a2, a3);
            case WAITID: return ProcessCalls.waitid(k, t, (int) a0, (int) a1, a2, (int) a3);
            case KILL: return ProcessCalls.kill(k, t, (int) a0, (int) a1);
            case TGKILL: return ProcessCalls.tgkill(k, t, (int) a0, (int) a1, (int) a2);
            case TKILL: return ProcessCalls.tgkill(k, t, -1, (int) a0, (int) a1);
            case FUTEX: return ProcessCalls.futex(k, t, a0, (int) a1, (int) a2, a3, a4,
                    (int) a5);
            case SET_TID_ADDRESS: t.clearChildTid = a0; return t.tid;
            case SET_ROBUST_LIST: t.robustList = a0; return a1 == 24 ? 0 : -Errno.EINVAL;
            case GET_ROBUST_LIST: return -Errno.EPERM;
            case GETPID: return t.process.pid;
            case GETTID: return t.tid;
            case GETPPID: return t.process.parent == null ? 0 : t.process.parent.pid;
            case GETPGRP: return t.process.pgid;
            case GETPGID: return pgid(k, t, (int) a0);
            case GETSID: return t.process.sid;
            case SETPGID: return setpgid(k, t, (int) a0, (int) a1);
            case SETSID: t.process.sid = t.process.pid; t.process.pgid = t.process.pid;
                return t.process.pid;
            case GETUID: case GETGID: case GETEUID: case GETEGID: return 0;
            case SETUID: case SETGID: case SETREUID: case SETREGID: case SETRESUID:
            case SETRESGID: case SETGROUPS: return 0; // root may take any id: ids stay 0
            case GETRESUID: case GETRESGID: return resIds(t, a0, a1, a2);
            case GETGROUPS: return 0;
            case SCHED_YIELD: return 0;
            case SCHED_GETAFFINITY: return InfoCalls.schedGetaffinity(t, a1, a2);
            case SCHED_SETAFFINITY: return 0;
            case SCHED_GETSCHEDULER: case SCHED_GETPARAM: case SCHED_SETSCHEDULER:
            case SCHED_SETPARAM: case SCHED_GET_PRIORITY_MAX: case SCHED_GET_PRIORITY_MIN:
                return 0;
            case GETPRIORITY: return 20;
            case SETPRIORITY: return 0;
            case GETCPU: return getcpu(t, a0, a1);
            case ARCH_PRCTL: return InfoCalls.archPrctl(t, (int) a0, a1);
            case PRCTL: return InfoCalls.prctl(t, (int) a0, a1);

            // signals
            case RT_SIGACTION: return SignalCalls.rtSigaction(t, (int) a0, a1, a2, a3);
            case RT_SIGPROCMASK: return SignalCalls.rtSigprocmask(t, (int) a0, a1, a2, a3);
            case RT_SIGRETURN: SignalDelivery.sigreturn(k, t); return Microkernel.NO_RESULT;
            case RT_SIGPENDING: return SignalCalls.rtSigpending(t, a0, a1);
            case RT_SIGSUSPEND: return SignalCalls.rtSigsuspend(k, t, a0, a1);
            case SIGALTSTACK: return SignalCalls.sigaltstack(t, a0, a1);
            case PAUSE: return SignalCalls.pause(k, t);
            case RT_SIGTIMEDWAIT: return SignalCalls.rtSigtimedwait(k, t, a0, a1, a2, a3);
            case RT_SIGQUEUEINFO: return SignalCalls.rtSigqueueinfo(k, t, (int) a0, (int) a1,
                    a2);
            case ALARM: return TimeCalls.alarm(k, t, a0);
            case SETITIMER: return TimeCalls.setitimer(k, t, (int) a0, a1, a2);
            case GETITIMER: return TimeCalls.getitimer(k, t, (int) a0, a1);

            // time
            case CLOCK_GETTIME: return TimeCalls.clockGettime(k, t, (int) a0, a1);
            case CLOCK_GETRES: return TimeCalls.clockGetres(t, (int) a0, a1);
            case GETTIMEOFDAY: return TimeCalls.gettimeofday(k, t, a0, a1);
            case TIME: return TimeCalls.time(k, t, a0);
            case NANOSLEEP: return TimeCalls.nanosleep(k, t, a0);
            case CLOCK_NANOSLEEP: return TimeCalls.clockNanosleep(k, t, (int) a0, (int) a1, a2);
            case TIMES: return TimeCalls.times(k, t, a0);
            case GETRUSAGE: return TimeCalls.getrusage(k, t, (int) a0, a1);

            // system information
            case UNAME: return InfoCalls.uname(t, a0);
            case GETRANDOM: return InfoCalls.getrandom(k, t, a0, a1, (int) a2);
            case PRLIMIT64: return InfoCalls.prlimit(k, t, (int) a0, (int) a1, a2, a3);
            case GETRLIMIT: return InfoCalls.prlimit(k, t, 0, (int) a0, 0, a1);
            case SETRLIMIT: return InfoCalls.prlimit(k, t, 0, (int) a0, a1, 0);
            case SYSINFO: return InfoCalls.sysinfo(k, t, a0);

            // Sockets and epoll: the system VM owns them; these marshal the guest structures.
            case SOCKET: return SocketCalls.socket(k, t, (int) a0, (int) a1, (int) a2);
            case SOCKETPAIR: return SocketCalls.socketpair(k, t, (int) a0, (int) a1, (int) a2,
                    a3);
            case BIND: return SocketCalls.bind(k, t, (int) a0, a1, a2 & 0xFFFFFFFFL);
            case CONNECT: return SocketCalls.connect(k, t, (int) a0, a1, a2 & 0xFFFFFFFFL);
            case LISTEN: return SocketCalls.listen(k, t, (int) a0, (int) a1);
            case ACCEPT: return SocketCalls.accept4(k, t, (int) a0, a1, a2, 0);
            case ACCEPT4: return SocketCalls.accept4(k, t, (int) a0, a1, a2, (int) a3);
            case SENDTO: return SocketCalls.sendto(k, t, (int) a0, a1, a2, (int) a3, a4,
                    a5 & 0xFFFFFFFFL);
            case RECVFROM: return SocketCalls.recvfrom(k, t, (int) a0, a1, a2, (int) a3, a4,
                    a5);
            case SENDMSG: return SocketCalls.sendmsg(k, t, (int) a0, a1, (int) a2);
            case RECVMSG: return SocketCalls.recvmsg(k, t, (int) a0, a1, (int) a2);
            case SHUTDOWN: return SocketCalls.shutdown(k, t, (int) a0, (int) a1);
            case GETSOCKOPT: return SocketCalls.getsockopt(k, t, (int) a0, (int) a1, (int) a2,
                    a3, a4);
            case SETSOCKOPT: return SocketCalls.setsockopt(k, t, (int) a0, (int) a1, (int) a2,
                    a3, (int) a4);
            case GETSOCKNAME: return SocketCalls.sockname(k, t, (int) a0, a1, a2, false);
            case GETPEERNAME: return SocketCalls.sockname(k, t, (int) a0, a1, a2, true);
            case EPOLL_CREATE: return EpollCalls.epollCreate(k, t, (int) a0);
            case EPOLL_CREATE1: return EpollCalls.epollCreate1(k, t, (int) a0);
            case EPOLL_CTL: return EpollCalls.epollCtl(k, t, (int) a0, (int) a1, (int) a2, a3);
            case EPOLL_WAIT: case EPOLL_PWAIT: return EpollCalls.epollWait(k, t, (int) a0, a1,
                    (int) a2, (int) a3);

            default: return unimplemented(nr);
        }
    }

    private static long positioned(Microkernel k, Task t, int fd, long buf, long count,
            long offset, boolean write) {
        if (offset < 0) {
            return -Errno.EINVAL;
        }
        return write ? FileCalls.write(k, t, fd, buf, count, offset)
                : FileCalls.read(k, t, fd, buf, count, offset);
    }

    private static long closeRange(Microkernel k, Task t, long first, long last, int flags) {
        if (Long.compareUnsigned(first, last) > 0 || (flags & ~4) != 0) {
            return -Errno.EINVAL;
        }
        long end = Math.min(Integer.toUnsignedLong((int) last), FdTable.MAX_FDS - 1);
        for (long fd = first; fd <= end; fd++) {
            if ((flags & 4) != 0) { // CLOSE_RANGE_CLOEXEC
                if (t.process.files.handle((int) fd) >= 0) {
                    t.process.files.setCloexec((int) fd, true);
                }
            } else {
                FileCalls.close(k, t, (int) fd);
            }
        }
        return 0;
    }

    private static long pgid(Microkernel k, Task t, int pid) {
        Process p = pid == 0 ? t.process : k.processes.get(pid);
        return p == null ? -Errno.ESRCH : p.pgid;
    }

    private static long setpgid(Microkernel k, Task t, int pid, int pgid) {
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        Process p = pid == 0 ? t.process : k.processes.get(pid);
        if (p == null || p != t.process && p.parent != t.process) {
            return -Errno.ESRCH;
        }
        p.pgid = pgid == 0 ? p.pid : pgid;
        return 0;
    }

    private static long resIds(Task t, long a, long b, long c) {
        for (long addr : new long[] {a, b, c}) {
            GuestMemory.write32(Microkernel.space(t), addr, 0);
        }
        return 0;
    }

    private static long getcpu(Task t, long cpu, long node) {
        if (cpu != 0) {
            GuestMemory.write32(Microkernel.space(t), cpu, 0);
        }
        if (node != 0) {
            GuestMemory.write32(Microkernel.space(t), node, 0);
        }
        return 0;
    }

    private static long unimplemented(int nr) {
        if (UNIMPLEMENTED_SEEN.putIfAbsent(nr, Boolean.TRUE) == null) {
            LOG.info("system call {} ({}) is not implemented: returning ENOSYS", name(nr), nr);
        }
        return -Errno.ENOSYS;
    }
}

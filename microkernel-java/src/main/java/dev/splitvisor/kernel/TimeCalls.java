package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.mmu.AddressSpace;

/**
 * Clocks and sleeps. Real time by default; with --deterministic every clock is virtual time,
 * one nanosecond per retired instruction plus the time skipped while all threads slept, and
 * CLOCK_REALTIME starts at a fixed date.
 */
final class TimeCalls {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
            CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
    private static final int TIMER_ABSTIME = 1;
    /**
     * CLOCK_MONOTONIC when the VM boots: 1,000 s, so that programs which subtract minutes from
     * it (as from a real machine's uptime) still get valid times.
     */
    private static final long MONOTONIC_AT_BOOT = 1_000L * 1_000_000_000L;

    private TimeCalls() {
    }

    /** The clock's reading in nanoseconds, or -1 for an unknown clock. */
    static long read(Microkernel k, int clock) {
        switch (clock) {
            case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case 8: case 11:
                return realtime(k);
            case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
            case CLOCK_BOOTTIME: case 9:
                return k.now() + MONOTONIC_AT_BOOT;
            case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
                return k.options.deterministic ? k.instructionsRetired()
                        : k.now(); // the vCPU is busy whenever the VM runs
            default:
                return -1;
        }
    }

    private static long realtime(Microkernel k) {
        if (k.options.deterministic) {
            return k.startEpochNanos + k.now();
        }
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Converts an absolute time on CLOCK_REALTIME ({@code realtime}) or MONOTONIC. */
    static long toKernelClock(Microkernel k, long absolute, boolean realtime) {
        long clockNow = realtime ? realtime(k) : read(k, CLOCK_MONOTONIC);
        return k.now() + (absolute - clockNow);
    }

    static long clockGettime(Microkernel k, Task t, int clock, long ts) {
        long ns = read(k, clock);
        if (ns < 0) {
            return -Errno.EINVAL;
        }
        writeTimespec(Microkernel.space(t), ts, ns);
        return 0;
    }

    static long clockGetres(Task t, int clock, long ts) {
        if (clock < 0 || clock > 11) {
            return -Errno.EINVAL;
        }
        if (ts != 0) {
            writeTimespec(Microkernel.space(t), ts, 1);
        }
        return 0;
    }

    static long gettimeofday(Microkernel k, Task t, long tv, long tz) {
        AddressSpace mem = Microkernel.space(t);
        long ns = realtime(k);
        if (tv != 0) {
            GuestMemory.write64(mem, tv, ns / 1_000_000_000L);
            GuestMemory.write64(mem, tv + 8, ns % 1_000_000_000L / 1000);
        }
        if (tz != 0) {
            GuestMemory.write64(mem, tz, 0);
        }
        return 0;
    }

    static long time(Microkernel k, Task t, long out) {
        long s = realtime(k) / 1_000_000_000L;
        if (out != 0) {
            GuestMemory.write64(Microkernel.space(t), out, s);
        }
        return s;
    }

    static long nanosleep(Microkernel k, Task t, long req) {
        long ns = PollCalls.timespec(Microkernel.space(t), req);
        t.restartable = false;
        return k.park(t, Task.COMPLETE, k.now() + ns, 0);
    }

    static long clockNanosleep(Microkernel k, Task t, int clock, int flags, long req) {
        long ns = PollCalls.timespec(Microkernel.space(t), req);
        if (read(k, clock) < 0) {
            return -Errno.EINVAL;
        }
        long deadline = (flags & TIMER_ABSTIME) != 0
                ? toKernelClock(k, ns, clock == CLOCK_REALTIME) : k.now() + ns;
        t.restartable = false;
        return k.park(t, Task.COMPLETE, deadline, 0);
    }

    static long times(Microkernel k, Task t, long buf) {
        long ticks = k.now() / 10_000_000L; // USER_HZ = 100
        if (buf != 0) {
            byte[] b = new byte[32];
            SignalDelivery.putLong(b, 0, k.instructionsRetired() / 10_000_000L);
            GuestMemory.write(Microkernel.space(t), buf, b, 32);
        }
        return ticks + 100;
    }

    static long getrusage(Microkernel k, Task t, int who, long buf) {
        if (who != 0 && who != -1 && who != 1) {
            return -Errno.EINVAL;
        }
        byte[] b = new byte[144];
        long us = (who == -1 ? 0 : k.instructionsRetired()) / 1000; // one ns an instruction
        SignalDelivery.putLong(b, 0, us / 1_000_000);
        SignalDelivery.putLong(b, 8, us % 1_000_000);
        SignalDelivery.putLong(b, 32, k.quota.usedBytes() >> 10); // ru_maxrss in KiB
        GuestMemory.write(Microkernel.space(t), buf, b, 144);
        return 0;
    }

    /** setitimer: ITIMER_REAL sends SIGALRM; the CPU-time timers are accepted and idle. */
    static long setitimer(Microkernel k, Task t, int which, long value, long old) {
        if (which < 0 || which > 2) {
            return -Errno.EINVAL;
        }
        AddressSpace mem = Microkernel.space(t);
        if (old != 0) {
            getitimer(k, t, which, old);
        }
        if (value == 0 || which != 0) {
            return 0;
        }
        long interval = PollCalls.timeval(mem, value);
        long first = PollCalls.timeval(mem, value + 16);
        Process p = t.process;
        k.setAlarm(p, first == 0 ? Long.MAX_VALUE : k.now() + first, first == 0 ? 0 : interval);
        return 0;
    }

    static long getitimer(Microkernel k, Task t, int which, long out) {
        if (which < 0 || which > 2) {
            return -Errno.EINVAL;
        }
        Process p = t.process;
        long left = which != 0 || p.alarmDeadline == Long.MAX_VALUE ? 0
                : Math.max(1000, p.alarmDeadline - k.now());
        long interval = which == 0 ? p.alarmInterval : 0;
        AddressSpace mem = Microkernel.space(t);
        GuestMemory.write64(mem, out, interval / 1_000_000_000L);
        GuestMemory.write64(mem, out + 8, interval % 1_000_000_000L / 1000);
        GuestMemory.write64(mem, out + 16, left / 1_000_000_000L);
        GuestMemory.write64(mem, out + 24, left % 1_000_000_000L / 1000);
        return 0;
    }

    /** alarm: SIGALRM after {@code seconds}; returns the seconds the old alarm had left. */
    static long alarm(Microkernel k, Task t, long seconds) {
        Process p = t.process;
        long left = p.alarmDeadline == Long.MAX_VALUE ? 0
                : (p.alarmDeadline - k.now() + 999_999_999L) / 1_000_000_000L;
        int secs = (int) seconds;
        k.setAlarm(p, secs == 0 ? Long.MAX_VALUE : k.now() + Integer.toUnsignedLong(secs)
                * 1_000_000_000L, 0);
        return left;
    }

    static void writeTimespec(AddressSpace mem, long addr, long ns) {
        GuestMemory.write64(mem, addr, Math.floorDiv(ns, 1_000_000_000L));
        GuestMemory.write64(mem, addr + 8, Math.floorMod(ns, 1_000_000_000L));
    }
}

package dev.splitvisor.sysvm;

import static dev.splitvisor.sysvm.GuestCalls.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.Opcode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /dev/null, zero, full, random, urandom, tty, the console handles and terminal ioctls. */
class DevicesTest {
    private final GuestCalls g = new GuestCalls(new SystemVm("t").attach(new SessionSpec()));

    @Test
    void nullZeroAndFull() {
        long n = g.open("/dev/null", O_RDWR);
        assertEquals(5, g.write(n, "gone!"));
        assertEquals("", g.read(n, 10));
        long z = g.open("/dev/zero", O_RDONLY);
        assertEquals("\0\0\0", g.read(z, 3));
        long f = g.open("/dev/full", O_RDWR);
        assertEquals(-Errno.ENOSPC, g.write(f, "x"));
        assertEquals("\0\0", g.read(f, 2));
    }

    @Test
    void devicesReportCharacterTypeAndLinuxNumbers() {
        assertEquals(0020000, mode(g.stat("/dev/null", 0)) & 0170000);
        assertEquals(Stat.makedev(1, 3), rdev(g.stat("/dev/null", 0)));
        assertEquals(Stat.makedev(1, 9), rdev(g.stat("/dev/urandom", 0)));
        assertEquals(Stat.makedev(5, 0), rdev(g.stat("/dev/tty", 0)));
        assertEquals(0x0103, Stat.makedev(1, 3));
        assertEquals("/proc/self/fd/1", g.readlink("/dev/stdout"));
        for (int h = 0; h < 3; h++) {
            assertEquals(0020000, mode(g.fstat(h)) & 0170000, "handle " + h);
        }
    }

    @Test
    void seededRandomIsRepeatableAndUnseededIsNot() {
        SystemVm vm = new SystemVm("t");
        byte[] a = random(new GuestCalls(vm.attach(new SessionSpec().randomSeed(42L))));
        byte[] b = random(new GuestCalls(vm.attach(new SessionSpec().randomSeed(42L))));
        byte[] c = random(new GuestCalls(vm.attach(new SessionSpec())));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    private static byte[] random(GuestCalls s) {
        long h = s.open("/dev/urandom", O_RDONLY);
        byte[] b = new byte[64];
        assertEquals(64, s.call(Opcode.READ, (int) h, Grant.ofBuffer(b, 0, 64, true), -1, 0,
                null));
        return b;
    }

    @Test
    void consoleWritesReachTheStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GuestCalls s = new GuestCalls(new SystemVm("t").attach(new SessionSpec().console(
                new Console(new ByteArrayInputStream(new byte[0]), out, err))));
        s.write(1, "to out ");
        s.write(2, "to err");
        long tty = s.open("/dev/tty", O_WRONLY);
        s.write(tty, "via tty");
        assertEquals("to out via tty", out.toString(StandardCharsets.UTF_8));
        assertEquals("to err", err.toString(StandardCharsets.UTF_8));
        assertEquals("errno -" + Errno.EBADF, s.read(1, 1));
    }

    @Test
    void consoleReadsNeverBlockTheCaller() throws Exception {
        PipedOutputStream typist = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(typist);
        GuestCalls s = new GuestCalls(new SystemVm("t").attach(new SessionSpec().console(
                new Console(in, new ByteArrayOutputStream(), new ByteArrayOutputStream()))));
        assertEquals(-Errno.WOULD_BLOCK, s.readResult(0, 10));
        long seen = s.port.eventCount();
        typist.write("typed\n".getBytes(StandardCharsets.UTF_8));
        typist.flush();
        s.port.awaitEvent(seen, TimeUnit.SECONDS.toNanos(10));
        String got = "";
        for (int k = 0; k < 1000 && got.length() < 6; k++) {
            String part = s.read(0, 100);
            if (part.startsWith("errno")) {
                s.port.awaitEvent(s.port.eventCount(), TimeUnit.MILLISECONDS.toNanos(10));
            } else {
                got += part;
            }
        }
        assertEquals("typed\n", got);
        typist.close();
        long r = -Errno.WOULD_BLOCK;
        for (int k = 0; k < 1000 && r == -Errno.WOULD_BLOCK; k++) {
            r = s.readResult(0, 10);
            if (r == -Errno.WOULD_BLOCK) {
                s.port.awaitEvent(s.port.eventCount(), TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        assertEquals(0, r, "end of input reads as 0");
    }

    @Test
    void terminalIoctlsOnlyOnATerminal() {
        byte[] termios = new byte[36];
        Grant t = Grant.ofBuffer(termios, 0, 36, true);
        assertEquals(-Errno.ENOTTY, g.call(Opcode.IOCTL, 1, t, Terminal.TCGETS, 0, null));
        GuestCalls tty = new GuestCalls(new SystemVm("t").attach(new SessionSpec().console(
                new Console(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                        new ByteArrayOutputStream(), true))));
        assertEquals(0, tty.call(Opcode.IOCTL, 1, t, Terminal.TCGETS, 0, null));
        ByteBuffer b = ByteBuffer.wrap(termios).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x100 | 0x400, b.getInt(0), "c_iflag ICRNL|IXON");
        assertTrue((b.getInt(12) & 2) != 0, "ICANON");
        assertEquals(3, termios[17], "VINTR is ^C");
        b.putInt(12, 0);
        assertEquals(0, tty.call(Opcode.IOCTL, 0, t, Terminal.TCSETS, 0, null));
        byte[] again = new byte[36];
        tty.call(Opcode.IOCTL, 2, Grant.ofBuffer(again, 0, 36, true), Terminal.TCGETS, 0, null);
        assertEquals(0, ByteBuffer.wrap(again).order(ByteOrder.LITTLE_ENDIAN).getInt(12));
        byte[] ws = new byte[8];
        assertEquals(0, tty.call(Opcode.IOCTL, 1, Grant.ofBuffer(ws, 0, 8, true),
                Terminal.TIOCGWINSZ, 0, null));
        assertEquals(24, ws[0]);
        assertEquals(80, ws[2]);
        byte[] pg = {7, 0, 0, 0};
        assertEquals(0, tty.call(Opcode.IOCTL, 0, Grant.ofBuffer(pg, 0, 4, false),
                Terminal.TIOCSPGRP, 0, null));
        byte[] pgOut = new byte[4];
        tty.call(Opcode.IOCTL, 0, Grant.ofBuffer(pgOut, 0, 4, true), Terminal.TIOCGPGRP, 0,
                null);
        assertEquals(7, pgOut[0]);
        assertEquals(-Errno.ENOTTY, tty.call(Opcode.IOCTL, 1, t, 0x1234, 0, null));
        long file = tty.open(-1, "/tmp/f", O_CREAT | O_RDWR, 0644);
        assertEquals(-Errno.ENOTTY, tty.call(Opcode.IOCTL, (int) file, t, Terminal.TCGETS, 0,
                null));
    }

    @Test
    void fionreadCountsPipeBytes() {
        int[] p = g.pipe(0);
        g.write(p[1], "12345");
        byte[] n = new byte[4];
        assertEquals(0, g.call(Opcode.IOCTL, p[0], Grant.ofBuffer(n, 0, 4, true),
                Terminal.FIONREAD, 0, null));
        assertEquals(5, n[0]);
    }
}

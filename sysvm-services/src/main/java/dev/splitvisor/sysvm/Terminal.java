package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The terminal state one session sees on its console: the termios last set (a sane cooked
 * mode at first), the window size (24 x 80) and the foreground process group. Only a console
 * that is a terminal answers these ioctls; everything else gets ENOTTY.
 */
final class Terminal {
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404,
            TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
            FIONREAD = 0x541B;
    /** Bytes of the kernel's {@code struct termios} (c_iflag..c_lflag, c_line, 19 c_cc). */
    static final int TERMIOS_SIZE = 36;

    private static final int ICRNL = 0x100, IXON = 0x400, OPOST = 1, ONLCR = 4;
    private static final int B38400 = 0xF, CS8 = 0x30, CREAD = 0x80;
    private static final int ISIG = 1, ICANON = 2, ECHO = 8, ECHOE = 0x10, ECHOK = 0x20,
            ECHOCTL = 0x200, ECHOKE = 0x800, IEXTEN = 0x8000;
    /** c_cc: VINTR ^C, VQUIT ^\, VERASE DEL, VKILL ^U, VEOF ^D, VTIME 0, VMIN 1, VSWTC,
     *  VSTART ^Q, VSTOP ^S, VSUSP ^Z, VEOL, VREPRINT ^R, VDISCARD ^O, VWERASE ^W, VLNEXT ^V. */
    private static final byte[] CONTROL_CHARS = {3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13,
        0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0};

    private final byte[] termios = cookedTermios();
    private final byte[] winsize = {24, 0, 80, 0, 0, 0, 0, 0};
    private int foregroundGroup;

    private static byte[] cookedTermios() {
        ByteBuffer b = ByteBuffer.allocate(TERMIOS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ICRNL | IXON).putInt(OPOST | ONLCR).putInt(B38400 | CS8 | CREAD);
        b.putInt(ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE);
        b.put((byte) 0).put(CONTROL_CHARS);
        return b.array();
    }

    /** Serves ioctl {@code request} on {@code file} with argument buffer {@code g}. */
    synchronized long ioctl(OpenFile file, int request, Grant g) {
        if (request == FIONREAD) {
            long n = file.available();
            return n < 0 ? n : putInt(g, (int) Math.min(n, Integer.MAX_VALUE));
        }
        if (!file.isTerminal()) {
            return -Errno.ENOTTY;
        }
        switch (request) {
            case TCGETS:
                return put(g, termios);
            case TCSETS:
            case TCSETSW:
            case TCSETSF:
                return get(g, termios);
            case TIOCGWINSZ:
                return put(g, winsize);
            case TIOCSWINSZ:
                return get(g, winsize);
            case TIOCGPGRP:
                return putInt(g, foregroundGroup);
            case TIOCSPGRP:
                return setForegroundGroup(g);
            default:
                return -Errno.ENOTTY;
        }
    }

    private long setForegroundGroup(Grant g) {
        byte[] b = new byte[4];
        long r = get(g, b);
        if (r == 0) {
            foregroundGroup = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        return r;
    }

    private static long put(Grant g, byte[] value) {
        if (g == null) {
            return -Errno.EFAULT;
        }
        int r = g.copyIn(0, value, 0, value.length);
        return r < 0 ? r : 0;
    }

    /** Reads the grant into {@code value} whole, or leaves it untouched and fails. */
    private static long get(Grant g, byte[] value) {
        if (g == null) {
            return -Errno.EFAULT;
        }
        byte[] b = new byte[value.length];
        int r = g.copyOut(0, b, 0, b.length);
        if (r < 0) {
            return r;
        }
        System.arraycopy(b, 0, value, 0, b.length);
        return 0;
    }

    private static long putInt(Grant g, int value) {
        return put(g, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }
}

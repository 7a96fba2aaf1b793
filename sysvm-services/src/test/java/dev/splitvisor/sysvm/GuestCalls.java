package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A test's view of one session: the requests a microkernel would send, in one line each. */
final class GuestCalls {
    static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80,
            O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000,
            O_NOFOLLOW = 0x20000, O_PATH = 0x200000;
    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;

    final HypercallPort port;
    private final HypercallRequest r = new HypercallRequest();

    GuestCalls(HypercallPort port) {
        this.port = port;
    }

    long call(int opcode, int handle, Grant g, long arg0, long arg1, String path) {
        return port.call(r.set(opcode, handle, g).args(arg0, arg1).path(path));
    }

    long open(String path, int flags) {
        return open(-1, path, flags, 0644);
    }

    long open(long dir, String path, int flags, int mode) {
        return call(Opcode.OPEN, (int) dir, null, flags, mode, path);
    }

    long close(long h) {
        return call(Opcode.CLOSE, (int) h, null, 0, 0, null);
    }

    long write(long h, String text) {
        return write(h, text.getBytes(StandardCharsets.UTF_8), -1);
    }

    long write(long h, byte[] b, long offset) {
        return call(Opcode.WRITE, (int) h, Grant.ofBuffer(b, 0, b.length, false), offset, 0,
                null);
    }

    /** Reads up to n bytes; the text read, or "errno -N" for a negative result. */
    String read(long h, int n) {
        return read(h, n, -1);
    }

    String read(long h, int n, long offset) {
        byte[] b = new byte[n];
        long got = call(Opcode.READ, (int) h, Grant.ofBuffer(b, 0, n, true), offset, 0, null);
        return got < 0 ? "errno " + got : new String(b, 0, (int) got, StandardCharsets.UTF_8);
    }

    long readResult(long h, int n) {
        byte[] b = new byte[n];
        return call(Opcode.READ, (int) h, Grant.ofBuffer(b, 0, n, true), -1, 0, null);
    }

    long seek(long h, long offset, int whence) {
        return call(Opcode.SEEK, (int) h, null, offset, whence, null);
    }

    /** The whole content of a file by path. */
    String slurp(String path) {
        long h = open(path, O_RDONLY);
        if (h < 0) {
            return "errno " + h;
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            String part = read(h, 4096);
            if (part.isEmpty() || part.startsWith("errno")) {
                break;
            }
            out.append(part);
        }
        close(h);
        return out.toString();
    }

    /** Creates (or replaces) a file holding text; the result of the last step. */
    long put(String path, String text) {
        long h = open(-1, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (h < 0) {
            return h;
        }
        long w = write(h, text);
        close(h);
        return w < 0 ? w : 0;
    }

    /** stat of a path: the 144-byte struct, or null with the errno in {@link #lastErrno}. */
    ByteBuffer stat(String path, int flags) {
        byte[] b = new byte[144];
        long res = call(Opcode.STAT, -1, Grant.ofBuffer(b, 0, 144, true), flags, 0, path);
        lastErrno = res;
        return res < 0 ? null : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    ByteBuffer fstat(long h) {
        byte[] b = new byte[144];
        long res = call(Opcode.FSTAT, (int) h, Grant.ofBuffer(b, 0, 144, true), 0, 0, null);
        lastErrno = res;
        return res < 0 ? null : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    long lastErrno;

    static int mode(ByteBuffer st) {
        return st.getInt(24);
    }

    static long ino(ByteBuffer st) {
        return st.getLong(8);
    }

    static long size(ByteBuffer st) {
        return st.getLong(48);
    }

    static long rdev(ByteBuffer st) {
        return st.getLong(40);
    }

    long mkdir(String path) {
        return call(Opcode.MKDIR, -1, null, 0755, 0, path);
    }

    long unlink(String path, int flags) {
        return call(Opcode.UNLINK, -1, null, flags, 0, path);
    }

    long rename(String from, String to, int flags) {
        return port.call(r.set(Opcode.RENAME, -1, null).path(from).second(-1, to)
                .args(flags, 0));
    }

    long link(String from, String to) {
        return link(from, to, 0);
    }

    long link(String from, String to, int flags) {
        return port.call(r.set(Opcode.LINK, -1, null).path(from).second(-1, to)
                .args(flags, 0));
    }

    long symlink(String target, String link) {
        return port.call(r.set(Opcode.SYMLINK, -1, null).path(target).second(-1, link));
    }

    /** readlink: the text, or "errno -N". */
    String readlink(String path) {
        byte[] b = new byte[4096];
        long n = call(Opcode.READLINK, -1, Grant.ofBuffer(b, 0, b.length, true), 0, 0, path);
        return n < 0 ? "errno " + n : new String(b, 0, (int) n, StandardCharsets.UTF_8);
    }

    /** getpath of a handle, or "errno -N". */
    String getpath(long h) {
        byte[] b = new byte[4097];
        long n = call(Opcode.GETPATH, (int) h, Grant.ofBuffer(b, 0, b.length, true), 0, 0, null);
        return n < 0 ? "errno " + n : new String(b, 0, (int) n - 1, StandardCharsets.UTF_8);
    }

    /** All names a directory handle lists, through GETDENTS calls of {@code bufSize} bytes. */
    List<String> list(long h, int bufSize) {
        List<String> names = new ArrayList<>();
        byte[] b = new byte[bufSize];
        while (true) {
            long n = call(Opcode.GETDENTS, (int) h, Grant.ofBuffer(b, 0, bufSize, true), 0, 0,
                    null);
            if (n <= 0) {
                if (n < 0) {
                    names.add("errno " + n);
                }
                return names;
            }
            ByteBuffer buf = ByteBuffer.wrap(b, 0, (int) n).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            while (at < n) {
                int reclen = buf.getShort(at + 16);
                int end = at + 19;
                while (b[end] != 0) {
                    end++;
                }
                names.add(new String(b, at + 19, end - at - 19, StandardCharsets.UTF_8));
                at += reclen;
            }
        }
    }

    List<String> list(String dir) {
        long h = open(dir, O_RDONLY | O_DIRECTORY);
        if (h < 0) {
            return List.of("errno " + h);
        }
        List<String> names = list(h, 4096);
        close(h);
        return names;
    }

    /** PIPE with flags: {read, write}. */
    int[] pipe(int flags) {
        long p = call(Opcode.PIPE, 0, null, flags, 0, null);
        if (p < 0) {
            throw new AssertionError("pipe failed: " + p);
        }
        return new int[] {(int) p, (int) (p >>> 32)};
    }
}

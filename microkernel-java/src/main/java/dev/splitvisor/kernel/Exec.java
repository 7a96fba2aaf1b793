package dev.splitvisor.kernel;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Program loading for boot and execve: reading the executable (and its PT_INTERP interpreter,
 * and the interpreter of a {@code #!} script) from the system VM's file system, building the
 * new image, and switching a task over to it.
 */
final class Exec {
    private static final int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_PATH = 0x200000,
            O_CLOEXEC = 0x80000;
    private static final int S_IFMT = 0xF000, S_IFREG = 0x8000;
    /** Largest executable read (Linux has no such cap; a guest could not map more anyway). */
    private static final int MAX_PROGRAM_BYTES = 512 << 20;
    private static final int MAX_SCRIPT_DEPTH = 4;

    /** A loaded image, not yet given to a task. */
    static final class Image {
        final Mm mm;
        final long entry;
        final long stackPointer;

        Image(Mm mm, long entry, long stackPointer) {
            this.mm = mm;
            this.entry = entry;
            this.stackPointer = stackPointer;
        }
    }

    /** A program file read from the guest's file system. */
    static final class Program {
        final String path;
        final byte[] bytes;

        Program(String path, byte[] bytes) {
            this.path = path;
            this.bytes = bytes;
        }
    }

    private Exec() {
    }

    /** Opens a directory for use as a working directory; a handle, or a negated errno. */
    static int openDirectory(Microkernel k, String path) {
        HypercallRequest r = k.request.set(Opcode.OPEN, -1, null).path(path)
                .args(O_DIRECTORY | O_PATH | O_CLOEXEC, 0);
        return (int) k.port.call(r);
    }

    /** Loads {@code image} (and its interpreter from the guest file system) into a new image. */
    static Image load(Microkernel k, ElfImage image, String exePath, List<String> argv,
            List<String> env) throws ElfFormatException {
        ElfImage interp = null;
        if (image.interpreter != null) {
            Object found = readProgram(k, -1, image.interpreter);
            if (!(found instanceof Program)) {
                throw new ElfFormatException("interpreter " + image.interpreter + " of "
                        + image.name + " not found in the guest's root (errno " + found
                        + "; use --root DIR)");
            }
            Program p = (Program) found;
            interp = ElfImage.parse(p.path, p.bytes);
        }
        Mm mm = new Mm(new AddressSpace(k.quota), exePath);
        byte[] random16 = new byte[16];
        k.random.nextBytes(random16);
        ElfLoader.Loaded loaded = ElfLoader.load(image, exePath, interp, mm.map, mm.space, argv,
                env, random16, dev.splitvisor.cpu.Cpuid.hwcap());
        mm.brkStart = loaded.brk;
        mm.brk = loaded.brk;
        identify(k, mm.map, exePath);
        if (interp != null) {
            identify(k, mm.map, interp.name);
        }
        return new Image(mm, loaded.entry, loaded.stackPointer);
    }

    /** Looks up the device and inode of a loaded program for /proc/PID/maps (one STAT). */
    private static void identify(Microkernel k, MemoryMap map, String path) {
        byte[] st = new byte[144];
        if (k.port.call(k.request.set(Opcode.STAT, -1, Grant.ofBuffer(st, 0, 144, true))
                .path(path)) >= 0) {
            map.identify(path, SignalDelivery.getLong(st, 0), SignalDelivery.getLong(st, 8));
        }
    }

    /** Gives task {@code t} the fresh image: a new vCPU context at the entry point. */
    static void install(Microkernel k, Task t, Image image) {
        t.process.mm = image.mm;
        Cpu c = new Cpu(image.mm.space, k.cpuEnvironment);
        c.rip = image.entry;
        c.gpr[Cpu.RSP] = image.stackPointer;
        t.cpu = c;
    }

    /**
     * Reads the program at {@code path} (relative to directory handle {@code dir}): a
     * {@link Program}, or an Integer errno (positive) when it cannot be executed.
     */
    static Object readProgram(Microkernel k, int dir, String path) {
        HypercallRequest r = k.request.set(Opcode.OPEN, dir, null).path(path)
                .args(O_RDONLY | O_CLOEXEC, 0);
        long h = k.port.call(r);
        if (h < 0) {
            return (int) -h;
        }
        int handle = (int) h;
        try {
            byte[] st = new byte[144];
            long s = k.port.call(k.request.set(Opcode.FSTAT, handle, Grant.ofBuffer(st, 0, 144,
                    true)));
            if (s < 0) {
                return (int) -s;
            }
            int mode = (int) SignalDelivery.getLong(st, 24);
            long size = SignalDelivery.getLong(st, 48);
            if ((mode & S_IFMT) != S_IFREG || (mode & 0111) == 0) {
                return Errno.EACCES;
            }
            if (size > MAX_PROGRAM_BYTES) {
                return Errno.ENOMEM;
            }
            byte[] bytes = new byte[(int) size];
            int done = 0;
            while (done < bytes.length) {
                long n = k.port.call(k.request.set(Opcode.READ, handle,
                        Grant.ofBuffer(bytes, done, bytes.length - done, true)).args(-1, 0));
                if (n <= 0) {
                    return n < 0 ? (int) -n : Errno.EIO;
                }
                done += (int) n;
            }
            return new Program(guestPath(k, handle, path), bytes);
        } finally {
            k.port.call(k.request.set(Opcode.CLOSE, handle, null));
        }
    }

    /** The handle's absolute guest path, or {@code fallback} when the system VM has none. */
    static String guestPath(Microkernel k, int handle, String fallback) {
        byte[] buf = new byte[4096];
        long n = k.port.call(k.request.set(Opcode.GETPATH, handle,
                Grant.ofBuffer(buf, 0, buf.length, true)));
        if (n <= 1) {
            return fallback;
        }
        return new String(buf, 0, (int) n - 1, StandardCharsets.UTF_8);
    }

    /**
     * Follows {@code #!} lines: returns the argv that runs the script's interpreter (first
     * element the interpreter's path), or null when {@code bytes} is not a script.
     */
    static List<String> scriptArgv(byte[] bytes, String path, List<String> argv) {
        if (bytes.length < 2 || bytes[0] != '#' || bytes[1] != '!') {
            return null;
        }
        int end = 2;
        while (end < bytes.length && end < 256 && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, 2, end - 2, StandardCharsets.UTF_8).trim();
        if (line.isEmpty()) {
            return null;
        }
        int sp = line.indexOf(' ');
        List<String> out = new ArrayList<>();
        out.add(sp < 0 ? line : line.substring(0, sp));
        if (sp >= 0 && !line.substring(sp).isBlank()) {
            out.add(line.substring(sp).trim());
        }
        out.add(path);
        if (argv.size() > 1) {
            out.addAll(argv.subList(1, argv.size()));
        }
        return out;
    }

    /** Most #! interpreters a chain may pass through (Linux allows 4 too). */
    static int maxScriptDepth() {
        return MAX_SCRIPT_DEPTH;
    }
}

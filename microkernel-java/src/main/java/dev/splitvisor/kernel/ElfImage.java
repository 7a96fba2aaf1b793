package dev.splitvisor.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF64 x86-64 executable: its header and program headers, checked for everything the
 * loader relies on, with one-line errors for files that are not such a program.
 */
public final class ElfImage {
    /** Program header types. */
    public static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474e551;
    /** Segment permission flags. */
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;
    /** Object file types. */
    public static final int ET_EXEC = 2, ET_DYN = 3;
    private static final int EM_X86_64 = 62;
    private static final int PHDR_SIZE = 56;

    /** One program header. */
    public static final class Segment {
        public final int type;
        public final int flags;
        public final long offset;
        public final long vaddr;
        public final long fileSize;
        public final long memSize;

        Segment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {
            this.type = type;
            this.flags = flags;
            this.offset = offset;
            this.vaddr = vaddr;
            this.fileSize = fileSize;
            this.memSize = memSize;
        }
    }

    public final String name;
    public final byte[] bytes;
    public final int type;
    public final long entry;
    public final long phoff;
    public final int phnum;
    public final List<Segment> segments;
    /** The PT_INTERP path, or null for a static executable. */
    public final String interpreter;

    private ElfImage(String name, byte[] bytes, int type, long entry, long phoff, int phnum,
            List<Segment> segments, String interpreter) {
        this.name = name;
        this.bytes = bytes;
        this.type = type;
        this.entry = entry;
        this.phoff = phoff;
        this.phnum = phnum;
        this.segments = segments;
        this.interpreter = interpreter;
    }

    /** Parses {@code bytes} read from the file called {@code name}. */
    public static ElfImage parse(String name, byte[] bytes) throws ElfFormatException {
        if (bytes.length < 4 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L'
                || bytes[3] != 'F') {
            throw new ElfFormatException(String.format("not an ELF file: %s (magic 0x%08x)",
                    name, magic(bytes)));
        }
        if (bytes.length < 64) {
            throw new ElfFormatException("truncated ELF file: " + name + " (" + bytes.length
                    + " bytes, the ELF64 header alone needs 64)");
        }
        if (bytes[4] != 2) {
            throw new ElfFormatException("not a 64-bit ELF: " + name + " (ELF class " + bytes[4]
                    + "; Splitvisor runs x86-64 programs only)");
        }
        if (bytes[5] != 1) {
            throw new ElfFormatException("not a little-endian ELF: " + name);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_X86_64) {
            throw new ElfFormatException("not an x86-64 ELF: " + name + " (machine " + machine
                    + "; Splitvisor runs x86-64 programs only)");
        }
        int type = b.getShort(16) & 0xFFFF;
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfFormatException("not an executable ELF: " + name + " (type " + type
                    + ", expected EXEC or DYN)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF;
        int phnum = b.getShort(56) & 0xFFFF;
        if (phentsize != PHDR_SIZE || phnum == 0) {
            throw new ElfFormatException("bad program header table in " + name + " (entry size "
                    + phentsize + ", count " + phnum + ")");
        }
        if (phoff < 0 || phoff + (long) phnum * PHDR_SIZE > bytes.length) {
            throw new ElfFormatException("truncated ELF file: " + name + " (program headers end"
                    + " at " + (phoff + (long) phnum * PHDR_SIZE) + ", file has " + bytes.length
                    + " bytes)");
        }
        List<Segment> segs = new ArrayList<>();
        String interp = null;
        for (int k = 0; k < phnum; k++) {
            int at = (int) phoff + k * PHDR_SIZE;
            Segment s = new Segment(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8),
                    b.getLong(at + 16), b.getLong(at + 32), b.getLong(at + 40));
            checkSegment(name, bytes.length, s);
            segs.add(s);
            if (s.type == PT_INTERP) {
                interp = new String(bytes, (int) s.offset, (int) Math.max(0, s.fileSize - 1),
                        java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        if (segs.stream().noneMatch(s -> s.type == PT_LOAD)) {
            throw new ElfFormatException("no loadable segment in " + name);
        }
        return new ElfImage(name, bytes, type, entry, phoff, phnum, List.copyOf(segs), interp);
    }

    private static void checkSegment(String name, int fileLength, Segment s)
            throws ElfFormatException {
        if (s.type != PT_LOAD && s.type != PT_INTERP) {
            return;
        }
        if (s.offset < 0 || s.fileSize < 0 || s.offset + s.fileSize > fileLength) {
            throw new ElfFormatException(String.format("truncated ELF file: %s (segment at file"
                    + " offset 0x%x of 0x%x bytes, file has 0x%x)", name, s.offset, s.fileSize,
                    fileLength));
        }
        if (s.type == PT_LOAD && (s.memSize < s.fileSize || s.vaddr < 0
                || s.vaddr + s.memSize < s.vaddr)) {
            throw new ElfFormatException(String.format("bad loadable segment in %s (vaddr 0x%x,"
                    + " file size 0x%x, memory size 0x%x)", name, s.vaddr, s.fileSize,
                    s.memSize));
        }
    }

    private static int magic(byte[] b) {
        int m = 0;
        for (int k = 0; k < 4 && k < b.length; k++) {
            m |= (b[k] & 0xFF) << (8 * k);
        }
        return m;
    }
}

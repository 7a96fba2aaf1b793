package dev.splitvisor.kernel;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Frame;
import dev.splitvisor.mmu.Prot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * Loads an {@link ElfImage} into a fresh process image: its PT_LOAD segments (static ET_EXEC
 * at their addresses, static-PIE ET_DYN at Linux's default base), the stack with argv, envp
 * and the auxiliary vector as the x86-64 System V ABI lays them out, and the initial break.
 */
public final class ElfLoader {
    /** Where Linux places a position-independent executable when randomization is off. */
    public static final long PIE_BASE = 0x555555554000L;
    /** One past the highest stack address, as on x86-64 Linux without randomization. */
    public static final long STACK_TOP = 0x7FFFFFFFF000L;
    /** Size of the stack area (RLIMIT_STACK's usual 8 MiB); pages are only made when touched. */
    public static final long STACK_SIZE = 8L << 20;

    /** Auxiliary vector keys. */
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
            AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13,
            AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
            AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;

    /** What the loader produced. */
    public static final class Loaded {
        public final long entry;
        public final long stackPointer;
        public final long brk;

        Loaded(long entry, long stackPointer, long brk) {
            this.entry = entry;
            this.stackPointer = stackPointer;
            this.brk = brk;
        }
    }

    private ElfLoader() {
    }

    /**
     * Maps {@code image} into {@code map}'s address space and builds the initial stack.
     * {@code random16} fills AT_RANDOM; {@code hwcap} is AT_HWCAP (CPUID leaf 1 EDX).
     */
    public static Loaded load(ElfImage image, MemoryMap map, AddressSpace space,
            List<String> argv, List<String> env, byte[] random16, long hwcap)
            throws ElfFormatException {
        if (image.interpreter != null) {
            throw new ElfFormatException("dynamically linked program: " + image.name
                    + " (needs " + image.interpreter + "; build it with -static)");
        }
        return load(image, null, map, space, argv, env, random16, hwcap);
    }

    /**
     * Like {@link #load(ElfImage, MemoryMap, AddressSpace, List, List, byte[], long)}, for a
     * dynamically linked program too: {@code interpreter} (the image PT_INTERP names, or null
     * for a static program) is placed in the mmap area and started first, with AT_BASE
     * telling it where it lies.
     */
    public static Loaded load(ElfImage image, ElfImage interpreter, MemoryMap map,
            AddressSpace space, List<String> argv, List<String> env, byte[] random16,
            long hwcap) throws ElfFormatException {
        return load(image, image.name, interpreter, map, space, argv, env, random16, hwcap);
    }

    /**
     * Like {@link #load(ElfImage, ElfImage, MemoryMap, AddressSpace, List, List, byte[], long)},
     * naming the program's areas {@code exePath} (its guest path, which /proc/PID/maps shows).
     */
    public static Loaded load(ElfImage image, String exePath, ElfImage interpreter,
            MemoryMap map, AddressSpace space, List<String> argv, List<String> env,
            byte[] random16, long hwcap) throws ElfFormatException {
        long bias = image.type == ElfImage.ET_DYN ? PIE_BASE : 0;
        long end = mapSegments(image, exePath, map, space, bias);
        map.map(STACK_TOP - STACK_SIZE, STACK_SIZE, Prot.READ | Prot.WRITE, "[stack]");
        long interpBase = 0;
        long entry = image.entry + bias;
        if (interpreter != null) {
            if (interpreter.type != ElfImage.ET_DYN) {
                throw new ElfFormatException("interpreter is not position-independent: "
                        + interpreter.name);
            }
            interpBase = map.findFree(span(interpreter));
            if (interpBase < 0) {
                throw new ElfFormatException("no room for the interpreter " + interpreter.name);
            }
            mapSegments(interpreter, interpreter.name, map, space, interpBase);
            entry = interpreter.entry + interpBase;
        }
        long phdr = phdrAddress(image, bias);
        long sp = buildStack(space, image, bias, phdr, interpBase, argv, env, random16, hwcap);
        return new Loaded(entry, sp, MemoryMap.pageUp(end));
    }

    /** Bytes from the lowest to the highest page the image's segments touch. */
    private static long span(ElfImage image) {
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (ElfImage.Segment s : image.segments) {
            if (s.type == ElfImage.PT_LOAD && s.memSize > 0) {
                lo = Math.min(lo, MemoryMap.pageDown(s.vaddr));
                hi = Math.max(hi, MemoryMap.pageUp(s.vaddr + s.memSize));
            }
        }
        return hi > lo ? hi : Frame.SIZE;
    }

    private static int prot(int pflags) {
        return ((pflags & ElfImage.PF_R) != 0 ? Prot.READ : 0)
                | ((pflags & ElfImage.PF_W) != 0 ? Prot.WRITE : 0)
                | ((pflags & ElfImage.PF_X) != 0 ? Prot.EXEC : 0);
    }

    /**
     * Maps every page that a segment touches (overlapping pages get the union of rights), each
     * named {@code name} at the file offset of the first segment that touches it.
     */
    private static long mapSegments(ElfImage image, String name, MemoryMap map,
            AddressSpace space, long bias) throws ElfFormatException {
        TreeMap<Long, Integer> pageProt = new TreeMap<>();
        TreeMap<Long, Long> pageOffset = new TreeMap<>();
        long end = 0;
        for (ElfImage.Segment s : image.segments) {
            if (s.type != ElfImage.PT_LOAD || s.memSize == 0) {
                continue;
            }
            long lo = MemoryMap.pageDown(s.vaddr + bias);
            long hi = MemoryMap.pageUp(s.vaddr + bias + s.memSize);
            if (lo < MemoryMap.MMAP_MIN || hi > STACK_TOP - STACK_SIZE || hi < lo) {
                throw new ElfFormatException(String.format("segment of %s at 0x%x lies outside"
                        + " the user address range", image.name, s.vaddr + bias));
            }
            for (long p = lo; p < hi; p += Frame.SIZE) {
                pageProt.merge(p, prot(s.flags), (a, b) -> a | b);
                pageOffset.putIfAbsent(p, MemoryMap.pageDown(s.offset) + (p - lo));
            }
            end = Math.max(end, hi);
        }
        for (var e : pageProt.entrySet()) {
            map.mapFile(e.getKey(), Frame.SIZE, e.getValue(), name, pageOffset.get(e.getKey()),
                    0, 0);
        }
        for (ElfImage.Segment s : image.segments) {
            if (s.type == ElfImage.PT_LOAD && s.fileSize > 0) {
                space.poke(s.vaddr + bias, image.bytes, (int) s.offset, (int) s.fileSize);
            }
        }
        return end;
    }

    private static long phdrAddress(ElfImage image, long bias) {
        for (ElfImage.Segment s : image.segments) {
            if (s.type == ElfImage.PT_PHDR) {
                return s.vaddr + bias;
            }
        }
        for (ElfImage.Segment s : image.segments) {
            if (s.type == ElfImage.PT_LOAD && image.phoff >= s.offset
                    && image.phoff < s.offset + s.fileSize) {
                return s.vaddr + bias + (image.phoff - s.offset);
            }
        }
        return 0;
    }

    /** Lays out strings, then auxv, envp, argv and argc, leaving RSP 16-byte aligned on argc. */
    private static long buildStack(AddressSpace space, ElfImage image, long bias, long phdr,
            long interpBase, List<String> argv, List<String> env, byte[] random16,
            long hwcap) {
        StackWriter w = new StackWriter(space, STACK_TOP);
        long execfn = w.string(image.name);
        long[] envp = new long[env.size()];
        for (int k = env.size() - 1; k >= 0; k--) {
            envp[k] = w.string(env.get(k));
        }
        long[] args = new long[argv.size()];
        for (int k = argv.size() - 1; k >= 0; k--) {
            args[k] = w.string(argv.get(k));
        }
        long platform = w.string("x86_64");
        long random = w.bytes(random16);
        long[] auxv = {
            AT_PHDR, phdr, AT_PHENT, 56, AT_PHNUM, image.phnum, AT_PAGESZ, Frame.SIZE,
            AT_BASE, interpBase, AT_FLAGS, 0, AT_ENTRY, image.entry + bias, AT_UID, 0, AT_EUID, 0,
            AT_GID, 0, AT_EGID, 0, AT_PLATFORM, platform, AT_HWCAP, hwcap, AT_CLKTCK, 100,
            AT_SECURE, 0, AT_RANDOM, random, AT_HWCAP2, 0, AT_EXECFN, execfn, AT_NULL, 0,
        };
        int words = 1 + args.length + 1 + envp.length + 1 + auxv.length;
        w.alignDown(16);
        if ((words & 1) != 0) {
            w.word(0); // so that RSP ends 16-byte aligned on argc
        }
        for (int k = auxv.length - 1; k >= 0; k--) {
            w.word(auxv[k]);
        }
        w.word(0);
        for (int k = envp.length - 1; k >= 0; k--) {
            w.word(envp[k]);
        }
        w.word(0);
        for (int k = args.length - 1; k >= 0; k--) {
            w.word(args[k]);
        }
        return w.word(args.length);
    }

    /** Writes downwards from a top address. */
    private static final class StackWriter {
        private final AddressSpace space;
        private long sp;

        StackWriter(AddressSpace space, long top) {
            this.space = space;
            this.sp = top;
        }

        long bytes(byte[] b) {
            sp -= b.length;
            space.writeBytes(sp, b, 0, b.length);
            return sp;
        }

        long string(String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
            return bytes(b);
        }

        void alignDown(int n) {
            sp &= -n;
        }

        long word(long v) {
            sp -= 8;
            space.write64(sp, v);
            return sp;
        }
    }
}

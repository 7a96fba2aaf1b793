package dev.splitvisor.cpu;

/**
 * The string instructions MOVS, CMPS, STOS, LODS, SCAS (A4-AF) in every width, with REP (F3,
 * and F2, which acts as REP on the non-comparing ones), REPE and REPNE, the direction flag,
 * 32-bit addressing (67: ESI, EDI, ECX) and an FS or GS override of the source. INS and OUTS
 * (6C-6F) raise #GP(0) as they do at CPL 3 with IOPL 0; when the machine grants I/O privilege
 * ({@link Cpu#ioPrivileged}) they are not implemented and raise #UD (see docs/QUIRKS.md).
 *
 * <p>These end their block and set {@link Cpu#rip} themselves. A REP run does at most
 * {@link #MAX_ITERATIONS} elements (or {@link #MAX_BULK_BYTES} bytes through the bulk path) per
 * execution and then leaves RIP on the instruction, so the run loop executes it again and a
 * long copy can be preempted between slices, exactly as hardware may take an interrupt there.
 * Every element is precise: RSI, RDI and RCX move after each completed element, so a fault
 * leaves them at the faulting one.
 *
 * <p>REP MOVS and REP STOS with DF=0, 64-bit addressing and element-aligned addresses copy in
 * chunks that never cross a page of either side, through the address space's bulk copies; a
 * forward copy whose destination starts inside the chunk it reads (an overlap that hardware
 * resolves element by element) falls back to the element loop.
 *
 * <p>Hot path: no allocation (the chunk buffer is allocated once per host thread).
 */
final class StringOps {
    /** Elements per execution of a REP instruction before it yields to the run loop. */
    static final int MAX_ITERATIONS = 4096;
    /** Bytes per execution through the bulk path. */
    static final int MAX_BULK_BYTES = 64 * 1024;
    private static final int PAGE = 4096;
    /** Shorter runs go through the TLB element by element, which is faster for them. */
    private static final int BULK_MIN_ELEMENTS = 32;

    private static final int MOVS = 0, CMPS = 1, STOS = 3, LODS = 4, SCAS = 5;

    private static final ThreadLocal<byte[]> CHUNK = new ThreadLocal<byte[]>() {
        @Override
        protected byte[] initialValue() {
            return new byte[PAGE];
        }
    };

    private StringOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        if (op < 0xA4) {
            // INS, OUTS: #GP(0) without I/O privilege, as at CPL 3 with IOPL 0; with it they
            // are a gap (no full-system guest needs them yet), so #UD, logged once.
            throw c.ioPrivileged ? Unimplemented.undefined(c, i)
                    : new GuestFault(GuestFault.GP, 0, 0);
        }
        int kind = (op - 0xA4) >>> 1;
        if (kind == 2) {
            throw Unimplemented.undefined(c, i); // A8/A9 are TEST, never routed here
        }
        if (!i.has(Insn.P_F2 | Insn.P_F3)) {
            element(c, i, kind);
            c.rip += i.len;
            return;
        }
        repeat(c, i, kind);
    }

    private static long sourceBase(Cpu c, Insn i) {
        switch (i.seg) {
            case Insn.SEG_FS: return c.fsBase;
            case Insn.SEG_GS: return c.gsBase;
            default: return 0;
        }
    }

    /** RSI or ESI as an offset. */
    private static long si(Cpu c, Insn i) {
        return i.has(Insn.P_67) ? c.gpr[Cpu.RSI] & 0xFFFFFFFFL : c.gpr[Cpu.RSI];
    }

    private static long di(Cpu c, Insn i) {
        return i.has(Insn.P_67) ? c.gpr[Cpu.RDI] & 0xFFFFFFFFL : c.gpr[Cpu.RDI];
    }

    /** Advances RSI or RDI by one element in the direction DF gives, with the address size. */
    private static void advance(Cpu c, Insn i, int reg, int size) {
        long step = (c.rflags & Flags.DF) != 0 ? -size : size;
        if (i.has(Insn.P_67)) {
            c.setReg(reg, 4, c.gpr[reg] + step);
        } else {
            c.gpr[reg] += step;
        }
    }

    /**
     * One element of {@code kind}; loads and stores first, registers after. Returns for CMPS
     * and SCAS whether the two elements were equal, otherwise true.
     */
    private static boolean element(Cpu c, Insn i, int kind) {
        int size = i.osize;
        switch (kind) {
            case MOVS: {
                long v = c.load(sourceBase(c, i) + si(c, i), size);
                c.store(di(c, i), size, v);
                advance(c, i, Cpu.RSI, size);
                advance(c, i, Cpu.RDI, size);
                return true;
            }
            case CMPS: {
                long a = c.load(sourceBase(c, i) + si(c, i), size);
                long b = c.load(di(c, i), size);
                advance(c, i, Cpu.RSI, size);
                advance(c, i, Cpu.RDI, size);
                c.lazy(Flags.K_SUB, size, a, b, a - b);
                return a == b;
            }
            case STOS:
                c.store(di(c, i), size, c.gpr[Cpu.RAX]);
                advance(c, i, Cpu.RDI, size);
                return true;
            case LODS: {
                long v = c.load(sourceBase(c, i) + si(c, i), size);
                c.setReg(Cpu.RAX, size, v);
                advance(c, i, Cpu.RSI, size);
                return true;
            }
            default: { // SCAS
                long a = c.getReg(Cpu.RAX, size);
                long b = c.load(di(c, i), size);
                advance(c, i, Cpu.RDI, size);
                c.lazy(Flags.K_SUB, size, a, b, a - b);
                return a == b;
            }
        }
    }

    private static long count(Cpu c, Insn i) {
        return i.has(Insn.P_67) ? c.gpr[Cpu.RCX] & 0xFFFFFFFFL : c.gpr[Cpu.RCX];
    }

    private static void setCount(Cpu c, Insn i, long count) {
        if (i.has(Insn.P_67)) {
            c.setReg(Cpu.RCX, 4, count);
        } else {
            c.gpr[Cpu.RCX] = count;
        }
    }

    /** A REP-prefixed run: one slice of it, finishing the instruction when the run ends. */
    private static void repeat(Cpu c, Insn i, int kind) {
        long count = count(c, i);
        if ((kind == MOVS || kind == STOS) && bulkEligible(c, i, count)) {
            long before = count;
            count = kind == MOVS ? bulkMovs(c, i, count) : bulkStos(c, i, count);
            if (count != 0 && (before - count) * i.osize >= MAX_BULK_BYTES) {
                return; // this slice is used up; the run loop comes back for the rest
            }
        }
        boolean compares = kind == CMPS || kind == SCAS;
        boolean repe = i.has(Insn.P_F3);
        boolean done = count == 0;
        for (int n = 0; !done && n < MAX_ITERATIONS; n++) {
            boolean equal = element(c, i, kind);
            count--;
            setCount(c, i, count);
            // REPE stops on a difference, REPNE on a match.
            done = count == 0 || compares && equal != repe;
        }
        if (done) {
            c.rip += i.len;
        }
    }

    /** Forward, 64-bit addressing, and long enough that a page lookup per chunk pays off. */
    private static boolean bulkEligible(Cpu c, Insn i, long count) {
        return (c.rflags & Flags.DF) == 0 && !i.has(Insn.P_67)
                && Long.compareUnsigned(count, BULK_MIN_ELEMENTS) >= 0;
    }

    /** How many bytes one chunk may take: the rest of the run, bounded by both pages. */
    private static int chunkBytes(long count, int size, long src, long dst) {
        long want = Long.compareUnsigned(count, PAGE) >= 0 ? PAGE : count * size;
        int room = Math.min(PAGE - (int) (dst & (PAGE - 1)), PAGE - (int) (src & (PAGE - 1)));
        return (int) Math.min(want, room);
    }

    /** REP MOVS forward in page-bounded chunks; returns the count left for the element loop. */
    private static long bulkMovs(Cpu c, Insn i, long count) {
        int size = i.osize;
        long base = sourceBase(c, i);
        byte[] chunk = CHUNK.get();
        int moved = 0;
        while (count != 0 && moved < MAX_BULK_BYTES) {
            long src = base + c.gpr[Cpu.RSI];
            long dst = c.gpr[Cpu.RDI];
            if (((src | dst) & (size - 1)) != 0) {
                break; // an element could straddle a page: leave it to the element loop
            }
            int n = chunkBytes(count, size, src, dst);
            long delta = dst - src;
            if (delta > 0 && delta < n) {
                break; // the copy would read what it has just written
            }
            c.mem.readBytes(src, chunk, 0, n);
            c.mem.writeBytes(dst, chunk, 0, n);
            c.gpr[Cpu.RSI] += n;
            c.gpr[Cpu.RDI] = dst + n;
            count -= n / size;
            c.gpr[Cpu.RCX] = count;
            moved += n;
        }
        return count;
    }

    /** REP STOS forward in page-bounded chunks of the accumulator's bytes. */
    private static long bulkStos(Cpu c, Insn i, long count) {
        int size = i.osize;
        if ((c.gpr[Cpu.RDI] & (size - 1)) != 0) {
            return count;
        }
        byte[] chunk = CHUNK.get();
        long pattern = c.gpr[Cpu.RAX];
        int filled = chunkBytes(count, size, 0, 0);
        for (int k = 0; k < filled; k++) {
            chunk[k] = (byte) (pattern >>> ((k & (size - 1)) << 3));
        }
        int stored = 0;
        while (count != 0 && stored < MAX_BULK_BYTES) {
            long dst = c.gpr[Cpu.RDI];
            int n = chunkBytes(count, size, dst, dst);
            c.mem.writeBytes(dst, chunk, 0, n);
            c.gpr[Cpu.RDI] = dst + n;
            count -= n / size;
            c.gpr[Cpu.RCX] = count;
            stored += n;
        }
        return count;
    }
}

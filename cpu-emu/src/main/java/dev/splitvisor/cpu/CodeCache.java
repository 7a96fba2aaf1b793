package dev.splitvisor.cpu;

import dev.splitvisor.mmu.Frame;

/**
 * The decoded-instruction cache: each frame that holds code carries a {@link CodePage} (in
 * {@link Frame#codeCache}) mapping page offsets to decoded blocks. Blocks hold only
 * position-independent {@link Insn}s, so every address space that maps the frame shares them.
 *
 * <p>A block ends at the first instruction that may change RIP (branch, call, return, SYSCALL,
 * REP string, #UD), at {@value #MAX_BLOCK} instructions, or at the end of the page. An
 * instruction that crosses into the next page is never cached: it is decoded afresh each time,
 * so that a store into either page is seen.
 *
 * <p>When a store hits a frame with decoded code, the MMU clears {@link Frame#codeCache} and bumps
 * the address space's code generation; the next lookup decodes the page's blocks again (see
 * docs/QUIRKS.md for the one gap: a store into the block that is running takes effect at the
 * next block). The per-CPU table relies on the address space's code generation, so a store
 * into a frame that another address space maps writable and shared (MAP_SHARED, once fork
 * exists) must bump that space's generation too; today no two spaces share a writable frame.
 */
final class CodeCache {
    /** Most instructions in one block. */
    static final int MAX_BLOCK = 64;

    /** Decoded blocks of one frame, indexed by the offset of their first instruction. */
    static final class CodePage {
        final Insn[][] blocks = new Insn[Frame.SIZE][];
    }

    /** Entries of the per-CPU block table; a power of two. */
    static final int TABLE_SIZE = 2048;
    private static final long NO_BLOCK = -1L;

    private final Decoder decoder;
    private final java.util.ArrayList<Insn> scratch = new java.util.ArrayList<>(MAX_BLOCK);
    /**
     * Per-CPU direct-mapped table from RIP to block, in front of the frame's CodePage: one
     * compare instead of the chain TLB, frame, page, block. Valid while the address space's
     * code generation is the one recorded here.
     */
    private final long[] tableRip = new long[TABLE_SIZE];
    private final Insn[][] tableBlock = new Insn[TABLE_SIZE][];
    private long generation = Long.MIN_VALUE;

    CodeCache(Decoder decoder) {
        this.decoder = decoder;
    }

    /** The block that starts at {@code rip}, decoding it on a miss. Hot path. */
    Insn[] blockAt(Cpu cpu, long rip) {
        long gen = cpu.mem.codeGeneration();
        int slot = (int) rip & (TABLE_SIZE - 1);
        if (tableRip[slot] == rip && gen == generation) {
            return tableBlock[slot];
        }
        if (gen != generation) {
            java.util.Arrays.fill(tableRip, NO_BLOCK);
            generation = gen;
        }
        Insn[] b = pageBlockAt(cpu, rip);
        if (b.length > 1 || !decoder.crossesPage(rip, b[0])) {
            // An instruction that crosses a page is decoded afresh every time; never cached.
            tableRip[slot] = rip;
            tableBlock[slot] = b;
        }
        return b;
    }

    /** The block at {@code rip} from its frame's CodePage, decoding it on a miss. */
    private Insn[] pageBlockAt(Cpu cpu, long rip) {
        Frame f = cpu.mem.fetchFrame(rip);
        Object cached = f.codeCache;
        int off = (int) (rip & Frame.OFFSET_MASK);
        if (cached != null) {
            Insn[] b = ((CodePage) cached).blocks[off];
            if (b != null) {
                return b;
            }
        }
        return decodeBlock(f, rip, off);
    }

    private Insn[] decodeBlock(Frame f, long rip, int off) {
        Insn first = decoder.decode(rip);
        if (decoder.crossesPage(rip, first)) {
            return new Insn[] {first};
        }
        scratch.clear();
        scratch.add(first);
        long pc = rip + first.len;
        Insn last = first;
        while (!last.endsBlock && scratch.size() < MAX_BLOCK
                && (pc & Frame.OFFSET_MASK) != 0) {
            Insn next;
            try {
                next = decoder.decode(pc);
            } catch (RuntimeException pageFaultAhead) {
                break; // the fault belongs to that instruction, if it ever runs
            }
            if (decoder.crossesPage(pc, next)) {
                break;
            }
            scratch.add(next);
            pc += next.len;
            last = next;
        }
        Insn[] block = scratch.toArray(new Insn[0]);
        CodePage page = (CodePage) f.codeCache;
        if (page == null) {
            page = new CodePage();
            f.codeCache = page;
        }
        page.blocks[off] = block;
        return block;
    }

    /** Decodes one instruction without caching it. */
    Insn decodeOne(long rip) {
        return decoder.decode(rip);
    }
}

package dev.splitvisor.cpu;

import dev.splitvisor.mmu.Frame;

/**
 * The decoded-instruction cache: each frame that holds code carries a {@link CodePage} (in
 * {@link Frame#codeCache}) mapping page offsets to decoded blocks. Blocks hold only
 * position-independent {@link Insn}s, so every address space that maps the frame shares them.
 *
 * <p>A block follows the path that runs when no branch is taken: through a Jcc to the next
 * instruction, through a direct JMP to its target. It ends at any other instruction that may
 * change RIP (indirect branch, call, return, SYSCALL, REP string, #UD), at {@value #MAX_BLOCK}
 * instructions, or where the path leaves the page, so that all its bytes lie in the one frame
 * whose invalidation drops it. An instruction that crosses into the next page is never
 * cached: it is decoded afresh each time, so that a store into either page is seen.
 * {@link BlockLinker} then folds and fuses the instructions into the block's entries.
 *
 * <p>When a store hits a frame with decoded code, the MMU clears {@link Frame#codeCache} and bumps
 * the address space's code generation; {@link BlockRunner} then ends the running block after
 * the storing instruction, and the next lookup decodes the page's blocks again, so the new
 * bytes run from the next instruction on. The per-CPU table relies on the address space's code
 * generation, so a store into a frame that another address space maps writable and shared
 * (MAP_SHARED) must bump that space's generation too.
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
    /** Addresses of the instructions in {@link #scratch}. */
    private final long[] scratchPc = new long[MAX_BLOCK];
    /**
     * Per-CPU direct-mapped table from RIP to block, in front of the frame's CodePage: one
     * compare instead of the chain TLB, frame, page, block. Valid while the address space's
     * code generation is the one recorded here.
     */
    private final long[] tableRip = new long[TABLE_SIZE];
    private final Insn[][] tableBlock = new Insn[TABLE_SIZE][];
    private long generation = Long.MIN_VALUE;
    /** While set, every lookup decodes one instruction afresh and caches nothing. */
    boolean singleStep;

    CodeCache(Decoder decoder) {
        this.decoder = decoder;
    }

    /** The block that starts at {@code rip}, decoding it on a miss. Hot path. */
    Insn[] blockAt(Cpu cpu, long rip) {
        if (singleStep) {
            return BlockLinker.link(java.util.List.of(decoder.decode(rip)));
        }
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
            return BlockLinker.link(java.util.List.of(first));
        }
        scratch.clear();
        long pc = rip;
        Insn insn = first;
        while (true) {
            scratchPc[scratch.size()] = pc;
            scratch.add(insn);
            if (endsAt(insn, pc) || scratch.size() == MAX_BLOCK) {
                break;
            }
            pc = successor(insn, pc);
            if (!samePage(pc, rip)) {
                break;
            }
            try {
                insn = decoder.decode(pc);
            } catch (RuntimeException pageFaultAhead) {
                break; // the fault belongs to that instruction, if it ever runs
            }
            if (decoder.crossesPage(pc, insn)) {
                break;
            }
        }
        Insn[] block = BlockLinker.link(scratch);
        CodePage page = (CodePage) f.codeCache;
        if (page == null) {
            page = new CodePage();
            f.codeCache = page;
        }
        page.blocks[off] = block;
        return block;
    }

    /**
     * True when the block ends with {@code insn} at {@code pc}. A Jcc does not end it: the block
     * follows the not-taken path and a taken branch leaves it. A direct JMP does not either,
     * unless its target is already in the block.
     */
    private boolean endsAt(Insn insn, long pc) {
        if (insn.fast == FastPath.JMP) {
            long target = successor(insn, pc);
            for (int k = 0; k < scratch.size(); k++) {
                if (scratchPc[k] == target) {
                    return true;
                }
            }
            return false;
        }
        return insn.endsBlock && insn.fast != FastPath.JCC;
    }

    /** Where the block goes on after {@code insn} at {@code pc} when it does not branch away. */
    private static long successor(Insn insn, long pc) {
        return insn.fast == FastPath.JMP ? pc + insn.len + insn.imm : pc + insn.len;
    }

    private static boolean samePage(long a, long b) {
        return ((a ^ b) & ~Frame.OFFSET_MASK) == 0;
    }
}

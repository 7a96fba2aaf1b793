package dev.splitvisor.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the instructions of a decoded block, in the order they run when no branch is taken,
 * into the entries that {@link BlockRunner} executes, so that fewer entries stand for the same
 * guest instructions:
 *
 * <ul>
 *   <li>a direct JMP is folded into the entry before it, whose {@link Insn#advance} then
 *       lands on the jump's target (the block goes on there), unless that entry may store or
 *       branch away;
 *   <li>a CMP or TEST on registers or a byte in memory followed by a Jcc becomes one
 *       compare-and-branch entry, which still records the lazy flags for later readers.
 * </ul>
 *
 * <p>Each entry keeps the bookkeeping that precise exceptions need: RIP stays on the entry's
 * first instruction until the whole entry completed, and only its first instruction can fault
 * (a JMP or Jcc cannot), so a fault inside it retires none of it.
 */
final class BlockLinker {
    private BlockLinker() {
    }

    /** The entries of the block made of {@code insns}. */
    static Insn[] link(List<Insn> insns) {
        List<Insn> out = new ArrayList<>(insns.size());
        for (Insn i : insns) {
            i.advance = i.fast == FastPath.JMP ? i.len + i.imm : i.len;
            i.branchDelta = i.len + i.imm;
            i.retireCount = 1;
            Insn prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && i.fast == FastPath.JMP && foldsJmp(prev)) {
                prev.advance += i.advance;
                prev.retireCount++;
            } else if (prev != null && i.fast == FastPath.JCC && fuse(prev, i)) {
                prev.retireCount++;
            } else {
                out.add(i);
            }
        }
        int retired = 0;
        for (Insn e : out) {
            retired += e.retireCount;
            e.retiredThrough = retired;
        }
        return out.toArray(new Insn[0]);
    }

    /**
     * Whether a JMP may fold into {@code entry}: not when the entry may store (a store into
     * decoded code ends the block after it, and the JMP it stored into must run as decoded
     * afresh), nor when it may branch away (its retired count would then include the JMP).
     */
    private static boolean foldsJmp(Insn entry) {
        return !FastPath.mayStore(entry.fast) && !FastPath.mayBranch(entry.fast);
    }

    /** Makes {@code cmp} a compare-and-branch entry with {@code jcc} when both allow it. */
    private static boolean fuse(Insn cmp, Insn jcc) {
        int fused = CompareBranch.fusedForm(cmp.fast);
        int table = CompareBranch.conditionTable(jcc.opcode & 0xF);
        if (fused == FastPath.NONE || table == 0) {
            return false;
        }
        cmp.fast = fused;
        cmp.condTable = table;
        cmp.branchDelta = cmp.advance + jcc.branchDelta;
        cmp.advance += jcc.len;
        return true;
    }
}

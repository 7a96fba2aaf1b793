package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splitvisor.mmu.AddressSpace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The branch decision of a fused compare-and-branch must be the one a Jcc takes after the
 * compare alone: {@link CompareBranch} is held to {@link Flags#condition} on the lazy record,
 * which works the flags out by another route, for every condition code, width and many
 * operands (edge values and random ones).
 */
class CompareBranchTest {
    private static final long[] EDGES = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1,
        -2, -0x80};

    private final Cpu c = new Cpu(new AddressSpace());

    @Test
    void compareDecisionsMatchTheLazyFlagsForEveryConditionAndWidth() {
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (int n = 0; n < 20_000; n++) {
            long a = n < EDGES.length * EDGES.length ? EDGES[n / EDGES.length] : rnd.nextLong();
            long b = n < EDGES.length * EDGES.length ? EDGES[n % EDGES.length] : near(rnd, a);
            for (int cc = 0; cc < 16; cc++) {
                int table = CompareBranch.conditionTable(cc);
                if (table == 0) {
                    continue;
                }
                assertEquals(expectSub(a, b, 8, cc), CompareBranch.cmp64Taken(c, a, b, table),
                        () -> "cmp64 " + a + ", " + b);
                assertEquals(expectSub(a, b, 4, cc), CompareBranch.cmp32Taken(c, a, b, table),
                        () -> "cmp32 " + a + ", " + b);
                assertEquals(expectSub(a, b, 1, cc), CompareBranch.cmp8Taken(c, a, b, table),
                        () -> "cmp8 " + a + ", " + b);
                assertEquals(expectLogic(a & b, 8, cc),
                        CompareBranch.test64Taken(c, a & b, table), () -> "test64 " + a);
                assertEquals(expectLogic(a & b, 4, cc),
                        CompareBranch.test32Taken(c, a & b, table), () -> "test32 " + a);
                checked++;
            }
        }
        assertEquals(20_000 * 14, checked, "every condition but P and NP has a table");
    }

    @Test
    void theFusedCompareLeavesTheSameLazyFlagsAsTheCompareAlone() {
        CompareBranch.cmp32Taken(c, 0x1_0000_0005L, 7, CompareBranch.conditionTable(4));
        long fused = c.getRflags();
        c.lazy(Flags.K_SUB, 4, 5, 7, 5 - 7);
        assertEquals(c.getRflags(), fused);
    }

    /** Often an operand close to {@code a}, where equal, carry and overflow cases lie. */
    private static long near(SplittableRandom rnd, long a) {
        switch (rnd.nextInt(3)) {
            case 0: return a + rnd.nextInt(5) - 2;
            case 1: return ~a + rnd.nextInt(3);
            default: return rnd.nextLong();
        }
    }

    private boolean expectSub(long a, long b, int size, int cc) {
        long m = Flags.mask(size);
        c.lazy(Flags.K_SUB, size, a & m, b & m, (a & m) - (b & m));
        return Flags.condition(c, cc);
    }

    private boolean expectLogic(long res, int size, int cc) {
        c.lazy(Flags.K_LOGIC, size, 0, 0, res);
        return Flags.condition(c, cc);
    }
}

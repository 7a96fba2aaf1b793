package dev.splitvisor.hypercall.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Entries keep their order and contents while the free-running indices pass 2^32. */
class RingIndexWrapTest {
    @Test
    void entriesSurviveTheIndicesWrappingPastTwoToThe32() {
        RingConfig config = RingConfig.DEFAULT.entries(4).serverThreads(0);
        RingPair pair = RingPair.allocate(config, -6); // 6 steps before 2^32
        SubmissionRing sq = pair.submissions();
        CompletionRing cq = pair.completions();
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 10; round++) {
            int n = 1 + round % 4;
            assertEquals(4, sq.free(), "all consumed before each round");
            for (int k = 0; k < n; k++) {
                pair.region().putLong(sq.producerEntry(k) + RingLayout.SQE_USER_DATA, next++);
            }
            sq.publish(n);
            assertEquals(n, sq.available());
            for (int k = 0; k < n; k++) {
                long userData = SubmissionDecoder.userData(pair, sq.consumerEntry(k));
                cq.put(k, userData, userData * 10);
            }
            sq.consume(n);
            cq.publish(n);
            assertEquals(n, cq.available());
            for (int k = 0; k < n; k++) {
                assertEquals(expected, cq.userData(k));
                assertEquals(expected * 10, cq.result(k));
                expected++;
            }
            cq.consume(n);
        }
        assertEquals(next, expected);
        int tail = pair.region().getInt(RingLayout.SQ_TAIL_OFFSET);
        assertEquals(-6 + (int) next, tail, "the tail went round past zero");
        assertEquals(true, Integer.compareUnsigned(tail, 100) < 0, "tail wrapped: " + tail);
    }

    @Test
    void aFullRingAcceptsNothingUntilConsumed() {
        RingPair pair = RingPair.allocate(RingConfig.DEFAULT.entries(2).serverThreads(0), -1);
        SubmissionRing sq = pair.submissions();
        sq.publish(2);
        assertEquals(0, sq.free());
        assertEquals(2, sq.available());
        sq.consume(1);
        assertEquals(1, sq.free());
    }

    @Test
    void freeForAWantedCountReadsTheOtherSideOnlyWhenItMust() {
        RingPair pair = RingPair.allocate(RingConfig.DEFAULT.entries(4).serverThreads(0));
        SubmissionRing sq = pair.submissions();
        sq.publish(3);
        assertEquals(1, sq.free(1));
        sq.consume(3);
        assertEquals(1, sq.free(1), "the copy last read shows enough: the region is not read");
        assertEquals(4, sq.free(2), "the copy shows too few: read afresh");
        sq.publish(4);
        assertEquals(0, sq.free(1), "a full ring stays full");
        assertEquals(0, sq.free());
    }

    @Test
    void aTailThatClaimsTooMuchIsClampedToAFullRing() {
        RingPair pair = RingPair.allocate(RingConfig.DEFAULT.entries(4).serverThreads(0));
        pair.region().putInt(RingLayout.SQ_TAIL_OFFSET, 1000); // a guest scribbling
        assertEquals(4, pair.submissions().available());
        pair.region().putInt(RingLayout.CQ_HEAD_OFFSET, -50);
        assertEquals(0, pair.completions().free(), "a nonsense head leaves no room");
    }
}

package dev.splitvisor.cpu;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * What the CPU needs from outside itself: the time-stamp counter (RDTSC) and a source of
 * hardware randomness (RDRAND, RDSEED). Deterministic runs supply both from the instruction
 * count and a seed, so that the same program gives the same execution.
 */
public interface CpuEnvironment {
    /** The value RDTSC returns for a CPU that has retired {@code retired} instructions. */
    long timestampCounter(long retired);

    /** 64 random bits for RDRAND/RDSEED. */
    long randomBits();

    /** Real time and real randomness. */
    static CpuEnvironment host() {
        SecureRandom random = new SecureRandom();
        return new CpuEnvironment() {
            @Override
            public long timestampCounter(long retired) {
                return System.nanoTime() * 3;
            }

            @Override
            public long randomBits() {
                return random.nextLong();
            }
        };
    }

    /** Virtual time (one tick per retired instruction) and seeded randomness. */
    static CpuEnvironment deterministic(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new CpuEnvironment() {
            @Override
            public long timestampCounter(long retired) {
                return retired;
            }

            @Override
            public long randomBits() {
                return random.nextLong();
            }
        };
    }
}

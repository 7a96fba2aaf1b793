/**
 * JMH benchmarks of guest execution. Run them with {@code testsuite/bench/jmh.sh}; the figures
 * they print are guest instructions per second (an auxiliary counter of retired instructions).
 * The test side of this package holds {@code RingBench}, the null-hypercall round trip over the
 * in-process transport and over the shared rings, run by hand with testsuite/bench/ring-bench.sh,
 * never as a timed test.
 */
package dev.splitvisor.testsuite.bench;

/**
 * JMH benchmarks of guest execution. Run them with {@code testsuite/bench/jmh.sh}; the figures
 * they print are guest instructions per second (an auxiliary counter of retired instructions).
 */
package dev.splitvisor.testsuite.bench;

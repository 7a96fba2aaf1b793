/**
 * Integration and differential tests against real hardware and real programs, guest programs
 * (under testsuite/guest, with their build script and committed binaries), golden data and
 * benchmarks. The test code lives under src/test; this package holds what benchmarks and tests
 * share.
 */
package dev.splitvisor.testsuite;

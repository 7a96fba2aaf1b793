/**
 * The native differential oracle's replay side: {@link
 * dev.splitvisor.testsuite.oracle.NativeOracleTest} runs every instruction template recorded on
 * real x86-64 hardware (testsuite/oracle/harness.c) through the emulator and compares every
 * register, the data window, the FXSAVE image and each flag the manuals define.
 *
 * <p>Inputs are not stored: {@code OracleInputs} derives them from (seed, template name, vector
 * number) exactly as harness.c does, so the two must change together. The recorded file holds
 * only what each vector changed. See testsuite/oracle/README.md.
 */
package dev.splitvisor.testsuite.oracle;

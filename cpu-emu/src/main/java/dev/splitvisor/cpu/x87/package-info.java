/**
 * The x87 floating-point unit in pure Java: 80-bit double-extended arithmetic done with exact
 * integer operations, bit-for-bit and flag-for-flag what the hardware produces.
 *
 * <p>Main types:
 * <ul>
 *   <li>{@link dev.splitvisor.cpu.x87.X87State}: the register stack, FCW/FSW/tag word, the
 *       last-instruction pointers, stack overflow and underflow responses, #MF pending, the
 *       FXSAVE, FSAVE and FSTENV images, and the MMX registers that alias R0-R7.</li>
 *   <li>{@link dev.splitvisor.cpu.x87.F80}: the arithmetic unit (add, sub, mul, div, sqrt,
 *       compares, FPREM/FPREM1, FRNDINT, FSCALE, FXTRACT, FXAM, constants, and the
 *       float32/float64/integer/packed-BCD conversions) with RC, PC and all six exceptions.</li>
 *   <li>{@link dev.splitvisor.cpu.x87.X87Transcendental}: FSIN, FCOS, FSINCOS, FPTAN, FPATAN,
 *       F2XM1, FYL2X, FYL2XP1, correctly rounded from a wide BigInteger computation.</li>
 * </ul>
 *
 * <p>Values travel as a {@code long} significand (explicit integer bit 63) and an {@code int}
 * sign/exponent. An instruction handler reads operands from X87State, calls one F80 method
 * (which leaves result, second result or memory image, and raised FSW bits in public fields),
 * then hands the F80 to {@link dev.splitvisor.cpu.x87.X87State#commit} or stores the image.
 * Invariant: every F80 method starts by clearing {@code flags}; nothing else is remembered
 * between calls except the control word.
 *
 * <p>Performance: X87State and F80 are on the per-instruction path and allocate nothing; the
 * transcendental unit allocates BigInteger temporaries (a few microseconds per instruction).
 * Correctness is pinned by src/test/resources/x87/golden.txt.gz, recorded on real hardware by
 * src/test/native/x87/gen.sh.
 */
package dev.splitvisor.cpu.x87;

/**
 * SSE floating point with full MXCSR semantics, the SSE4.2 string compares and CRC32, as pure
 * functions for the interpreter and the block translator to call per lane.
 *
 * <p>Java's float and double arithmetic rounds only to nearest-even and reports nothing, so
 * the floating-point lanes work on raw bits in a small soft-float core ({@code SoftFloat}):
 * operands are unpacked to a 63-bit significand, the exact result is formed with integer
 * arithmetic (a 128-bit product, a long division, an FMA-checked square root) and rounded once
 * under MXCSR.RC, FTZ and DAZ, raising IE, DE, ZE, OE, UE and PE exactly as an x86 does.
 *
 * <p>Main types: {@link dev.splitvisor.cpu.sse.Mxcsr} (the register and the per-instruction
 * flag accumulator with the #XM decision); {@link dev.splitvisor.cpu.sse.SseArith}
 * (ADD, SUB, MUL, DIV, SQRT, MIN, MAX); {@link dev.splitvisor.cpu.sse.SseCompare} (CMPxx
 * predicates 0-7, COMIS, UCOMIS); {@link dev.splitvisor.cpu.sse.SseConvert} (CVT*, ROUND*);
 * {@link dev.splitvisor.cpu.sse.SseDotProduct} (DPPS, DPPD);
 * {@link dev.splitvisor.cpu.sse.SseReciprocal} (RCP, RSQRT);
 * {@link dev.splitvisor.cpu.sse.PackedCompareString} (PCMPESTRI/M, PCMPISTRI/M);
 * {@link dev.splitvisor.cpu.sse.Crc32c} (CRC32).
 *
 * <p>How an instruction uses them: for each lane call the lane operation with the shared
 * {@code Mxcsr}; it returns the lane result and ORs its exceptions into {@code pending}. Then
 * call {@link dev.splitvisor.cpu.sse.Mxcsr#commit()}: if it returns true raise #XM (or #UD if
 * CR4.OSXMMEXCPT is clear) and leave the destination alone; otherwise write all lanes. Binary
 * lane operations take the first source (the destination register) first: the x86 rules for
 * NaN operands and for MIN/MAX depend on the order.
 *
 * <p>Invariants: results are bit-exact with hardware for everything except RCP and RSQRT,
 * which are within the architectural 1.5 * 2^-12 (see {@code SseReciprocal}). The golden-data
 * test replays recorded runs of an AMD Zen 4; its generator is in src/test/native/sse.
 *
 * <p>Performance contract: every method here is on the per-instruction path; none allocates,
 * throws or logs, and the state is one {@code Mxcsr} per virtual CPU.
 */
package dev.splitvisor.cpu.sse;

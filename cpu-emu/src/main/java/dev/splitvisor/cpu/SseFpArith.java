package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.SseFpOperands.address;
import static dev.splitvisor.cpu.SseFpOperands.commit;
import static dev.splitvisor.cpu.SseFpOperands.hi;
import static dev.splitvisor.cpu.SseFpOperands.lo;
import static dev.splitvisor.cpu.SseFpOperands.lo32;
import static dev.splitvisor.cpu.SseFpOperands.pair;

import dev.splitvisor.cpu.sse.Mxcsr;
import dev.splitvisor.cpu.sse.SseArith;
import dev.splitvisor.cpu.sse.SseCompare;
import dev.splitvisor.cpu.sse.SseConvert;
import dev.splitvisor.cpu.sse.SseDotProduct;
import dev.splitvisor.cpu.sse.SseReciprocal;

/**
 * SSE floating-point arithmetic on XMM registers: SQRT, RSQRT, RCP, ADD, MUL, SUB, MIN, DIV,
 * MAX and CMP in their PS, PD, SS and SD forms, ROUNDPS/PD/SS/SD, HADD/HSUB PS/PD,
 * ADDSUBPS/PD and DPPS/DPPD. The lane results come from the pure functions of package
 * {@code dev.splitvisor.cpu.sse}; this class picks the operands and writes the destination.
 *
 * <p>Every method follows the same order: load all sources (a fault here changes nothing),
 * compute every lane into locals while MXCSR gathers flags, commit MXCSR (an unmasked
 * exception raises #XM with the destination untouched), write. Scalar forms keep the upper
 * lanes of the destination. The lane operation is named by the instruction's full opcode.
 *
 * <p>Hot path: no allocation, no exceptions other than guest faults.
 */
final class SseFpArith {
    private SseFpArith() {
    }

    /** 0F 51, 58-5F, C2: PS (p 0), PD (p 1), SS (p 2) or SD (p 3) of the lane operation. */
    static void arith(Cpu c, Insn i, int p) {
        switch (p) {
            case 0: packed32(c, i, i.opcode); break;
            case 1: packed64(c, i, i.opcode); break;
            case 2: scalar32(c, i, i.opcode); break;
            default: scalar64(c, i, i.opcode); break;
        }
    }

    /** 0F 52/53: RSQRTPS/RCPPS, F3: RSQRTSS/RCPSS; no PD or SD forms exist. */
    static void reciprocal(Cpu c, Insn i, int p) {
        if (p == 0) {
            packed32(c, i, i.opcode);
        } else if (p == 2) {
            scalar32(c, i, i.opcode);
        } else {
            throw Unimplemented.undefined(c, i);
        }
    }

    /** 66 0F3A 08-0B: ROUNDPS, ROUNDPD, ROUNDSS, ROUNDSD. */
    static void round(Cpu c, Insn i, int p) {
        if (p != 1) {
            throw Unimplemented.undefined(c, i);
        }
        switch (i.opcode) {
            case 0x308: packed32(c, i, i.opcode); break;
            case 0x309: packed64(c, i, i.opcode); break;
            case 0x30A: scalar32(c, i, i.opcode); break;
            default: scalar64(c, i, i.opcode); break;
        }
    }

    /** One single-precision lane of {@code op}; {@code a} is the destination's lane. */
    private static int lane32(Mxcsr m, int op, int a, int b, int imm8) {
        switch (op) {
            case 0x151: return SseArith.sqrt32(m, b);
            case 0x152: return SseReciprocal.rsqrt32(b);
            case 0x153: return SseReciprocal.rcp32(b);
            case 0x158: return SseArith.add32(m, a, b);
            case 0x159: return SseArith.mul32(m, a, b);
            case 0x15C: return SseArith.sub32(m, a, b);
            case 0x15D: return SseArith.min32(m, a, b);
            case 0x15E: return SseArith.div32(m, a, b);
            case 0x15F: return SseArith.max32(m, a, b);
            case 0x1C2: return SseCompare.cmp32(m, a, b, imm8);
            case 0x308: case 0x30A: return SseConvert.round32(m, b, imm8);
            default: throw new AssertionError("no single-precision lane for opcode " + op);
        }
    }

    /** One double-precision lane of {@code op}. */
    private static long lane64(Mxcsr m, int op, long a, long b, int imm8) {
        switch (op) {
            case 0x151: return SseArith.sqrt64(m, b);
            case 0x158: return SseArith.add64(m, a, b);
            case 0x159: return SseArith.mul64(m, a, b);
            case 0x15C: return SseArith.sub64(m, a, b);
            case 0x15D: return SseArith.min64(m, a, b);
            case 0x15E: return SseArith.div64(m, a, b);
            case 0x15F: return SseArith.max64(m, a, b);
            case 0x1C2: return SseCompare.cmp64(m, a, b, imm8);
            case 0x309: case 0x30B: return SseConvert.round64(m, b, imm8);
            default: throw new AssertionError("no double-precision lane for opcode " + op);
        }
    }

    private static void packed32(Cpu c, Insn i, int op) {
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        long al = c.xmm[d];
        long ah = c.xmm[d | 1];
        Mxcsr m = c.mxcsr;
        int imm = (int) i.imm & 0xFF;
        int r0 = lane32(m, op, (int) al, (int) bl, imm);
        int r1 = lane32(m, op, (int) (al >>> 32), (int) (bl >>> 32), imm);
        int r2 = lane32(m, op, (int) ah, (int) bh, imm);
        int r3 = lane32(m, op, (int) (ah >>> 32), (int) (bh >>> 32), imm);

        commit(c);
        c.xmm[d] = pair(r0, r1);
        c.xmm[d | 1] = pair(r2, r3);
    }

    private static void packed64(Cpu c, Insn i, int op) {
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        Mxcsr m = c.mxcsr;
        int imm = (int) i.imm & 0xFF;
        long r0 = lane64(m, op, c.xmm[d], bl, imm);
        long r1 = lane64(m, op, c.xmm[d | 1], bh, imm);

        commit(c);
        c.xmm[d] = r0;
        c.xmm[d | 1] = r1;
    }

    private static void scalar32(Cpu c, Insn i, int op) {
        int b = lo32(c, i, address(c, i, false));
        int d = i.reg << 1;
        int r = lane32(c.mxcsr, op, (int) c.xmm[d], b, (int) i.imm & 0xFF);

        commit(c);
        c.xmm[d] = (c.xmm[d] & 0xFFFF_FFFF_0000_0000L) | (r & 0xFFFF_FFFFL);
    }

    private static void scalar64(Cpu c, Insn i, int op) {
        long b = lo(c, i, address(c, i, false));
        int d = i.reg << 1;
        long r = lane64(c.mxcsr, op, c.xmm[d], b, (int) i.imm & 0xFF);

        commit(c);
        c.xmm[d] = r;
    }

    /**
     * 0F 7C/7D: HADDPD/HSUBPD (66) and HADDPS/HSUBPS (F2). Each result lane combines two
     * neighbouring lanes, the low results from the destination, the high ones from the source.
     */
    static void horizontal(Cpu c, Insn i, int p) {
        if (p != 1 && p != 3) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        long al = c.xmm[d];
        long ah = c.xmm[d | 1];
        Mxcsr m = c.mxcsr;
        boolean sub = i.opcode == 0x17D;
        long r0;
        long r1;
        if (p == 1) {
            r0 = sub ? SseArith.sub64(m, al, ah) : SseArith.add64(m, al, ah);
            r1 = sub ? SseArith.sub64(m, bl, bh) : SseArith.add64(m, bl, bh);
        } else {
            r0 = pair(hlane(m, al, sub), hlane(m, ah, sub));
            r1 = pair(hlane(m, bl, sub), hlane(m, bh, sub));
        }

        commit(c);
        c.xmm[d] = r0;
        c.xmm[d | 1] = r1;
    }

    /** The low single of {@code q} plus (or minus) its high single. */
    private static int hlane(Mxcsr m, long q, boolean sub) {
        int x = (int) q;
        int y = (int) (q >>> 32);
        return sub ? SseArith.sub32(m, x, y) : SseArith.add32(m, x, y);
    }

    /** 0F D0: ADDSUBPD (66) and ADDSUBPS (F2): even lanes subtract, odd lanes add. */
    static void addSubtract(Cpu c, Insn i, int p) {
        if (p != 1 && p != 3) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        long al = c.xmm[d];
        long ah = c.xmm[d | 1];
        Mxcsr m = c.mxcsr;
        long r0;
        long r1;
        if (p == 1) {
            r0 = SseArith.sub64(m, al, bl);
            r1 = SseArith.add64(m, ah, bh);
        } else {
            r0 = pair(SseArith.sub32(m, (int) al, (int) bl),
                    SseArith.add32(m, (int) (al >>> 32), (int) (bl >>> 32)));
            r1 = pair(SseArith.sub32(m, (int) ah, (int) bh),
                    SseArith.add32(m, (int) (ah >>> 32), (int) (bh >>> 32)));
        }

        commit(c);
        c.xmm[d] = r0;
        c.xmm[d | 1] = r1;
    }

    /** 66 0F3A 40/41: DPPS and DPPD, the dot product of the lanes selected by imm8. */
    static void dotProduct(Cpu c, Insn i, int p) {
        if (p != 1) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        long al = c.xmm[d];
        long ah = c.xmm[d | 1];
        int imm = (int) i.imm & 0xFF;
        long r0;
        long r1;
        if (i.opcode == 0x340) {
            long s = SseDotProduct.dpps(c.mxcsr, al, ah, bl, bh, imm) & 0xFFFF_FFFFL;
            r0 = SseDotProduct.lane(s, imm, 0) | (SseDotProduct.lane(s, imm, 1) << 32);
            r1 = SseDotProduct.lane(s, imm, 2) | (SseDotProduct.lane(s, imm, 3) << 32);
        } else {
            long s = SseDotProduct.dppd(c.mxcsr, al, ah, bl, bh, imm);
            r0 = SseDotProduct.lane(s, imm, 0);
            r1 = SseDotProduct.lane(s, imm, 1);
        }

        commit(c);
        c.xmm[d] = r0;
        c.xmm[d | 1] = r1;
    }
}

package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.SseFpOperands.address;
import static dev.splitvisor.cpu.SseFpOperands.commit;
import static dev.splitvisor.cpu.SseFpOperands.hi;
import static dev.splitvisor.cpu.SseFpOperands.lo;
import static dev.splitvisor.cpu.SseFpOperands.lo32;
import static dev.splitvisor.cpu.SseFpOperands.pair;

import dev.splitvisor.cpu.sse.Mxcsr;
import dev.splitvisor.cpu.sse.SseCompare;
import dev.splitvisor.cpu.sse.SseConvert;

/**
 * SSE conversions and the scalar compares that set RFLAGS: CVTSI2SS/SD, CVT(T)SS2SI,
 * CVT(T)SD2SI, CVTPS2PD, CVTPD2PS, CVTSS2SD, CVTSD2SS, CVTDQ2PS, CVT(T)PS2DQ, CVTDQ2PD,
 * CVT(T)PD2DQ, COMISS/SD and UCOMISS/SD. The lane conversions are those of
 * {@link SseConvert}; the forms on MMX registers (CVTPI2PS, CVTPS2PI and friends) are
 * {@link MmxConvert}'s.
 *
 * <p>As in {@link SseFpArith}: load, compute into locals, commit MXCSR, write.
 *
 * <p>Hot path: no allocation, no exceptions other than guest faults.
 */
final class SseFpConvert {
    private SseFpConvert() {
    }

    /** 0F 5A: CVTPS2PD, CVTPD2PS (66), CVTSS2SD (F3), CVTSD2SS (F2). */
    static void floatFormat(Cpu c, Insn i, int p) {
        int d = i.reg << 1;
        Mxcsr m = c.mxcsr;
        if (p == 0) {
            long b = lo(c, i, address(c, i, false));
            long r0 = SseConvert.cvtss2sd(m, (int) b);
            long r1 = SseConvert.cvtss2sd(m, (int) (b >>> 32));
            commit(c);
            c.xmm[d] = r0;
            c.xmm[d | 1] = r1;
        } else if (p == 1) {
            long addr = address(c, i, true);
            long bl = lo(c, i, addr);
            long bh = hi(c, i, addr);
            long r = pair(SseConvert.cvtsd2ss(m, bl), SseConvert.cvtsd2ss(m, bh));
            commit(c);
            c.xmm[d] = r;
            c.xmm[d | 1] = 0;
        } else if (p == 2) {
            long r = SseConvert.cvtss2sd(m, lo32(c, i, address(c, i, false)));
            commit(c);
            c.xmm[d] = r;
        } else {
            int r = SseConvert.cvtsd2ss(m, lo(c, i, address(c, i, false)));
            commit(c);
            c.xmm[d] = (c.xmm[d] & 0xFFFF_FFFF_0000_0000L) | (r & 0xFFFF_FFFFL);
        }
    }

    /** 0F 5B: CVTDQ2PS, CVTPS2DQ (66), CVTTPS2DQ (F3). */
    static void singleInteger(Cpu c, Insn i, int p) {
        if (p == 3) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        Mxcsr m = c.mxcsr;
        int r0 = singleLane(m, p, (int) bl);
        int r1 = singleLane(m, p, (int) (bl >>> 32));
        int r2 = singleLane(m, p, (int) bh);
        int r3 = singleLane(m, p, (int) (bh >>> 32));

        commit(c);
        int d = i.reg << 1;
        c.xmm[d] = pair(r0, r1);
        c.xmm[d | 1] = pair(r2, r3);
    }

    private static int singleLane(Mxcsr m, int p, int x) {
        switch (p) {
            case 0: return SseConvert.cvtsi2ss(m, x);
            case 1: return SseConvert.cvtss2si(m, x);
            default: return SseConvert.cvttss2si(m, x);
        }
    }

    /** 0F E6: CVTTPD2DQ (66), CVTDQ2PD (F3), CVTPD2DQ (F2). */
    static void doubleInteger(Cpu c, Insn i, int p) {
        if (p == 0) {
            throw Unimplemented.undefined(c, i);
        }
        int d = i.reg << 1;
        Mxcsr m = c.mxcsr;
        if (p == 2) {
            long b = lo(c, i, address(c, i, false));
            long r0 = SseConvert.cvtsi2sd(m, (int) b);
            long r1 = SseConvert.cvtsi2sd(m, (int) (b >>> 32));
            commit(c);
            c.xmm[d] = r0;
            c.xmm[d | 1] = r1;
            return;
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        long r = p == 1 ? pair(SseConvert.cvttsd2si(m, bl), SseConvert.cvttsd2si(m, bh))
                : pair(SseConvert.cvtsd2si(m, bl), SseConvert.cvtsd2si(m, bh));
        commit(c);
        c.xmm[d] = r;
        c.xmm[d | 1] = 0;
    }

    /** F3/F2 0F 2A: CVTSI2SS and CVTSI2SD from r/m32, or r/m64 with REX.W; CVTPI2PS/PD. */
    static void fromInteger(Cpu c, Insn i, int p) {
        if (p < 2) {
            MmxConvert.fromPackedInteger(c, i, p);
            return;
        }
        boolean wide = i.has(Insn.P_REXW);
        long v = c.readRm(i, wide ? 8 : 4);
        int d = i.reg << 1;
        Mxcsr m = c.mxcsr;
        if (p == 2) {
            int r = wide ? SseConvert.cvtsi2ss(m, v) : SseConvert.cvtsi2ss(m, (int) v);
            commit(c);
            c.xmm[d] = (c.xmm[d] & 0xFFFF_FFFF_0000_0000L) | (r & 0xFFFF_FFFFL);
        } else {
            long r = wide ? SseConvert.cvtsi2sd(m, v) : SseConvert.cvtsi2sd(m, (int) v);
            commit(c);
            c.xmm[d] = r;
        }
    }

    /**
     * F3/F2 0F 2C (truncating) and 2D (rounding per MXCSR.RC): CVT(T)SS2SI and CVT(T)SD2SI
     * into r32, or r64 with REX.W; without F3/F2 the MMX forms CVT(T)PS2PI and CVT(T)PD2PI.
     */
    static void toInteger(Cpu c, Insn i, int p) {
        if (p < 2) {
            MmxConvert.toPackedInteger(c, i, p);
            return;
        }
        boolean wide = i.has(Insn.P_REXW);
        boolean truncate = i.opcode == 0x12C;
        long addr = address(c, i, false);
        Mxcsr m = c.mxcsr;
        long r;
        if (p == 2) {
            int x = lo32(c, i, addr);
            r = wide ? (truncate ? SseConvert.cvttss2si64(m, x) : SseConvert.cvtss2si64(m, x))
                    : (truncate ? SseConvert.cvttss2si(m, x) : SseConvert.cvtss2si(m, x));
        } else {
            long x = lo(c, i, addr);
            r = wide ? (truncate ? SseConvert.cvttsd2si64(m, x) : SseConvert.cvtsd2si64(m, x))
                    : (truncate ? SseConvert.cvttsd2si(m, x) : SseConvert.cvtsd2si(m, x));
        }

        commit(c);
        c.setReg(i.reg, wide ? 8 : 4, r);
    }

    /**
     * 0F 2E UCOMISS/UCOMISD (66) and 0F 2F COMISS/COMISD: ZF, PF and CF from the compare,
     * OF, SF and AF cleared. COMIS signals IE on any NaN, UCOMIS only on a signalling one.
     */
    static void compareFlags(Cpu c, Insn i, int p) {
        if (p > 1) {
            throw Unimplemented.undefined(c, i);
        }
        boolean signalQuiet = i.opcode == 0x12F;
        long addr = address(c, i, false);
        Mxcsr m = c.mxcsr;
        long a = c.xmm[i.reg << 1];
        int bits;
        if (p == 0) {
            int b = lo32(c, i, addr);
            bits = signalQuiet ? SseCompare.comiss(m, (int) a, b)
                    : SseCompare.ucomiss(m, (int) a, b);
        } else {
            long b = lo(c, i, addr);
            bits = signalQuiet ? SseCompare.comisd(m, a, b) : SseCompare.ucomisd(m, a, b);
        }

        commit(c);
        c.setArith(bits);
    }
}

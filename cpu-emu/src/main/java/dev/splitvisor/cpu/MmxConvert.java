package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.SseFpOperands.address;
import static dev.splitvisor.cpu.SseFpOperands.commit;
import static dev.splitvisor.cpu.SseFpOperands.hi;
import static dev.splitvisor.cpu.SseFpOperands.lo;
import static dev.splitvisor.cpu.SseFpOperands.pair;

import dev.splitvisor.cpu.sse.Mxcsr;
import dev.splitvisor.cpu.sse.SseConvert;

/**
 * The conversions between packed doubleword integers in an MMX register and SSE floating
 * point: CVTPI2PS and CVTPI2PD (0F 2A, 66 0F 2A), CVTPS2PI and CVTTPS2PI (0F 2D, 0F 2C),
 * CVTPD2PI and CVTTPD2PI (66 0F 2D, 66 0F 2C). MXCSR rounds and records exceptions as for the
 * SSE conversions; an unmasked one raises #XM before the destination is written, but after
 * the switch to MMX operation (TOP 0, no register empty): the AMD Zen 4 of the native oracle
 * delivers #XM with the FPU already switched.
 *
 * <p>CVTPI2PS and CVTPI2PD with a memory source touch no MMX register, so they neither check
 * for a pending x87 exception nor switch the FPU to MMX operation (measured: they run with ES
 * set); every other form follows the MMX rules of {@link MmxOperands}.
 *
 * <p>Hot path: no allocation.
 */
final class MmxConvert {
    private MmxConvert() {
    }

    /** 0F 2A CVTPI2PS xmm, mm/m64 ({@code p} 0) and 66 0F 2A CVTPI2PD xmm, mm/m64 (1). */
    static void fromPackedInteger(Cpu c, Insn i, int p) {
        boolean fromMmx = i.rm >= 0;
        if (fromMmx) {
            MmxOperands.checkPending(c);
        }
        long s = MmxOperands.source(c, i);
        Mxcsr m = c.mxcsr;
        // CVTPI2PD cannot raise anything: every int32 is exact in binary64.
        long r0 = p == 0 ? pair(SseConvert.cvtsi2ss(m, (int) s),
                SseConvert.cvtsi2ss(m, (int) (s >>> 32))) : SseConvert.cvtsi2sd(m, (int) s);
        long r1 = p == 0 ? 0 : SseConvert.cvtsi2sd(m, (int) (s >>> 32));
        if (fromMmx) {
            c.fpu.enterMmx();
        }

        commit(c);
        int d = i.reg << 1;
        c.xmm[d] = r0;
        if (p == 1) {
            c.xmm[d | 1] = r1;
        }
    }

    /**
     * 0F 2D CVTPS2PI mm, xmm/m64 and 0F 2C CVTTPS2PI ({@code p} 0); 66 0F 2D CVTPD2PI mm,
     * xmm/m128 and 66 0F 2C CVTTPD2PI ({@code p} 1), whose m128 must be 16-byte aligned.
     * A value out of int32 range gives the integer indefinite 0x80000000.
     */
    static void toPackedInteger(Cpu c, Insn i, int p) {
        MmxOperands.checkPending(c);
        boolean truncate = i.opcode == 0x12C;
        long addr = address(c, i, p == 1);
        long a = lo(c, i, addr);
        Mxcsr m = c.mxcsr;
        int r0;
        int r1;
        if (p == 0) {
            r0 = truncate ? SseConvert.cvttss2si(m, (int) a) : SseConvert.cvtss2si(m, (int) a);
            int b = (int) (a >>> 32);
            r1 = truncate ? SseConvert.cvttss2si(m, b) : SseConvert.cvtss2si(m, b);
        } else {
            long b = hi(c, i, addr);
            r0 = truncate ? SseConvert.cvttsd2si(m, a) : SseConvert.cvtsd2si(m, a);
            r1 = truncate ? SseConvert.cvttsd2si(m, b) : SseConvert.cvtsd2si(m, b);
        }

        c.fpu.enterMmx();
        commit(c);
        c.fpu.writeMmx(MmxOperands.reg(i), pair(r0, r1));
    }
}

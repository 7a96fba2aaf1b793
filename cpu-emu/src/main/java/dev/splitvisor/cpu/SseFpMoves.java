package dev.splitvisor.cpu;

import static dev.splitvisor.cpu.SseFpOperands.address;
import static dev.splitvisor.cpu.SseFpOperands.hi;
import static dev.splitvisor.cpu.SseFpOperands.lo;
import static dev.splitvisor.cpu.SseFpOperands.lo32;
import static dev.splitvisor.cpu.SseFpOperands.pair;
import static dev.splitvisor.cpu.SseFpOperands.store128;

/**
 * The SSE floating-point instructions that move, select or combine bits without arithmetic,
 * so MXCSR plays no part: MOVUPS/UPD/SS/SD, MOVAPS/APD, MOVNTPS/PD, MOVLPS/LPD/HPS/HPD,
 * MOVHLPS, MOVLHPS, MOVSLDUP, MOVSHDUP, MOVDDUP, UNPCKLPS/PD, UNPCKHPS/PD, AND/ANDN/OR/XOR
 * PS/PD, MOVMSKPS/PD, SHUFPS/PD, BLENDPS/PD, BLENDVPS/PD, EXTRACTPS and INSERTPS.
 *
 * <p>{@code p} is {@link Insn#simdPrefix()}: 0 PS, 1 PD, 2 SS (F3), 3 SD (F2). Encodings the
 * SDM leaves undefined (a register operand where only memory exists, a prefix with no
 * instruction) raise #UD.
 *
 * <p>Hot path: no allocation; each method loads, then writes.
 */
final class SseFpMoves {
    private SseFpMoves() {
    }

    /** 0F 10: MOVUPS, MOVUPD, MOVSS, MOVSD loads (and register to register moves). */
    static void moveLoad(Cpu c, Insn i, int p) {
        int d = i.reg << 1;
        long addr = address(c, i, false);
        if (p <= 1) {
            long l = lo(c, i, addr);
            long h = hi(c, i, addr);
            c.xmm[d] = l;
            c.xmm[d | 1] = h;
        } else if (p == 2) {
            int v = lo32(c, i, addr);
            if (i.rm >= 0) {
                c.xmm[d] = (c.xmm[d] & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
            } else {
                // A memory source zeroes the rest of the register, a register source does not.
                c.xmm[d] = v & 0xFFFF_FFFFL;
                c.xmm[d | 1] = 0;
            }
        } else {
            c.xmm[d] = lo(c, i, addr);
            if (i.rm < 0) {
                c.xmm[d | 1] = 0;
            }
        }
    }

    /** 0F 11: MOVUPS, MOVUPD, MOVSS, MOVSD stores to memory or to the r/m register. */
    static void moveStore(Cpu c, Insn i, int p) {
        int s = i.reg << 1;
        if (i.rm >= 0) {
            int d = i.rm << 1;
            if (p <= 1) {
                c.xmm[d] = c.xmm[s];
                c.xmm[d | 1] = c.xmm[s | 1];
            } else if (p == 2) {
                c.xmm[d] = (c.xmm[d] & 0xFFFF_FFFF_0000_0000L) | (c.xmm[s] & 0xFFFF_FFFFL);
            } else {
                c.xmm[d] = c.xmm[s];
            }
            return;
        }
        long addr = c.ea(i);
        if (p <= 1) {
            store128(c, addr, c.xmm[s], c.xmm[s | 1]);
        } else if (p == 2) {
            c.mem.write32(addr, (int) c.xmm[s]);
        } else {
            c.mem.write64(addr, c.xmm[s]);
        }
    }

    /** 0F 28: MOVAPS, MOVAPD loads (16-byte aligned). */
    static void moveAlignedLoad(Cpu c, Insn i, int p) {
        if (p > 1) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long l = lo(c, i, addr);
        long h = hi(c, i, addr);
        int d = i.reg << 1;
        c.xmm[d] = l;
        c.xmm[d | 1] = h;
    }

    /**
     * 0F 29 MOVAPS/MOVAPD and 0F 2B MOVNTPS/MOVNTPD stores (16-byte aligned; the
     * non-temporal hint has no effect here and its register form does not exist).
     */
    static void moveAlignedStore(Cpu c, Insn i, int p, boolean nonTemporal) {
        if (p > 1 || (nonTemporal && i.rm >= 0)) {
            throw Unimplemented.undefined(c, i);
        }
        int s = i.reg << 1;
        if (i.rm >= 0) {
            c.xmm[i.rm << 1] = c.xmm[s];
            c.xmm[(i.rm << 1) | 1] = c.xmm[s | 1];
            return;
        }
        long addr = address(c, i, true);
        c.mem.write64(addr, c.xmm[s]);
        c.mem.write64(addr + 8, c.xmm[s | 1]);
    }

    /** 0F 12: MOVLPS, MOVHLPS, MOVLPD, MOVSLDUP (F3), MOVDDUP (F2). */
    static void moveLow(Cpu c, Insn i, int p) {
        int d = i.reg << 1;
        if (p == 2) {
            duplicate(c, i, false);
        } else if (p == 3) {
            long v = lo(c, i, address(c, i, false));
            c.xmm[d] = v;
            c.xmm[d | 1] = v;
        } else if (i.rm < 0) {
            c.xmm[d] = c.mem.read64(c.ea(i));
        } else if (p == 0) {
            c.xmm[d] = c.xmm[(i.rm << 1) | 1];
        } else {
            throw Unimplemented.undefined(c, i);
        }
    }

    /** 0F 16: MOVHPS, MOVLHPS, MOVHPD, MOVSHDUP (F3). */
    static void moveHigh(Cpu c, Insn i, int p) {
        int d = i.reg << 1;
        if (p == 2) {
            duplicate(c, i, true);
        } else if (p == 3) {
            throw Unimplemented.undefined(c, i);
        } else if (i.rm < 0) {
            c.xmm[d | 1] = c.mem.read64(c.ea(i));
        } else if (p == 0) {
            c.xmm[d | 1] = c.xmm[i.rm << 1];
        } else {
            throw Unimplemented.undefined(c, i);
        }
    }

    /** MOVSLDUP (lanes 0 and 2 doubled) or MOVSHDUP (lanes 1 and 3 doubled). */
    private static void duplicate(Cpu c, Insn i, boolean odd) {
        long addr = address(c, i, true);
        long l = lo(c, i, addr);
        long h = hi(c, i, addr);
        int shift = odd ? 32 : 0;
        int d = i.reg << 1;
        int l0 = (int) (l >>> shift);
        int h0 = (int) (h >>> shift);
        c.xmm[d] = pair(l0, l0);
        c.xmm[d | 1] = pair(h0, h0);
    }

    /** 0F 13 MOVLPS/MOVLPD and 0F 17 MOVHPS/MOVHPD: store one quadword, memory only. */
    static void storeHalf(Cpu c, Insn i, int p, boolean high) {
        if (p > 1 || i.rm >= 0) {
            throw Unimplemented.undefined(c, i);
        }
        c.mem.write64(c.ea(i), c.xmm[(i.reg << 1) | (high ? 1 : 0)]);
    }

    /** 0F 14/15: UNPCKLPS/PD and UNPCKHPS/PD interleave the low or high halves. */
    static void unpack(Cpu c, Insn i, int p, boolean high) {
        if (p > 1) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        int d = i.reg << 1;
        long a = high ? c.xmm[d | 1] : c.xmm[d];
        long b = high ? hi(c, i, addr) : lo(c, i, addr);
        if (p == 1) {
            c.xmm[d] = a;
            c.xmm[d | 1] = b;
        } else {
            c.xmm[d] = pair((int) a, (int) b);
            c.xmm[d | 1] = pair((int) (a >>> 32), (int) (b >>> 32));
        }
    }

    /** 0F 54-57: ANDPS/PD, ANDNPS/PD, ORPS/PD, XORPS/PD (the PS and PD forms are the same). */
    static void logic(Cpu c, Insn i, int p) {
        if (p > 1) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        long al = c.xmm[d];
        long ah = c.xmm[d | 1];
        switch (i.opcode) {
            case 0x154: al &= bl; ah &= bh; break;
            case 0x155: al = ~al & bl; ah = ~ah & bh; break;
            case 0x156: al |= bl; ah |= bh; break;
            default: al ^= bl; ah ^= bh; break;
        }
        c.xmm[d] = al;
        c.xmm[d | 1] = ah;
    }

    /** 0F 50: MOVMSKPS/PD, the lane sign bits into a general register (zero-extended). */
    static void moveMask(Cpu c, Insn i, int p) {
        if (p > 1 || i.rm < 0) {
            throw Unimplemented.undefined(c, i);
        }
        long l = c.xmm[i.rm << 1];
        long h = c.xmm[(i.rm << 1) | 1];
        long mask;
        if (p == 1) {
            mask = (l >>> 63) | ((h >>> 63) << 1);
        } else {
            mask = ((l >>> 31) & 1) | ((l >>> 62) & 2) | (((h >>> 31) & 1) << 2)
                    | (((h >>> 63) & 1) << 3);
        }
        c.gpr[i.reg] = mask;
    }

    /** 0F C6: SHUFPS/SHUFPD, two lanes from the destination, two from the source. */
    static void shuffle(Cpu c, Insn i, int p) {
        if (p > 1) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        long al = c.xmm[d];
        long ah = c.xmm[d | 1];
        int imm = (int) i.imm;
        if (p == 1) {
            c.xmm[d] = (imm & 1) == 0 ? al : ah;
            c.xmm[d | 1] = (imm & 2) == 0 ? bl : bh;
            return;
        }
        c.xmm[d] = pair(lane(al, ah, imm), lane(al, ah, imm >>> 2));
        c.xmm[d | 1] = pair(lane(bl, bh, imm >>> 4), lane(bl, bh, imm >>> 6));
    }

    /** Single-precision lane {@code sel & 3} of the register (lo, hi). */
    private static int lane(long lo, long hi, int sel) {
        long q = (sel & 2) == 0 ? lo : hi;
        return (int) ((sel & 1) == 0 ? q : q >>> 32);
    }

    /**
     * 66 0F3A 0C/0D: BLENDPS/BLENDPD by imm8, and 66 0F38 14/15: BLENDVPS/BLENDVPD by the
     * sign bits of XMM0. A set selector bit takes the source lane.
     */
    static void blend(Cpu c, Insn i, int p) {
        if (p != 1) {
            throw Unimplemented.undefined(c, i);
        }
        long addr = address(c, i, true);
        long bl = lo(c, i, addr);
        long bh = hi(c, i, addr);
        int d = i.reg << 1;
        boolean doubles = (i.opcode & 1) != 0;
        int sel = i.opcode >= 0x300 ? (int) i.imm : signMask(c.xmm[0], c.xmm[1], doubles);
        long ml = laneMask(sel, doubles);
        long mh = laneMask(sel >>> (doubles ? 1 : 2), doubles);
        c.xmm[d] = (c.xmm[d] & ~ml) | (bl & ml);
        c.xmm[d | 1] = (c.xmm[d | 1] & ~mh) | (bh & mh);
    }

    /** The lane sign bits of (lo, hi) as a selector: 2 bits for doubles, 4 for singles. */
    private static int signMask(long lo, long hi, boolean doubles) {
        if (doubles) {
            return (int) ((lo >>> 63) | ((hi >>> 63) << 1));
        }
        return (int) (((lo >>> 31) & 1) | ((lo >>> 62) & 2) | (((hi >>> 31) & 1) << 2)
                | (((hi >>> 63) & 1) << 3));
    }

    /** A quadword bit mask from the low selector bits: 1 bit per double, 2 per pair of singles. */
    private static long laneMask(int sel, boolean doubles) {
        if (doubles) {
            return (sel & 1) != 0 ? -1L : 0;
        }
        return ((sel & 1) != 0 ? 0xFFFF_FFFFL : 0) | ((sel & 2) != 0 ? 0xFFFF_FFFF_0000_0000L : 0);
    }

    /** 66 0F3A 17: EXTRACTPS r/m32, xmm, imm8 (a register destination is zero-extended). */
    static void extract(Cpu c, Insn i, int p) {
        if (p != 1) {
            throw Unimplemented.undefined(c, i);
        }
        int s = i.reg << 1;
        int v = lane(c.xmm[s], c.xmm[s | 1], (int) i.imm);
        if (i.rm >= 0) {
            c.gpr[i.rm] = v & 0xFFFF_FFFFL;
        } else {
            c.mem.write32(c.ea(i), v);
        }
    }

    /**
     * 66 0F3A 21: INSERTPS xmm, xmm/m32, imm8. The source lane is imm8[7:6] for a register
     * (a memory source is the doubleword itself), the destination lane imm8[5:4], and
     * imm8[3:0] zeroes lanes afterwards.
     */
    static void insert(Cpu c, Insn i, int p) {
        if (p != 1) {
            throw Unimplemented.undefined(c, i);
        }
        int imm = (int) i.imm;
        int v;
        if (i.rm >= 0) {
            v = lane(c.xmm[i.rm << 1], c.xmm[(i.rm << 1) | 1], imm >>> 6);
        } else {
            v = c.mem.read32(c.ea(i));
        }
        int d = i.reg << 1;
        int target = (imm >>> 4) & 3;
        long put = (v & 0xFFFF_FFFFL) << ((target & 1) << 5);
        long keep = ~(0xFFFF_FFFFL << ((target & 1) << 5));
        long l = c.xmm[d];
        long h = c.xmm[d | 1];
        if (target < 2) {
            l = (l & keep) | put;
        } else {
            h = (h & keep) | put;
        }
        c.xmm[d] = l & ~laneMask(imm, false);
        c.xmm[d | 1] = h & ~laneMask(imm >>> 2, false);
    }
}

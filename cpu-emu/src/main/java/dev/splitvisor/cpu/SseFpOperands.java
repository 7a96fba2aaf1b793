package dev.splitvisor.cpu;

/**
 * Operand access shared by the SSE floating-point executors: the XMM/memory source operand as
 * two quadwords, the 16-byte alignment rule of legacy SSE, and stores that never leave half a
 * value behind.
 *
 * <p>The memory address of an instruction is worked out once by {@link #address} (which also
 * applies the alignment check) and handed to {@link #lo}/{@link #hi}; for a register operand
 * the address is unused. Nothing here writes an XMM register: executors compute into locals
 * and write only after every load has succeeded and MXCSR has been committed.
 *
 * <p>Hot path: no allocation, no exceptions except the guest faults themselves.
 */
final class SseFpOperands {
    private SseFpOperands() {
    }

    /**
     * The effective address of the r/m operand, or 0 when it is a register. With
     * {@code aligned} a 16-byte operand must sit on a 16-byte boundary, else #GP(0) (legacy
     * SSE, SDM vol. 1 11.6.6).
     */
    static long address(Cpu c, Insn i, boolean aligned) {
        if (i.rm >= 0) {
            return 0;
        }
        long a = c.ea(i);
        if (aligned && (a & 15) != 0) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
        return a;
    }

    /** Bits 63:0 of the r/m operand: XMM register or the quadword at {@code addr}. */
    static long lo(Cpu c, Insn i, long addr) {
        return i.rm >= 0 ? c.xmm[i.rm << 1] : c.mem.read64(addr);
    }

    /** Bits 127:64 of the r/m operand. */
    static long hi(Cpu c, Insn i, long addr) {
        return i.rm >= 0 ? c.xmm[(i.rm << 1) | 1] : c.mem.read64(addr + 8);
    }

    /** Bits 31:0 of the r/m operand (a scalar single or a doubleword in memory). */
    static int lo32(Cpu c, Insn i, long addr) {
        return i.rm >= 0 ? (int) c.xmm[i.rm << 1] : c.mem.read32(addr);
    }

    /** Stores 16 bytes; a store that crosses a page is probed first so it is all or nothing. */
    static void store128(Cpu c, long addr, long lo, long hi) {
        if (((addr ^ (addr + 15)) & ~0xFFFL) != 0) {
            c.mem.probeWrite(addr, 16);
        }
        c.mem.write64(addr, lo);
        c.mem.write64(addr + 8, hi);
    }

    /** Packs two 32-bit lanes into one quadword, lane {@code l0} in the low half. */
    static long pair(int l0, int l1) {
        return (l0 & 0xFFFF_FFFFL) | ((long) l1 << 32);
    }

    /** Ends the arithmetic of an instruction: commits MXCSR, raises #XM if it must. */
    static void commit(Cpu c) {
        if (c.mxcsr.commit()) {
            throw GuestFault.of(GuestFault.XM);
        }
    }
}

package dev.splitvisor.cpu;

import dev.splitvisor.cpu.sse.Mxcsr;

/**
 * FXSAVE, FXRSTOR, LDMXCSR and STMXCSR (0F AE /0-/3 with a memory operand), and the layout of
 * the 512-byte FXSAVE image that {@link Cpu#fxsave} and {@link Cpu#fxrstor} share with them.
 *
 * <p>Image layout (SDM vol. 1, table 10-2, 64-bit form): FCW at 0, FSW at 2, abridged FTW at
 * 4, FOP at 6, FIP at 8, FDP at 16 (without REX.W the 32-bit form: FIP at 8, FCS at 12, FDP at
 * 16, FDS at 20), MXCSR at 24, MXCSR_MASK at 28, ST0-ST7 at 32 (16 bytes each), XMM0-XMM15 at
 * 160. Bytes 416-511 are neither written nor read, as on the AMD Zen 4 this was checked on.
 *
 * <p>The x87 part (bytes 0-23 and 32-159) is laid out by {@link X87Image#saveFx} and loaded by
 * {@link X87Image#restoreFx}, with the AMD Zen 4 behaviour described there.
 *
 * <p>Precise: FXSAVE probes all 512 bytes before its first store; FXRSTOR reads the whole image
 * and checks MXCSR before it changes any register. A per-thread scratch image keeps both free
 * of allocation.
 */
final class FpuStateOps {
    /** Size of the FXSAVE image in bytes. */
    static final int IMAGE_SIZE = 512;
    /** Bytes the image defines (the rest is reserved or available to software). */
    static final int IMAGE_USED = 416;
    /** Offsets into the image. */
    static final int FCW = 0, MXCSR = 24, MXCSR_MASK = 28, ST0 = 32, XMM0 = 160;
    /** MXCSR_MASK as FXSAVE reports it: every defined bit, DAZ included, is writable. */
    static final int MXCSR_MASK_VALUE = Mxcsr.WRITABLE;
    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[IMAGE_SIZE]);

    private FpuStateOps() {
    }

    static void execute(Cpu c, Insn i, int sub) {
        long addr = c.ea(i);
        switch (sub) {
            case 0: fxsave(c, addr, i.has(Insn.P_REXW)); break;
            case 1: fxrstor(c, addr, i.has(Insn.P_REXW)); break;
            case 2: ldmxcsr(c, addr); break;
            default: c.mem.write32(addr, c.mxcsr.value); break; // STMXCSR
        }
    }

    private static void fxsave(Cpu c, long addr, boolean fx64) {
        checkAligned(addr);
        c.mem.probeWrite(addr, IMAGE_SIZE);
        byte[] image = SCRATCH.get();
        save(c, image, fx64);
        c.mem.writeBytes(addr, image, 0, IMAGE_USED);
    }

    private static void fxrstor(Cpu c, long addr, boolean fx64) {
        checkAligned(addr);
        c.mem.probeRead(addr, IMAGE_SIZE);
        byte[] image = SCRATCH.get();
        c.mem.readBytes(addr, image, 0, IMAGE_USED);
        if (!mxcsrValid(image)) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
        restore(c, image, fx64);
    }

    private static void ldmxcsr(Cpu c, long addr) {
        int v = c.mem.read32(addr);
        if ((v & ~Mxcsr.WRITABLE) != 0) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
        c.mxcsr.value = v;
    }

    private static void checkAligned(long addr) {
        if ((addr & 15) != 0) {
            throw new GuestFault(GuestFault.GP, 0, 0);
        }
    }

    /** Fills bytes 0-415 of {@code image} with the x87, MXCSR and XMM state of {@code c}. */
    static void save(Cpu c, byte[] image, boolean fx64) {
        X87Image.saveFx(c.fpu, image, fx64);
        put32(image, MXCSR, c.mxcsr.value);
        put32(image, MXCSR_MASK, MXCSR_MASK_VALUE);
        for (int k = 0; k < 32; k++) {
            put64(image, XMM0 + 8 * k, c.xmm[k]);
        }
    }

    /** True when the image's MXCSR has no reserved bit set (else FXRSTOR raises #GP(0)). */
    static boolean mxcsrValid(byte[] image) {
        return (get32(image, MXCSR) & ~MXCSR_MASK_VALUE) == 0;
    }

    /** The MXCSR value stored in an image. */
    static int mxcsrOf(byte[] image) {
        return get32(image, MXCSR);
    }

    /** Loads the state from an image whose MXCSR has been checked. */
    static void restore(Cpu c, byte[] image, boolean fx64) {
        X87Image.restoreFx(c.fpu, image, fx64);
        c.mxcsr.value = get32(image, MXCSR);
        for (int k = 0; k < 32; k++) {
            c.xmm[k] = get64(image, XMM0 + 8 * k);
        }
    }

    private static void put32(byte[] b, int off, int v) {
        for (int k = 0; k < 4; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    private static void put64(byte[] b, int off, long v) {
        for (int k = 0; k < 8; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    private static int get32(byte[] b, int off) {
        int v = 0;
        for (int k = 3; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xFF);
        }
        return v;
    }

    private static long get64(byte[] b, int off) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xFF);
        }
        return v;
    }
}

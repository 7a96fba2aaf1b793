package dev.splitvisor.cpu;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.PageFault;

/**
 * One x86-64 virtual CPU in 64-bit mode at CPL 3: its architectural state, the operand access
 * that the family executors use, and the entry points of the run loop ({@link BlockRunner}).
 *
 * <p>Hot path: the operand access runs for every instruction that the run loop does not
 * execute inline. Fields are public so that executors and (later) translated code reach them
 * without calls; nothing here allocates unless the guest faults.
 *
 * <p>Exactness: {@link #rip} holds the address of the instruction being executed whenever code
 * outside the run loop can look at it (a family executor, a fault, an exit); an executor that
 * faults has changed nothing, so the state a fault reports is the state before the faulting
 * instruction.
 */
public final class Cpu {
    /**
     * Reasons {@link #run} returns (HALT and IO are for full-system guests, not yet run; IN
     * and OUT do not exit, they call {@link #ioPorts} and go on).
     */
    public static final int EXIT_NONE = 0, EXIT_BUDGET = 1, EXIT_SYSCALL = 2, EXIT_FAULT = 3,
            EXIT_HALT = 4, EXIT_INTERRUPT = 5, EXIT_IO = 6;

    /** Register numbers. */
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6,
            RDI = 7;

    /** RAX..R15, then one slot that always holds zero (the "no register" of an address). */
    public final long[] gpr = new long[17];
    /** Index of the always-zero slot of {@link #gpr}. */
    public static final int ZERO_REG = 16;
    /**
     * Address of the current (while executing) or next (between runs) instruction. The run loop
     * keeps it in a local while it runs the inline forms, see {@link BlockRunner}.
     */
    public long rip;
    /** RFLAGS: the non-arithmetic bits always, the arithmetic ones when lazyKind is K_NONE. */
    public long rflags = 0x202;
    /** Lazy-flags record, see {@link Flags}. */
    public int lazyKind;
    public int lazySize = 8;
    public long lazyDst;
    public long lazySrc;
    public long lazyRes;
    public long lazyAux;
    /** FS and GS segment bases (set by the kernel's arch_prctl). */
    public long fsBase;
    public long gsBase;
    /** XMM0..XMM15, two longs each: {@code xmm[2*n]} low half, {@code xmm[2*n+1]} high half. */
    public final long[] xmm = new long[32];
    /** MXCSR, and the SSE exception flags of the instruction being executed. */
    public final dev.splitvisor.cpu.sse.Mxcsr mxcsr = new dev.splitvisor.cpu.sse.Mxcsr();
    /** The x87 FPU: register stack, FCW/FSW/tags, last-instruction pointers (FNINIT state). */
    public final dev.splitvisor.cpu.x87.X87State fpu = new dev.splitvisor.cpu.x87.X87State();

    /** The address space this CPU runs in. */
    public final AddressSpace mem;
    /** Instructions retired since creation. */
    public long retired;

    /** Why the last {@link #run} returned, and for faults which one. */
    public int exitReason;
    public int faultVector;
    public int faultErrorCode;
    public long faultAddress;
    /** INT n vector or I/O port of the last EXIT_INTERRUPT / EXIT_IO. */
    public int exitDetail;

    private final Decoder decoder;
    private final CodeCache code;
    /** Host-side services an instruction may ask for (time-stamp counter, randomness). */
    public final CpuEnvironment env;
    /**
     * The I/O port space IN and OUT reach, or null (the default): no device decodes any port,
     * so a permitted IN reads all ones and a permitted OUT is dropped, as on an empty PC bus.
     * Set by a full-system machine before it runs the CPU.
     */
    public IoPorts ioPorts;
    /**
     * Whether IN and OUT may run. Architecturally they may when CPL &lt;= RFLAGS.IOPL, or else
     * when the TSS I/O permission bitmap clears every port of the access. This CPU has neither
     * privilege levels nor a TSS, so the machine states the outcome of that rule here: it sets
     * this for a guest kernel it runs. Off by default, so a user VM's IN and OUT raise #GP(0)
     * as they do at CPL 3 with IOPL 0 and no bitmap. RFLAGS.IOPL is not consulted.
     */
    public boolean ioPrivileged;

    public Cpu(AddressSpace mem, CpuEnvironment env) {
        this.mem = mem;
        this.env = env;
        this.decoder = new Decoder(mem);
        this.code = new CodeCache(decoder);
    }

    public Cpu(AddressSpace mem) {
        this(mem, CpuEnvironment.host());
    }

    // ---------------------------------------------------------------- run loop

    /**
     * Runs until {@code budget} instructions have retired (the last block may overshoot it) or
     * something needs the caller: a SYSCALL, a fault, HLT, INT n, port I/O.
     */
    public int run(long budget) {
        return BlockRunner.run(this, code, budget);
    }

    /** Executes exactly one instruction, decoded afresh (used by single-stepping and tests). */
    public int step() {
        code.singleStep = true;
        try {
            return BlockRunner.run(this, code, 1);
        } finally {
            code.singleStep = false;
        }
    }

    int pageFault(PageFault f) {
        if (f.nonCanonical) {
            return fault(GuestFault.GP, 0, f.address);
        }
        return fault(GuestFault.PF, f.errorCode, f.address);
    }

    int fault(int vector, int errorCode, long address) {
        faultVector = vector;
        faultErrorCode = errorCode;
        faultAddress = address;
        exitReason = EXIT_FAULT;
        return EXIT_FAULT;
    }

    // ---------------------------------------------------------------- flags

    /** The full RFLAGS value, arithmetic flags worked out. */
    public long getRflags() {
        if (lazyKind == Flags.K_NONE) {
            return rflags;
        }
        return (rflags & ~Flags.ARITH) | Flags.arithmetic(this);
    }

    /** Sets RFLAGS (bit 1 always reads as one). */
    public void setRflags(long value) {
        rflags = value | 2;
        lazyKind = Flags.K_NONE;
    }

    /** Replaces the six arithmetic flags with {@code bits}, leaving the others. */
    public void setArith(long bits) {
        rflags = (rflags & ~Flags.ARITH) | (bits & Flags.ARITH);
        lazyKind = Flags.K_NONE;
    }

    /** Replaces the flags selected by {@code mask} with {@code bits}; others keep their value. */
    public void setFlagsMasked(long mask, long bits) {
        long f = getRflags();
        rflags = (f & ~mask) | (bits & mask) | 2;
        lazyKind = Flags.K_NONE;
    }

    /** CF as 0 or 1. */
    public int carry() {
        return Flags.carry(this);
    }

    /** Records a lazy flags result. */
    public void lazy(int kind, int size, long dst, long src, long res) {
        lazyKind = kind;
        lazySize = size;
        lazyDst = dst;
        lazySrc = src;
        lazyRes = res;
    }

    // ---------------------------------------------------------------- operands

    /**
     * The effective address of the instruction's memory operand, segment base included.
     * Branch-free but for the segment: base and index default to the zero slot, RIP-relative
     * and 32-bit addressing are masks worked out by the decoder.
     */
    public long ea(Insn i) {
        long a = offset(i);
        if (i.seg != Insn.SEG_NONE) {
            a += i.seg == Insn.SEG_FS ? fsBase : gsBase;
        }
        return a;
    }

    /** The memory operand's offset: the effective address without segment base (LEA's result). */
    public long offset(Insn i) {
        long[] g = gpr;
        return (i.eaDisp + g[i.eaBase] + (g[i.eaIndex] << i.scale) + (rip & i.ripMask))
                & i.eaMask;
    }

    /** Reads a register of {@code size} bytes, zero-extended; size 1 takes a byte-reg number. */
    public long getReg(int r, int size) {
        switch (size) {
            case 1:
                return r < 16 ? gpr[r] & 0xFF : (gpr[r - 16] >>> 8) & 0xFF;
            case 2:
                return gpr[r] & 0xFFFF;
            case 4:
                return gpr[r] & 0xFFFFFFFFL;
            default:
                return gpr[r];
        }
    }

    /**
     * Writes a register with x86-64 width rules: 8 and 16-bit writes merge, 32-bit writes
     * zero-extend, 64-bit writes replace. Size 1 takes a byte-reg number.
     */
    public void setReg(int r, int size, long v) {
        switch (size) {
            case 1:
                if (r < 16) {
                    gpr[r] = (gpr[r] & ~0xFFL) | (v & 0xFF);
                } else {
                    gpr[r - 16] = (gpr[r - 16] & ~0xFF00L) | ((v & 0xFF) << 8);
                }
                break;
            case 2:
                gpr[r] = (gpr[r] & ~0xFFFFL) | (v & 0xFFFF);
                break;
            case 4:
                gpr[r] = v & 0xFFFFFFFFL;
                break;
            default:
                gpr[r] = v;
                break;
        }
    }

    /** Loads {@code size} bytes from guest memory, zero-extended. */
    public long load(long addr, int size) {
        switch (size) {
            case 1: return mem.read8(addr);
            case 2: return mem.read16(addr);
            case 4: return mem.read32(addr) & 0xFFFFFFFFL;
            default: return mem.read64(addr);
        }
    }

    /** Stores the low {@code size} bytes of {@code v} to guest memory. */
    public void store(long addr, int size, long v) {
        switch (size) {
            case 1: mem.write8(addr, (int) v); break;
            case 2: mem.write16(addr, (int) v); break;
            case 4: mem.write32(addr, (int) v); break;
            default: mem.write64(addr, v); break;
        }
    }

    /** The ModRM.reg operand as a general register of {@code size} bytes. */
    public long readRegOperand(Insn i, int size) {
        return getReg(size == 1 ? i.regB : i.reg, size);
    }

    /** Writes the ModRM.reg operand. */
    public void writeRegOperand(Insn i, int size, long v) {
        setReg(size == 1 ? i.regB : i.reg, size, v);
    }

    /** The r/m operand (register or memory) of {@code size} bytes, zero-extended. */
    public long readRm(Insn i, int size) {
        if (i.rm >= 0) {
            return getReg(size == 1 ? i.rmB : i.rm, size);
        }
        return load(ea(i), size);
    }

    /** Writes the r/m operand (register or memory). */
    public void writeRm(Insn i, int size, long v) {
        if (i.rm >= 0) {
            setReg(size == 1 ? i.rmB : i.rm, size, v);
        } else {
            store(ea(i), size, v);
        }
    }

    // ---------------------------------------------------------------- FPU/SSE state

    /**
     * Writes the x87, MXCSR and XMM state to bytes 0-415 of {@code area512} in the 64-bit
     * FXSAVE format (FXSAVE64), as the guest instruction would; bytes 416-511 are left alone.
     */
    public void fxsave(byte[] area512) {
        checkFxArea(area512);
        FpuStateOps.save(this, area512, true);
    }

    /**
     * Loads the x87, MXCSR and XMM state from a 64-bit FXSAVE image, as FXRSTOR64 would.
     *
     * @throws IllegalArgumentException if the image's MXCSR sets a reserved bit (the guest
     *     instruction would raise #GP); nothing is changed then
     */
    public void fxrstor(byte[] area512) {
        checkFxArea(area512);
        if (!FpuStateOps.mxcsrValid(area512)) {
            throw new IllegalArgumentException(String.format(
                    "FXRSTOR image sets reserved MXCSR bits: 0x%08x (writable mask 0x%04x)",
                    FpuStateOps.mxcsrOf(area512), FpuStateOps.MXCSR_MASK_VALUE));
        }
        FpuStateOps.restore(this, area512, true);
    }

    private static void checkFxArea(byte[] area) {
        if (area.length < FpuStateOps.IMAGE_SIZE) {
            throw new IllegalArgumentException("FXSAVE area must be 512 bytes, got "
                    + area.length);
        }
    }

    // ---------------------------------------------------------------- stack

    /** Pushes {@code size} bytes (8 or 2): the store happens before RSP moves. */
    public void push(long v, int size) {
        long sp = gpr[RSP] - size;
        store(sp, size, v);
        gpr[RSP] = sp;
    }

    /** Pops {@code size} bytes (8 or 2), zero-extended. */
    public long pop(int size) {
        long v = load(gpr[RSP], size);
        gpr[RSP] += size;
        return v;
    }
}

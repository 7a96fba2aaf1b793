package dev.splitvisor.testsuite.oracle;

import dev.splitvisor.cpu.Cpu;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;

/**
 * The emulator side of the oracle: the same fixed layout as harness.c (code page, 8 KiB data
 * buffer whose 1 KiB window holds the random memory inputs) plus a page for FXSAVE images.
 *
 * <p>The x87 and SSE state is loaded and read back through the guest instructions FXRSTOR and
 * FXSAVE, run from a stub on the code page, so the comparison goes through the architectural
 * interface only. One machine is reused for every vector.
 */
final class OracleMachine {
    static final int NO_FAULT = 0xFF;
    /** Exits other than a fault or running off the end are reported as 0x100 + exit reason. */
    static final int EXIT_BASE = 0x100;
    private static final long FX_AREA = 0x21000000L;
    private static final long STUB = OracleInputs.CODE + 0x800;
    private static final int MAX_STEPS = 10_000;
    // fxrstor [0x21000000]; fxsave [0x21000200]
    private static final byte[] STUBS = {0x0F, (byte) 0xAE, 0x0C, 0x25, 0, 0, 0, 0x21,
        0x0F, (byte) 0xAE, 0x04, 0x25, 0, 2, 0, 0x21};

    final AddressSpace mem = new AddressSpace();
    final Cpu cpu;
    private final byte[] fxIn = new byte[512];
    private final byte[] clear = new byte[64];
    /** What the last {@link #run} left: fault vector, RIP offset, RFLAGS, window, FXSAVE. */
    int fault;
    int ripOffset;
    long rflags;
    final long[] gpr = new long[16];
    final byte[] win = new byte[OracleInputs.WIN_SIZE];
    final byte[] fxOut = new byte[512];
    /** Non-null when loading or saving the FPU state itself failed. */
    String setupError;

    OracleMachine() {
        mem.map(OracleInputs.CODE, 0x1000, Prot.READ | Prot.EXEC);
        mem.map(OracleInputs.DATA, OracleInputs.DATA_SIZE, Prot.READ | Prot.WRITE);
        mem.map(FX_AREA, 0x1000, Prot.READ | Prot.WRITE);
        mem.poke(STUB, STUBS, 0, STUBS.length);
        cpu = new Cpu(mem);
        java.util.Arrays.fill(clear, (byte) 0xCC);
    }

    /** Places a template's bytes at the start of the code page. */
    void load(OracleTemplate t) {
        mem.poke(OracleInputs.CODE, clear, 0, clear.length);
        mem.poke(OracleInputs.CODE, t.code, 0, t.code.length);
    }

    /** Runs one vector from {@code in} and captures the outcome. */
    void run(OracleTemplate t, OracleInputs in) {
        setupError = null;
        mem.poke(OracleInputs.DATA + OracleInputs.WIN_OFF, in.win, 0, OracleInputs.WIN_SIZE);
        System.arraycopy(in.xmm, 0, cpu.xmm, 0, 32);
        if (t.fpu) {
            in.fxImage(fxIn);
            mem.poke(FX_AREA, fxIn, 0, 512);
            if (!stub(0, "FXRSTOR")) {
                return;
            }
        }
        System.arraycopy(in.gpr, 0, cpu.gpr, 0, 16);
        cpu.setRflags(in.rflags);
        cpu.fsBase = 0;
        cpu.gsBase = 0;
        execute(t);
        System.arraycopy(cpu.gpr, 0, gpr, 0, 16);
        rflags = cpu.getRflags();
        mem.readBytes(OracleInputs.DATA + OracleInputs.WIN_OFF, win, 0, OracleInputs.WIN_SIZE);
        if (t.fpu && stub(8, "FXSAVE")) {
            mem.readBytes(FX_AREA + 0x200, fxOut, 0, 512);
        }
    }

    private void execute(OracleTemplate t) {
        long end = OracleInputs.CODE + t.code.length;
        cpu.rip = OracleInputs.CODE;
        int exit = Cpu.EXIT_BUDGET;
        for (int n = 0; n < MAX_STEPS && exit == Cpu.EXIT_BUDGET; n++) {
            if (cpu.rip < OracleInputs.CODE || cpu.rip >= end) {
                break;
            }
            exit = cpu.step();
        }
        ripOffset = (int) (cpu.rip - OracleInputs.CODE);
        if (exit == Cpu.EXIT_FAULT) {
            fault = cpu.faultVector;
        } else if (exit != Cpu.EXIT_BUDGET) {
            fault = EXIT_BASE + exit;
        } else {
            fault = NO_FAULT;
        }
    }

    private boolean stub(int offset, String what) {
        cpu.rip = STUB + offset;
        int exit = cpu.step();
        if (exit != Cpu.EXIT_BUDGET) {
            setupError = what + " failed in the emulator (exit " + exit + ", vector "
                    + cpu.faultVector + "), so the x87/SSE state cannot be set or read";
            return false;
        }
        return true;
    }
}

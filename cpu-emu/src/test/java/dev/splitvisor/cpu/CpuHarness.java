package dev.splitvisor.cpu;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;

/**
 * A small machine for unit tests: code at {@link #CODE}, a data page at {@link #DATA}, a stack
 * below {@link #STACK_TOP}. {@link #exec} places instruction bytes and steps through them.
 */
public final class CpuHarness {
    public static final long CODE = 0x400000;
    public static final long DATA = 0x600000;
    public static final long STACK_TOP = 0x7FF000;

    public final AddressSpace mem = new AddressSpace();
    public final Cpu cpu = new Cpu(mem, CpuEnvironment.deterministic(1));

    public CpuHarness() {
        mem.map(CODE, 0x10000, Prot.READ | Prot.EXEC);
        mem.map(DATA, 0x10000, Prot.READ | Prot.WRITE);
        mem.map(STACK_TOP - 0x10000, 0x10000, Prot.READ | Prot.WRITE);
        cpu.gpr[Cpu.RSP] = STACK_TOP - 0x100;
    }

    /** Hex string to bytes, spaces allowed: {@code "48 01 d8"}. */
    public static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] b = new byte[t.length() / 2];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) Integer.parseInt(t.substring(2 * k, 2 * k + 2), 16);
        }
        return b;
    }

    /**
     * Places {@code code} at CODE, points RIP at it and single-steps until RIP leaves the code
     * or an exit other than the budget happens. Returns the last exit reason.
     */
    public int exec(String code) {
        byte[] b = hex(code);
        mem.poke(CODE, b, 0, b.length);
        cpu.rip = CODE;
        int exit = Cpu.EXIT_BUDGET;
        while (cpu.rip >= CODE && cpu.rip < CODE + b.length && exit == Cpu.EXIT_BUDGET) {
            exit = cpu.step();
        }
        return exit;
    }

    /** Like {@link #exec} but through the block cache and run loop. */
    public int run(String code, long budget) {
        byte[] b = hex(code);
        mem.poke(CODE, b, 0, b.length);
        cpu.rip = CODE;
        return cpu.run(budget);
    }
}

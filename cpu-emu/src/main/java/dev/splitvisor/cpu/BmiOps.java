package dev.splitvisor.cpu;

/**
 * ANDN, BEXTR, BLSI, BLSMSK, BLSR, BZHI, PDEP, PEXT, MULX, RORX, SARX, SHLX, SHRX, ADCX, ADOX.
 */
final class BmiOps {
    private BmiOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

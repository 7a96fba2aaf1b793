package dev.splitvisor.hypercall;

/** Hypercall opcodes. Values are ABI: they never change meaning once published. */
public final class Opcode {
    /** Does nothing; completes with 0. Used to measure the round trip. */
    public static final int NOP = 0;
    /** Writes the granted bytes to a console stream (handle 1 stdout, 2 stderr). */
    public static final int CONSOLE_WRITE = 1;
    /** Reads up to the granted length from the console input (handle 0) into the grant. */
    public static final int CONSOLE_READ = 2;

    private Opcode() {
    }

    /** The opcode's name for traces, or its number. */
    public static String name(int opcode) {
        switch (opcode) {
            case NOP: return "NOP";
            case CONSOLE_WRITE: return "CONSOLE_WRITE";
            case CONSOLE_READ: return "CONSOLE_READ";
            default: return "opcode " + opcode;
        }
    }
}

package dev.splitvisor.cpu;

/**
 * An architectural exception raised by a guest instruction (#UD, #DE, #GP, #SS, #PF, #MF, #XM,
 * #BP, ...). It is a guest event, not a host failure: it carries no stack trace, and the run
 * loop turns it into {@link Cpu#EXIT_FAULT} with the CPU state exactly as before the faulting
 * instruction.
 */
public final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exception vector numbers from the Intel SDM, volume 3, table 6-1. */
    public static final int DE = 0, DB = 1, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8,
            TS = 10, NP = 11, SS = 12, GP = 13, PF = 14, MF = 16, AC = 17, MC = 18, XM = 19;

    /** The exception vector. */
    public final int vector;
    /** The error code pushed by the exception, or 0 where it has none. */
    public final int errorCode;
    /** For #PF, the faulting linear address (CR2); otherwise 0. */
    public final long address;

    public GuestFault(int vector, int errorCode, long address) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.address = address;
    }

    /** A fault with no error code. */
    public static GuestFault of(int vector) {
        return new GuestFault(vector, 0, 0);
    }

    /** The mnemonic of a vector, for example "#GP". */
    public static String mnemonic(int vector) {
        switch (vector) {
            case DE: return "#DE";
            case DB: return "#DB";
            case BP: return "#BP";
            case OF: return "#OF";
            case BR: return "#BR";
            case UD: return "#UD";
            case NM: return "#NM";
            case DF: return "#DF";
            case SS: return "#SS";
            case GP: return "#GP";
            case PF: return "#PF";
            case MF: return "#MF";
            case AC: return "#AC";
            case XM: return "#XM";
            default: return "vector " + vector;
        }
    }

    @Override
    public String getMessage() {
        return mnemonic(vector) + (vector == PF ? String.format(" at 0x%x", address) : "")
                + (errorCode != 0 ? String.format(" (error code 0x%x)", errorCode) : "");
    }
}

package dev.splitvisor.mmu;

/**
 * A guest memory access that the mapping does not allow. Thrown by {@link AddressSpace} and
 * turned by the CPU into the architectural #PF (or #GP for a non-canonical address). It carries
 * no stack trace: it is a guest event, not a host bug.
 */
public final class PageFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Error-code bit: the page was present (a protection violation, not a missing page). */
    public static final int PRESENT = 1;
    /** Error-code bit: the access was a write. */
    public static final int WRITE = 2;
    /** Error-code bit: the access came from user mode. */
    public static final int USER = 4;
    /** Error-code bit: the access was an instruction fetch. */
    public static final int FETCH = 16;

    /** The faulting linear address (CR2). */
    public final long address;
    /** The architectural #PF error code. */
    public final int errorCode;
    /** True when the address is not canonical, which x86 reports as #GP rather than #PF. */
    public final boolean nonCanonical;

    public PageFault(long address, int errorCode, boolean nonCanonical) {
        super(null, null, false, false);
        this.address = address;
        this.errorCode = errorCode;
        this.nonCanonical = nonCanonical;
    }

    @Override
    public String getMessage() {
        String kind = (errorCode & FETCH) != 0 ? "fetch"
                : (errorCode & WRITE) != 0 ? "write" : "read";
        return (nonCanonical ? "non-canonical " : "page fault on ") + kind
                + String.format(" at 0x%x (error code 0x%x)", address, errorCode);
    }
}

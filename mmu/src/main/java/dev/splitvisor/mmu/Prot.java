package dev.splitvisor.mmu;

/** Page permission bits, as used by {@link AddressSpace#map} and {@link AddressSpace#protect}. */
public final class Prot {
    /** No access: any touch faults. */
    public static final int NONE = 0;
    /** The page can be read. */
    public static final int READ = 1;
    /** The page can be written. */
    public static final int WRITE = 2;
    /** Instructions can be fetched from the page. */
    public static final int EXEC = 4;
    /** Read, write and execute. */
    public static final int RWX = READ | WRITE | EXEC;

    private Prot() {
    }

    /** Renders the bits the way /proc/PID/maps does, for example {@code "r-x"}. */
    public static String describe(int prot) {
        return ((prot & READ) != 0 ? "r" : "-") + ((prot & WRITE) != 0 ? "w" : "-")
                + ((prot & EXEC) != 0 ? "x" : "-");
    }
}

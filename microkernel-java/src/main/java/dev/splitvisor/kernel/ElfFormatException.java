package dev.splitvisor.kernel;

/**
 * A file that cannot be run as an x86-64 ELF program. The message is one line that names the
 * file and the problem, fit to show a user as it is.
 */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}

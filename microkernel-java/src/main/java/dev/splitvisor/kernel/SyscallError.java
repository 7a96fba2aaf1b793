package dev.splitvisor.kernel;

/**
 * A system call failing with an errno deep inside a helper (a bad path pointer, a closed
 * descriptor). Thrown only on the error path and without a stack trace; the dispatcher turns
 * it into the negated errno in RAX.
 */
final class SyscallError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int errno;

    SyscallError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }
}

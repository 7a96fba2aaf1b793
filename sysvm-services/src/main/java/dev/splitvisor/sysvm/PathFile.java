package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;

/**
 * An O_PATH handle: it names a file (for GETPATH, FSTAT, and as the directory of the *at
 * calls) and refuses everything else with EBADF, as Linux does.
 */
final class PathFile extends OpenFile {
    PathFile(GuestPath path, int flags) {
        super(path, flags | LinuxFlags.O_PATH);
    }

    @Override
    long seek(long offset, int whence) {
        return -Errno.EBADF;
    }
}

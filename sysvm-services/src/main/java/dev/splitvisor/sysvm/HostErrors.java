package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Turns a host I/O failure into the errno a Linux guest expects. The JDK reports most host
 * errnos only as the C library's message text, so the text is matched after the types.
 */
final class HostErrors {
    /** Host error texts, matched in order, and the errno each stands for. */
    private static final String[] REASON_TEXTS = {"No space left", "Disk quota",
        "Read-only file system", "Too many levels of symbolic links", "Not a directory",
        "Is a directory", "Invalid argument", "Operation not permitted", "File name too long",
        "Directory not empty", "Invalid cross-device link", "Too many links", "File exists",
        "No such file", "Permission denied", "File too large", "Device or resource busy",
        "Text file busy"};
    private static final int[] REASON_ERRNOS = {Errno.ENOSPC, Errno.EDQUOT, Errno.EROFS,
        Errno.ELOOP, Errno.ENOTDIR, Errno.EISDIR, Errno.EINVAL, Errno.EPERM, Errno.ENAMETOOLONG,
        Errno.ENOTEMPTY, Errno.EXDEV, Errno.EMLINK, Errno.EEXIST, Errno.ENOENT, Errno.EACCES,
        Errno.EFBIG, Errno.EBUSY, Errno.ETXTBSY};

    private HostErrors() {
    }

    /** The positive errno for {@code e}; EIO when nothing more precise is known. */
    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        } else if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        } else if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        } else if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        } else if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        } else if (e instanceof FileSystemLoopException) {
            return Errno.ELOOP;
        } else if (e instanceof AtomicMoveNotSupportedException) {
            return Errno.EXDEV;
        } else if (e instanceof NotLinkException) {
            return Errno.EINVAL;
        }
        String text = e instanceof FileSystemException
                ? ((FileSystemException) e).getReason() : e.getMessage();
        if (text != null) {
            for (int k = 0; k < REASON_TEXTS.length; k++) {
                if (text.contains(REASON_TEXTS[k])) {
                    return REASON_ERRNOS[k];
                }
            }
        }
        return Errno.EIO;
    }

    /** A {@link VfsError} for {@code e}. */
    static VfsError error(IOException e) {
        return new VfsError(errno(e));
    }
}

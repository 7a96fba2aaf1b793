package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;

/** An open regular file: its data, whichever file system holds it, and the handle's offset. */
final class RegularFile extends OpenFile {
    private final FileData data;
    private long position;
    private Object lockKey;

    RegularFile(GuestPath path, int flags, FileData data) {
        super(path, flags);
        this.data = data;
    }

    @Override
    long read(Grant g, long offset, byte[] staging) {
        if (offset >= 0) {
            return g.fill(offset, staging, this::readData);
        }
        synchronized (this) {
            long n = g.fill(position, staging, this::readData);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    /** Reads file data straight into a piece of the grant. */
    private int readData(byte[] b, int off, int n, long pos) {
        try {
            return data.read(b, off, n, pos);
        } catch (VfsError e) {
            return -e.errno;
        }
    }

    /** Writes a piece of the grant straight into the file data. */
    private int writeData(byte[] b, int off, int n, long pos) {
        try {
            return data.write(b, off, n, pos);
        } catch (VfsError e) {
            return -e.errno;
        }
    }

    @Override
    long write(Grant g, long offset, byte[] staging) {
        synchronized (this) {
            // O_APPEND puts every write at the end, even a positioned one, as Linux does.
            long start = append() ? data.size() : offset >= 0 ? offset : position;
            long n = writeAt(g, staging, start);
            if (n > 0 && offset < 0) {
                position = start + n;
            }
            return n;
        }
    }

    /** A volume quota that takes only part gives a short count, as Linux gives. */
    private long writeAt(Grant g, byte[] staging, long start) {
        return g.drain(start, staging, this::writeData);
    }

    @Override
    synchronized long seek(long offset, int whence) {
        long base;
        switch (whence) {
            case LinuxFlags.SEEK_SET:
                base = 0;
                break;
            case LinuxFlags.SEEK_CUR:
                base = position;
                break;
            case LinuxFlags.SEEK_END:
                base = data.size();
                break;
            case LinuxFlags.SEEK_DATA:
            case LinuxFlags.SEEK_HOLE:
                return seekDataOrHole(offset, whence);
            default:
                return -Errno.EINVAL;
        }
        long to = base + offset;
        if (to < 0 || (offset > 0 && to < base)) {
            return -Errno.EINVAL;
        }
        position = to;
        return to;
    }

    /** The whole file counts as data and its end as the only hole. */
    private long seekDataOrHole(long offset, int whence) {
        long size = data.size();
        if (offset < 0 || offset >= size) {
            return offset < 0 ? -Errno.EINVAL : -Errno.ENXIO;
        }
        position = whence == LinuxFlags.SEEK_DATA ? offset : size;
        return position;
    }

    @Override
    Stat stat() {
        try {
            return super.stat();
        } catch (VfsError e) {
            // The name is gone (unlinked while open): describe the open file itself.
            Stat s = new Stat();
            s.mode = LinuxFlags.S_IFREG | 0644;
            s.nlink = 0;
            s.size = data.size();
            return s.blocksFromSize();
        }
    }

    @Override
    long truncate(long length) {
        if (length < 0) {
            return -Errno.EINVAL;
        }
        data.truncate(length);
        return 0;
    }

    @Override
    long fsync(boolean dataOnly) {
        data.force(dataOnly);
        return 0;
    }

    @Override
    synchronized Object lockKey() {
        if (lockKey == null) {
            lockKey = super.lockKey();
        }
        return lockKey;
    }

    @Override
    void close() {
        data.close();
    }
}

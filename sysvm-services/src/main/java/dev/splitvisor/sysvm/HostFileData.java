package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of an open host file: positional reads and writes on its {@link FileChannel}.
 * In a writable volume whose bytes the tenant's quota counts, growth is taken from the quota
 * before it is written ({@link Volumes} explains the rules).
 */
final class HostFileData implements FileData {
    private final FileChannel channel;
    /** The tenant's volumes when this file's growth is counted, else null. */
    private final Volumes volumes;

    HostFileData(FileChannel channel, Volumes volumes) {
        this.channel = channel;
        this.volumes = volumes != null && volumes.counting() ? volumes : null;
    }

    @Override
    public int read(byte[] b, int off, int n, long pos) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, n);
            while (buf.hasRemaining()) {
                int got = channel.read(buf, pos + buf.position() - off);
                if (got < 0) {
                    break;
                }
            }
            return buf.position() - off;
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    /**
     * Writes {@code n} bytes at {@code pos}; where the volume quota leaves room for only part
     * of the growth, the part that fits (a short count), EDQUOT when none does.
     */
    @Override
    public int write(byte[] b, int off, int n, long pos) {
        if (volumes == null || pos + n <= size()) {
            writeFully(b, off, n, pos);
            return n;
        }
        synchronized (volumes) {
            long before = size();
            long growth = Math.max(0, pos + n - before);
            long allowed = volumes.bytes.takeUpTo(growth);
            long fits = n - (growth - allowed);
            if (fits <= 0) {
                volumes.bytes.give(allowed);
                throw new VfsError(Errno.EDQUOT);
            }
            try {
                writeFully(b, off, (int) fits, pos);
            } finally {
                settle(before, allowed);
            }
            return (int) fits;
        }
    }

    /** Gives back what was taken for growth that did not happen (a failed write). */
    private void settle(long before, long taken) {
        long grew;
        try {
            grew = Math.max(0, channel.size() - before);
        } catch (IOException e) {
            grew = 0;
        }
        if (grew < taken) {
            volumes.bytes.give(taken - grew);
        }
    }

    private void writeFully(byte[] b, int off, int n, long pos) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, n);
            while (buf.hasRemaining()) {
                channel.write(buf, pos + buf.position() - off);
            }
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    public void truncate(long length) {
        if (volumes == null) {
            setLength(length);
            return;
        }
        synchronized (volumes) {
            long before = size();
            if (length > before) {
                volumes.bytes.take(length - before);
                try {
                    setLength(length);
                } finally {
                    settle(before, length - before);
                }
            } else {
                setLength(length);
                volumes.bytes.give(before - length);
            }
        }
    }

    private void setLength(long length) {
        try {
            long size = channel.size();
            if (length < size) {
                channel.truncate(length);
            } else if (length > size) {
                // FileChannel only shrinks; one zero byte at the end grows the file sparsely.
                channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    public void force(boolean dataOnly) {
        try {
            channel.force(!dataOnly);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a read or synced file cannot lose guest data; nothing to report.
        }
    }
}

package dev.splitvisor.sysvm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The bytes of an open host file: positional reads and writes on its {@link FileChannel}. */
final class HostFileData implements FileData {
    private final FileChannel channel;

    HostFileData(FileChannel channel) {
        this.channel = channel;
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

    @Override
    public int write(byte[] b, int off, int n, long pos) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, n);
            while (buf.hasRemaining()) {
                channel.write(buf, pos + buf.position() - off);
            }
            return n;
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

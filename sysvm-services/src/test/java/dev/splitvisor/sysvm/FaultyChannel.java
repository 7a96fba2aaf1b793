package dev.splitvisor.sysvm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A host file channel that fails on demand, as a dying disk would: writes with ENOSPC's text,
 * fsync with EIO's, or reads with an unexpected runtime exception (a bug in a back end). Tests
 * install it with {@link Volumes#channelFilter}.
 */
final class FaultyChannel extends FileChannel {
    /** What the test has switched on; shared by every channel it wrapped. */
    static final class Switches {
        volatile boolean failWrites;
        volatile boolean failForce;
        volatile boolean throwOnRead;
        /** Channels wrapped and not yet closed: host file descriptors the system VM holds. */
        final java.util.concurrent.atomic.AtomicInteger open =
                new java.util.concurrent.atomic.AtomicInteger();
    }

    private final FileChannel inner;
    private final Switches on;

    FaultyChannel(FileChannel inner, Switches on) {
        this.inner = inner;
        this.on = on;
        on.open.incrementAndGet();
    }

    private void beforeWrite() throws IOException {
        if (on.failWrites) {
            throw new IOException("No space left on device");
        }
    }

    private void beforeRead() {
        if (on.throwOnRead) {
            throw new IllegalStateException("injected back-end bug");
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        beforeRead();
        return inner.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        beforeRead();
        return inner.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        beforeRead();
        return inner.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        beforeWrite();
        return inner.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        beforeWrite();
        return inner.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        beforeWrite();
        return inner.write(src, position);
    }

    @Override
    public long position() throws IOException {
        return inner.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        inner.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return inner.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        beforeWrite();
        inner.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (on.failForce) {
            throw new IOException("Input/output error");
        }
        inner.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
            throws IOException {
        beforeRead();
        return inner.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
            throws IOException {
        beforeWrite();
        return inner.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new IOException("not mapped in tests");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return inner.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return inner.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        on.open.decrementAndGet();
        inner.close();
    }
}

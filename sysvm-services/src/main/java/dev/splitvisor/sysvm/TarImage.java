package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A read-only file system over a tar archive (ustar, GNU or pax; plain or gzip-compressed,
 * told apart by the magic bytes, not the name). The whole archive is read at mount time into
 * a tree of {@link ImageNode}s by {@link TarReader}, so a damaged archive fails the mount with
 * one line and never a request later. A plain archive's file bytes stay on the host disk and
 * are read on demand with positional reads; a gzip archive cannot be read at an offset, so it
 * is inflated once into memory, up to {@link #GZIP_CAP} bytes.
 */
final class TarImage extends FileSystem {
    /** The largest a gzip archive may inflate to: it is held in memory, whole. */
    static final long GZIP_CAP = 1L << 30;
    /** Linux's f_type for squashfs, the read-only image file system programs know best. */
    static final long SQUASHFS_MAGIC = 0x73717368L;
    private static final long ST_RDONLY = 1;

    private final Path archive;
    /** The inflated bytes of a gzip archive (the first {@link #inflatedLength}), else null. */
    private final byte[] inflated;
    private final int inflatedLength;
    private final AtomicLong inodes = new AtomicLong(1);
    private ImageNode root;
    private long fileBytes;
    private long nodeCount;

    private TarImage(Path archive, byte[] inflated, int inflatedLength) {
        super(anonymousDevice(), true);
        this.archive = archive;
        this.inflated = inflated;
        this.inflatedLength = inflatedLength;
    }

    /**
     * Mounts the tar archive {@code archive} read-only.
     *
     * @throws IllegalArgumentException naming the archive and the problem, in one line, when
     *     it cannot be read, is not a tar archive or is damaged
     */
    static TarImage mount(Path archive) {
        return mount(archive, GZIP_CAP);
    }

    /** {@link #mount(Path)} with another cap on a gzip archive's inflated size. */
    static TarImage mount(Path archive, long gzipCap) {
        checkLayer(archive);
        try {
            TarImage image;
            if (isGzip(archive)) {
                byte[][] holder = new byte[1][];
                int n = inflate(archive, gzipCap, holder);
                image = new TarImage(archive, holder[0], n);
            } else {
                image = new TarImage(archive, null, 0);
            }
            long mtime = Files.getLastModifiedTime(archive).toMillis() * 1_000_000L;
            image.load(mtime);
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tar image " + archive + ": "
                    + e.getMessage());
        }
    }

    private void load(long archiveMtime) throws IOException {
        if (inflated != null) {
            root = new TarReader(this, archive.toString(), new ArraySource(inflated,
                    inflatedLength), archiveMtime).read();
            return;
        }
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
            root = new TarReader(this, archive.toString(), new ChannelSource(ch),
                    archiveMtime).read();
        }
    }

    /**
     * Throws a one-line IllegalArgumentException unless {@code layer} is a directory or a
     * file that starts like a tar archive (plain or gzip); the archive itself is read later.
     */
    static void checkLayer(Path layer) {
        if (Files.isDirectory(layer)) {
            return;
        }
        byte[] head = new byte[TarReader.BLOCK];
        int n;
        try (InputStream in = Files.newInputStream(layer)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such directory or tar archive: " + layer);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + layer + ": " + e.getMessage());
        }
        String compression = otherCompression(head, n);
        if (compression != null) {
            throw new IllegalArgumentException(layer + " is compressed with " + compression
                    + ", which images do not support (decompress it, or use gzip)");
        }
        boolean gzip = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        if (!gzip && (n < TarReader.BLOCK || !TarReader.looksLikeHeader(head))) {
            throw new IllegalArgumentException("neither a directory nor a tar archive: " + layer
                    + " (give a host directory, a .tar or a .tar.gz)");
        }
    }

    private static String otherCompression(byte[] h, int n) {
        if (n >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X'
                && h[4] == 'Z') {
            return "xz";
        }
        if (n >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f
                && (h[3] & 0xff) == 0xfd) {
            return "zstd";
        }
        if (n >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') {
            return "bzip2";
        }
        return null;
    }

    private static boolean isGzip(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Inflates {@code archive} into {@code out[0]}; the number of bytes. */
    private static int inflate(Path archive, long cap, byte[][] out) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            while (true) {
                if (n == buf.length) {
                    // One byte past the cap is room enough to see that the data goes past it.
                    long grown = Math.min(Math.min((long) n * 2, cap + 1), Integer.MAX_VALUE - 16);
                    if (grown <= n) {
                        throw tooBig(archive, cap);
                    }
                    buf = Arrays.copyOf(buf, (int) grown);
                }
                int got = in.read(buf, n, buf.length - n);
                if (got < 0) {
                    break;
                }
                n += got;
                if (n > cap) {
                    throw tooBig(archive, cap);
                }
            }
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException("bad tar image " + archive
                    + ": damaged gzip data (" + e.getMessage() + ")");
        }
        out[0] = buf;
        return n;
    }

    private static IllegalArgumentException tooBig(Path archive, long cap) {
        return new IllegalArgumentException("tar image " + archive + " inflates past "
                + (cap >= 1 << 20 ? (cap >> 20) + " MiB" : cap + " bytes")
                + ", the cap for gzip images held in memory (use an uncompressed .tar)");
    }

    /** The next inode number of this image. */
    long nextInode() {
        return inodes.getAndIncrement();
    }

    /** Counts a node (and a regular file's bytes) for statfs. */
    void counted(ImageNode node) {
        nodeCount++;
        if (node.type == LinuxFlags.S_IFREG) {
            fileBytes += node.size;
        }
    }

    @Override
    Vnode root() {
        return root;
    }

    @Override
    byte[] statfs() {
        long blocks = (fileBytes + 4095) / 4096;
        return StatLayout.encodeStatfs(SQUASHFS_MAGIC, 4096, blocks, 0, nodeCount, 0, dev,
                ST_RDONLY);
    }

    /** The bytes of the regular file {@code node}, for reading. */
    FileData contents(ImageNode node) {
        if (inflated != null) {
            return new MemberData(null, inflated, node.dataOffset, node.size);
        }
        try {
            FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ);
            return new MemberData(ch, null, node.dataOffset, node.size);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    /** Where {@link TarReader} reads the archive from. */
    interface Source {
        /** Reads up to {@code n} bytes at {@code pos}; fewer only at the end. */
        int read(long pos, byte[] b, int n) throws IOException;

        /** The archive's length. */
        long length() throws IOException;
    }

    private static final class ArraySource implements Source {
        private final byte[] bytes;
        private final int length;

        ArraySource(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public int read(long pos, byte[] b, int n) {
            int got = (int) Math.max(0, Math.min(n, length - pos));
            if (got > 0) {
                System.arraycopy(bytes, (int) pos, b, 0, got);
            }
            return got;
        }

        @Override
        public long length() {
            return length;
        }
    }

    private static final class ChannelSource implements Source {
        private final FileChannel channel;

        ChannelSource(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(long pos, byte[] b, int n) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position()) < 0) {
                    break;
                }
            }
            return buf.position();
        }

        @Override
        public long length() throws IOException {
            return channel.size();
        }
    }

    /**
     * The bytes of one member: a window of the archive, read with positional reads on a
     * channel of its own (plain archives) or copied from the inflated array (gzip).
     */
    private static final class MemberData implements FileData {
        private final FileChannel channel;
        private final byte[] bytes;
        private final long start;
        private final long size;

        MemberData(FileChannel channel, byte[] bytes, long start, long size) {
            this.channel = channel;
            this.bytes = bytes;
            this.start = start;
            this.size = size;
        }

        @Override
        public int read(byte[] b, int off, int n, long pos) {
            int want = (int) Math.max(0, Math.min(n, size - pos));
            if (want == 0) {
                return 0;
            }
            if (bytes != null) {
                System.arraycopy(bytes, (int) (start + pos), b, off, want);
                return want;
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(b, off, want);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, start + pos + buf.position() - off) < 0) {
                        break; // the archive shrank on the host since the mount
                    }
                }
                return buf.position() - off;
            } catch (IOException e) {
                throw HostErrors.error(e);
            }
        }

        @Override
        public int write(byte[] b, int off, int n, long pos) {
            throw new VfsError(Errno.EROFS);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void truncate(long length) {
            throw new VfsError(Errno.EROFS);
        }

        @Override
        public void force(boolean dataOnly) {
            // Nothing was written: there is nothing to make durable.
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // A channel that was only read loses nothing when its close fails.
                }
            }
        }
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A host directory (or a single host file) mounted into a session's namespace. Only its own
 * {@link HostNode}s reach the host, one checked name at a time, never following a host
 * symbolic link, so nothing outside the directory can be named through it.
 */
final class HostDirectory extends FileSystem {
    /** The f_type reported for host directories (ext4's, which most programs know). */
    static final long EXT4_MAGIC = 0xEF53L;
    /** statfs f_flags bit of a read-only mount. */
    private static final long ST_RDONLY = 1;

    /** The tenant's volumes: the quota a writable mount counts against, the channel filter. */
    final Volumes volumes;
    private final Path root;
    private final HostNode rootNode;
    /** The name epoch at which {@link #root} was last found unchanged. */
    private volatile long rootCheckedAt;

    private HostDirectory(Path root, long dev, int type, boolean readOnly, Volumes volumes) {
        super(dev, readOnly);
        this.volumes = volumes;
        this.root = root;
        this.rootNode = new HostNode(this, root, type);
    }

    /**
     * Mounts {@code hostPath} for a session of the tenant whose volumes are {@code volumes}; a
     * regular file is always mounted read-only. A writable directory is counted in the
     * tenant's volume bytes on its first mount.
     *
     * @throws IllegalArgumentException when the path is neither a directory nor a file
     */
    static HostDirectory mount(Path hostPath, boolean readOnly, Volumes volumes) {
        try {
            Path real = hostPath.toRealPath();
            int mode = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            long dev = (Long) Files.getAttribute(real, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            int type = mode & LinuxFlags.S_IFMT;
            if (type != LinuxFlags.S_IFDIR && type != LinuxFlags.S_IFREG) {
                throw new IllegalArgumentException("cannot mount " + hostPath
                        + ": neither a directory nor a regular file");
            }
            boolean ro = readOnly || type == LinuxFlags.S_IFREG;
            if (!ro) {
                volumes.mounted(real);
            }
            return new HostDirectory(real, dev, type, ro, volumes);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot mount " + hostPath + ": " + e.getMessage()
                    + " (give an existing host directory or file)", e);
        }
    }

    /**
     * Makes sure the mount's root is still the directory (or file) it was, reached without a
     * symbolic link, at {@code epoch}: another mount may hold a directory above it. ENOENT if
     * not.
     */
    void checkRoot(long epoch) {
        if (rootCheckedAt == epoch) {
            return;
        }
        try {
            if (!root.toRealPath().equals(root)) {
                throw new VfsError(Errno.ENOENT);
            }
        } catch (IOException e) {
            throw new VfsError(Errno.ENOENT);
        }
        rootCheckedAt = epoch;
    }

    /** The mount's real host path. */
    Path rootPath() {
        return root;
    }

    @Override
    Vnode root() {
        return rootNode;
    }

    @Override
    byte[] statfs() {
        long total = 0;
        long free = 0;
        try {
            FileStore store = Files.getFileStore(root);
            total = store.getTotalSpace() / 4096;
            free = store.getUsableSpace() / 4096;
        } catch (IOException e) {
            // A store that will not say its size reports an empty disk, like a pseudo fs.
        }
        return StatLayout.encodeStatfs(EXT4_MAGIC, 4096, total, free, total / 4, free / 4, dev,
                readOnly ? ST_RDONLY : 0);
    }
}

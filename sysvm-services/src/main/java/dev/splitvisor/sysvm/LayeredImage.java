package dev.splitvisor.sysvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stack of read-only layers (host directories or tar images) seen as one read-only tree,
 * later layers on top, the way an OCI image's layers are: a name in an upper layer hides the
 * same name below, directories present in several layers merge, and OCI whiteouts hide what
 * lies below them: a file {@code .wh.NAME} hides NAME of the layers under its own, a file
 * {@code .wh..wh..opq} in a directory hides every lower layer's entries of that directory.
 * Whiteout files themselves are never shown. Nothing is copied or cached: each lookup asks
 * the layers, top first, and stops at the first file, whiteout or opaque directory
 * ({@link LayeredNode}).
 *
 * <p>Every object reports this file system's st_dev and an inode number given out on first
 * sight of its (layer, inode) pair, so numbers stay stable and distinct within the mount.
 * Differences from Linux's overlayfs are listed in docs/QUIRKS.md.
 */
final class LayeredImage extends FileSystem {
    /** The prefix of a whiteout file's name. */
    static final String WHITEOUT = ".wh.";
    /** The name of the file that makes a directory opaque. */
    static final String OPAQUE = ".wh..wh..opq";
    /** Linux's f_type for overlayfs. */
    static final long OVERLAYFS_MAGIC = 0x794c7630L;
    private static final long ST_RDONLY = 1;

    private final Map<InodeKey, Long> inodes = new ConcurrentHashMap<>();
    private final AtomicLong nextInode = new AtomicLong(1);
    private final LayeredNode root;

    private LayeredImage(List<FileSystem> layers) {
        super(anonymousDevice(), true);
        List<Vnode> roots = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int k = layers.size() - 1; k >= 0; k--) {
            Vnode r = layers.get(k).root();
            roots.add(r);
            indexes.add(k);
            if (LayeredNode.isOpaque(r)) {
                break;
            }
        }
        this.root = new LayeredNode(this, roots, indexes);
    }

    /**
     * Mounts {@code layers} (lowest first) read-only as one tree: a single layer as itself (a
     * host directory or a tar image, whose whiteout names are then ordinary files), several
     * as a stack.
     *
     * @throws IllegalArgumentException in one line when a layer is missing, neither a
     *     directory nor a tar archive, or a damaged archive
     */
    static FileSystem mount(List<Path> layers, Volumes volumes) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no root layers given");
        }
        List<FileSystem> mounted = new ArrayList<>();
        for (Path p : layers) {
            mounted.add(mountLayer(p, volumes));
        }
        return mounted.size() == 1 ? mounted.get(0) : new LayeredImage(mounted);
    }

    private static FileSystem mountLayer(Path layer, Volumes volumes) {
        TarImage.checkLayer(layer);
        return Files.isDirectory(layer) ? HostDirectory.mount(layer, true, volumes)
                : TarImage.mount(layer);
    }

    /** This mount's inode number for inode {@code ino} of layer {@code layer}. */
    long inode(int layer, long ino) {
        return inodes.computeIfAbsent(new InodeKey(layer, ino), k -> nextInode.getAndIncrement());
    }

    @Override
    Vnode root() {
        return root;
    }

    @Override
    byte[] statfs() {
        return StatLayout.encodeStatfs(OVERLAYFS_MAGIC, 4096, 0, 0, 0, 0, dev, ST_RDONLY);
    }

    private record InodeKey(int layer, long ino) {
    }
}

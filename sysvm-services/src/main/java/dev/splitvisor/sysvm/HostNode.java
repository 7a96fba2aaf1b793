package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One host file or directory under a {@link HostDirectory}. Its host path is the mount's real
 * root plus names that the resolver checked one by one (none is "." or ".."), and every host
 * call passes NOFOLLOW_LINKS, so a host symbolic link is read as a link, never entered.
 *
 * <p>The host resolves the directories above the last name itself, so they must still be real
 * directories when the path is used: a guest could rename a directory away and put a symbolic
 * link in its place while a handle still holds the old path. Every change of host names moves
 * {@link #EPOCH}; a node checked at an older epoch walks its path again from the mount's root,
 * one lstat per name, before the host sees it. All of this runs under {@link Namespace#LOCK}.
 */
final class HostNode extends Vnode {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    /** Moves on every change of host names by any session of any tenant. */
    private static final AtomicLong EPOCH = new AtomicLong(1);

    private final HostDirectory fs;
    private final Path path;
    private final int type;
    /** The epoch at which every directory above {@link #path} was last seen to be one. */
    private volatile long checkedAt;

    HostNode(HostDirectory fs, Path path, int type) {
        this(fs, path, type, 0);
    }

    private HostNode(HostDirectory fs, Path path, int type, long checkedAt) {
        this.fs = fs;
        this.path = path;
        this.type = type;
        this.checkedAt = checkedAt;
    }

    /**
     * Makes sure no directory between the mount's root and this node, nor the node itself if
     * it is a directory, has been replaced by a symbolic link (or anything else) since the
     * node was found; ENOENT if one has.
     */
    private void check() {
        long now = EPOCH.get();
        if (checkedAt == now) {
            return;
        }
        fs.checkRoot(now);
        Path root = fs.rootPath();
        Path at = root;
        for (Path name : root.relativize(path)) {
            if (at != root && !isDirectory(at)) {
                throw new VfsError(Errno.ENOENT);
            }
            at = at.resolve(name);
        }
        // A directory node is itself used as a parent by the host (listing, child lookups).
        if (type == LinuxFlags.S_IFDIR && path != root && !isDirectory(path)) {
            throw new VfsError(Errno.ENOENT);
        }
        checkedAt = now;
    }

    private static boolean isDirectory(Path p) {
        return Files.isDirectory(p, NOFOLLOW);
    }

    /** A child found now under this checked directory: checked too. */
    private HostNode child(Path child, int childType) {
        return new HostNode(fs, child, childType, checkedAt);
    }

    /** Host names changed: every node must be checked again before its next use. */
    private static void namesChanged() {
        EPOCH.incrementAndGet();
    }

    @Override
    FileSystem fs() {
        return fs;
    }

    @Override
    int type() {
        return type;
    }

    @Override
    Stat stat() {
        check();
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:*", NOFOLLOW);
            Stat s = new Stat();
            s.dev = (Long) a.get("dev");
            s.ino = (Long) a.get("ino");
            s.nlink = (Integer) a.get("nlink");
            s.mode = (Integer) a.get("mode");
            s.uid = (Integer) a.get("uid");
            s.gid = (Integer) a.get("gid");
            s.rdev = (Long) a.get("rdev");
            s.size = (Long) a.get("size");
            s.atimeNanos = nanos((FileTime) a.get("lastAccessTime"));
            s.mtimeNanos = nanos((FileTime) a.get("lastModifiedTime"));
            s.ctimeNanos = nanos((FileTime) a.get("ctime"));
            return s.blocksFromSize();
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    @Override
    Object identity() {
        check();
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW).fileKey();
            return key != null ? key : path;
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    // ---------------------------------------------------------------- directory

    @Override
    Vnode lookup(String name) {
        checkDirectory();
        Path child = path.resolve(name);
        try {
            int mode = (Integer) Files.getAttribute(child, "unix:mode", NOFOLLOW);
            return child(child, mode & LinuxFlags.S_IFMT);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    List<DirEntry> list() {
        check();
        checkDirectory();
        List<DirEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path p : entries) {
                try {
                    Map<String, Object> a = Files.readAttributes(p, "unix:mode,ino", NOFOLLOW);
                    out.add(new DirEntry(p.getFileName().toString(), (Long) a.get("ino"),
                            (Integer) a.get("mode") & LinuxFlags.S_IFMT));
                } catch (NoSuchFileException gone) {
                    // Removed while listing: Linux would not show it either.
                }
            }
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
        return out;
    }

    @Override
    Vnode createFile(String name, int mode) {
        checkDirectory();
        Path child = path.resolve(name);
        try {
            Files.createFile(child);
            setMode(child, mode);
            return child(child, LinuxFlags.S_IFREG);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    Vnode mkdir(String name, int mode) {
        checkDirectory();
        Path child = path.resolve(name);
        try {
            Files.createDirectory(child);
            setMode(child, mode);
            return child(child, LinuxFlags.S_IFDIR);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    /** Sets the exact mode the guest asked for, past the host process's umask. */
    private static void setMode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & 07777, NOFOLLOW);
    }

    @Override
    void symlink(String name, String target) {
        checkDirectory();
        try {
            // The target is stored as text and only ever resolved by the guest's resolver.
            Files.createSymbolicLink(path.resolve(name), Paths.get(target));
        } catch (IOException e) {
            throw HostErrors.error(e);
        } catch (RuntimeException e) {
            throw new VfsError(Errno.EINVAL);
        }
    }

    @Override
    void link(String name, Vnode existing) {
        checkDirectory();
        try {
            Files.createLink(path.resolve(name), ((HostNode) existing).path);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    void remove(String name, Vnode victim) {
        checkDirectory();
        Path gone = path.resolve(name);
        try {
            // Under the volumes' lock no write through the system VM grows the file meanwhile.
            synchronized (fs.volumes) {
                long freed = lastLinkSize(gone);
                Files.delete(gone);
                fs.volumes.removed(freed);
            }
        } catch (IOException e) {
            throw HostErrors.error(e);
        } finally {
            namesChanged();
        }
    }

    @Override
    void rename(String name, Vnode toDir, String toName) {
        checkDirectory();
        Path to = ((HostNode) toDir).path.resolve(toName);
        try {
            synchronized (fs.volumes) {
                long freed = lastLinkSize(to);
                // An atomic move is exactly rename(2): it replaces, and never follows a link.
                Files.move(path.resolve(name), to, StandardCopyOption.ATOMIC_MOVE);
                fs.volumes.removed(freed);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new VfsError(Errno.EXDEV);
        } catch (IOException e) {
            throw HostErrors.error(e);
        } finally {
            namesChanged();
        }
    }

    /**
     * The size of the regular file at {@code p} when this is its last name (what removing the
     * name frees in the volume quota), else 0; 0 too when volume bytes are not counted.
     */
    private long lastLinkSize(Path p) {
        if (!fs.volumes.counting()) {
            return 0;
        }
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,nlink,size", NOFOLLOW);
            boolean regular = ((Integer) a.get("mode") & LinuxFlags.S_IFMT) == LinuxFlags.S_IFREG;
            return regular && (Integer) a.get("nlink") == 1 ? (Long) a.get("size") : 0;
        } catch (IOException e) {
            return 0; // not there (a rename to a new name) or unreadable: nothing freed
        }
    }

    /** Throws ENOTDIR unless this is a directory, then checks its path. */
    private void checkDirectory() {
        if (type != LinuxFlags.S_IFDIR) {
            throw new VfsError(Errno.ENOTDIR);
        }
        check();
    }

    // ---------------------------------------------------------------- attributes

    @Override
    String readlink() {
        check();
        if (type != LinuxFlags.S_IFLNK) {
            throw new VfsError(Errno.EINVAL);
        }
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    void chmod(int mode) {
        check();
        try {
            setMode(path, mode);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    @Override
    void setTimes(long atimeNanos, long mtimeNanos) {
        check();
        BasicFileAttributeView view = Files.getFileAttributeView(path,
                BasicFileAttributeView.class, NOFOLLOW);
        try {
            view.setTimes(time(mtimeNanos), time(atimeNanos), null);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }

    private static FileTime time(long nanos) {
        return nanos == Long.MIN_VALUE ? null : FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- contents

    @Override
    FileData open(boolean read, boolean write) {
        if (type != LinuxFlags.S_IFREG) {
            // Host FIFOs would stall a host thread and host devices are not the guest's.
            throw new VfsError(type == LinuxFlags.S_IFDIR ? Errno.EISDIR : Errno.EACCES);
        }
        check();
        List<OpenOption> options = new ArrayList<>(3);
        options.add(NOFOLLOW);
        if (read || !write) {
            options.add(StandardOpenOption.READ);
        }
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        try {
            FileChannel ch = FileChannel.open(path, options.toArray(new OpenOption[0]));
            return new HostFileData(fs.volumes.channelFilter.apply(ch), fs.readOnly ? null
                    : fs.volumes);
        } catch (IOException e) {
            throw HostErrors.error(e);
        }
    }
}

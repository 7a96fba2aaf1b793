package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of a {@link TarImage}: a directory (its entries in archive order), a regular file
 * (where its bytes lie in the archive), a symbolic link, or a FIFO or device that is listed but
 * never opened. Built while the archive is read at mount time and never changed after, so it
 * needs no lock. Hard links of the archive are one node under several names.
 */
final class ImageNode extends ReadOnlyVnode {
    final TarImage fs;
    final long ino;
    final int type;
    int permissions;
    int uid;
    int gid;
    long mtimeNanos;
    /** A regular file's length; its bytes start at {@link #dataOffset} in the archive. */
    long size;
    long dataOffset;
    /** A symbolic link's target text. */
    String target = "";
    /** The device number a device member records (shown by stat, never opened). */
    long deviceNumber;
    int nlink;
    final Map<String, ImageNode> children;

    ImageNode(TarImage fs, long ino, int type) {
        this.fs = fs;
        this.ino = ino;
        this.type = type;
        this.nlink = type == LinuxFlags.S_IFDIR ? 2 : 1;
        this.children = type == LinuxFlags.S_IFDIR ? new LinkedHashMap<>() : null;
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
    Object identity() {
        return this;
    }

    @Override
    Stat stat() {
        Stat s = new Stat();
        s.dev = fs.dev;
        s.ino = ino;
        s.nlink = nlink;
        s.mode = type | permissions;
        s.uid = uid;
        s.gid = gid;
        s.rdev = deviceNumber;
        s.size = type == LinuxFlags.S_IFREG ? size : type == LinuxFlags.S_IFDIR ? 4096
                : type == LinuxFlags.S_IFLNK ? TarReader.utf8Length(target) : 0;
        s.atimeNanos = s.mtimeNanos = s.ctimeNanos = mtimeNanos;
        return s.blocksFromSize();
    }

    @Override
    Vnode lookup(String name) {
        checkDirectory();
        return children.get(name);
    }

    @Override
    List<DirEntry> list() {
        checkDirectory();
        List<DirEntry> out = new ArrayList<>(children.size());
        for (Map.Entry<String, ImageNode> e : children.entrySet()) {
            out.add(new DirEntry(e.getKey(), e.getValue().ino, e.getValue().type));
        }
        return out;
    }

    private void checkDirectory() {
        if (children == null) {
            throw new VfsError(Errno.ENOTDIR);
        }
    }

    @Override
    String readlink() {
        if (type != LinuxFlags.S_IFLNK) {
            throw new VfsError(Errno.EINVAL);
        }
        return target;
    }

    @Override
    FileData open(boolean read, boolean write) {
        if (type != LinuxFlags.S_IFREG) {
            // As in a host directory: FIFOs and devices of an image are not the guest's.
            throw new VfsError(type == LinuxFlags.S_IFDIR ? Errno.EISDIR : Errno.EACCES);
        }
        if (write) {
            throw new VfsError(Errno.EROFS);
        }
        return fs.contents(this);
    }
}

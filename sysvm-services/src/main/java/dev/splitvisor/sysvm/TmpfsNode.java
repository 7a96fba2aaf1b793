package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of a {@link Tmpfs}: a directory (its entries in creation order), a regular file
 * (its bytes in one array), a symbolic link or a character device. Its own monitor guards it;
 * the namespace lock above keeps lookups and changes of names apart.
 */
final class TmpfsNode extends Vnode implements FileData {
    /** Largest file a tmpfs node holds in its single array. */
    private static final long MAX_FILE = Integer.MAX_VALUE - 16;
    private static final byte[] EMPTY = new byte[0];

    private final Tmpfs fs;
    private final long ino;
    private final int type;
    private final Map<String, TmpfsNode> children;
    private final String target;
    private final long rdev;
    private int permissions;
    private int nlink;
    private int opens;
    private byte[] data = EMPTY;
    private long size;
    private long atime;
    private long mtime;
    private long ctime;

    private TmpfsNode(Tmpfs fs, int type, int permissions, String target, long rdev) {
        this.fs = fs;
        this.ino = fs.nextInode();
        this.type = type;
        this.permissions = permissions & 07777;
        this.children = type == LinuxFlags.S_IFDIR ? new LinkedHashMap<>() : null;
        this.target = target;
        this.rdev = rdev;
        this.nlink = type == LinuxFlags.S_IFDIR ? 2 : 1;
        this.atime = this.mtime = this.ctime = Tmpfs.now();
    }

    /** A new directory that is no child yet (a root). */
    static TmpfsNode directory(Tmpfs fs, int mode) {
        return new TmpfsNode(fs, LinuxFlags.S_IFDIR, mode, null, 0);
    }

    /** Adds the character device {@code name} with device number {@code rdev}. */
    synchronized void addDevice(String name, long rdev, int mode) {
        add(name, new TmpfsNode(fs, LinuxFlags.S_IFCHR, mode, null, rdev));
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
    long rdev() {
        return rdev;
    }

    @Override
    synchronized Stat stat() {
        Stat s = new Stat();
        s.dev = fs.dev;
        s.ino = ino;
        s.nlink = nlink;
        s.mode = type | permissions;
        s.rdev = rdev;
        s.size = type == LinuxFlags.S_IFLNK ? target.length()
                : type == LinuxFlags.S_IFDIR ? 4096 : size;
        s.atimeNanos = atime;
        s.mtimeNanos = mtime;
        s.ctimeNanos = ctime;
        return s.blocksFromSize();
    }

    // ---------------------------------------------------------------- directory

    @Override
    synchronized Vnode lookup(String name) {
        checkDirectory();
        return children.get(name);
    }

    @Override
    synchronized List<DirEntry> list() {
        checkDirectory();
        List<DirEntry> out = new ArrayList<>(children.size());
        for (Map.Entry<String, TmpfsNode> e : children.entrySet()) {
            out.add(new DirEntry(e.getKey(), e.getValue().ino, e.getValue().type));
        }
        return out;
    }

    @Override
    synchronized Vnode createFile(String name, int mode) {
        return add(name, new TmpfsNode(fs, LinuxFlags.S_IFREG, mode, null, 0));
    }

    @Override
    synchronized Vnode mkdir(String name, int mode) {
        TmpfsNode dir = add(name, new TmpfsNode(fs, LinuxFlags.S_IFDIR, mode, null, 0));
        nlink++;
        return dir;
    }

    @Override
    synchronized void symlink(String name, String linkTarget) {
        // The target text is the link's data: it counts against the limit like file bytes.
        fs.charge(linkTarget.length());
        try {
            add(name, new TmpfsNode(fs, LinuxFlags.S_IFLNK, 0777, linkTarget, 0));
        } catch (VfsError e) {
            fs.release(linkTarget.length());
            throw e;
        }
    }

    @Override
    synchronized void link(String name, Vnode existing) {
        checkDirectory();
        TmpfsNode node = (TmpfsNode) existing;
        fs.charge(Tmpfs.NODE_COST);
        children.put(name, node);
        node.linked(1);
        touchDirectory();
    }

    @Override
    synchronized void remove(String name, Vnode victim) {
        checkDirectory();
        TmpfsNode node = children.remove(name);
        if (node == null) {
            throw new VfsError(Errno.ENOENT);
        }
        if (node.type == LinuxFlags.S_IFDIR) {
            nlink--;
        }
        fs.release(Tmpfs.NODE_COST);
        node.linked(-1);
        touchDirectory();
    }

    @Override
    void rename(String name, Vnode toDir, String toName) {
        TmpfsNode to = (TmpfsNode) toDir;
        TmpfsNode node;
        synchronized (this) {
            node = children.get(name);
        }
        if (node == null) {
            throw new VfsError(Errno.ENOENT);
        }
        TmpfsNode old;
        synchronized (to) {
            old = to.children.put(toName, node);
            if (node.type == LinuxFlags.S_IFDIR) {
                to.nlink++;
            }
            to.touchDirectory();
        }
        synchronized (this) {
            children.remove(name);
            if (node.type == LinuxFlags.S_IFDIR) {
                nlink--;
            }
            touchDirectory();
        }
        if (old != null) {
            fs.release(Tmpfs.NODE_COST);
            if (old.type == LinuxFlags.S_IFDIR) {
                synchronized (to) {
                    to.nlink--;
                }
            }
            old.linked(-1);
        }
    }

    private TmpfsNode add(String name, TmpfsNode node) {
        checkDirectory();
        if (children.containsKey(name)) {
            throw new VfsError(Errno.EEXIST);
        }
        fs.charge(Tmpfs.NODE_COST);
        children.put(name, node);
        touchDirectory();
        return node;
    }

    private void checkDirectory() {
        if (children == null) {
            throw new VfsError(Errno.ENOTDIR);
        }
    }

    private void touchDirectory() {
        mtime = ctime = Tmpfs.now();
    }

    /** A name of this node came ({@code +1}) or went ({@code -1}). */
    private synchronized void linked(int delta) {
        nlink += delta;
        if (type == LinuxFlags.S_IFDIR && delta < 0) {
            nlink = 0;
        }
        ctime = Tmpfs.now();
        freeIfUnused();
    }

    private void freeIfUnused() {
        if (nlink > 0 || opens > 0) {
            return;
        }
        if (data != EMPTY) {
            fs.release(size);
            size = 0;
            data = EMPTY;
        }
        if (type == LinuxFlags.S_IFLNK && nlink == 0) {
            fs.release(target.length());
            nlink = -1;
        }
    }

    // ---------------------------------------------------------------- attributes

    @Override
    String readlink() {
        if (type != LinuxFlags.S_IFLNK) {
            throw new VfsError(Errno.EINVAL);
        }
        return target;
    }

    @Override
    synchronized void chmod(int mode) {
        permissions = mode & 07777;
        ctime = Tmpfs.now();
    }

    @Override
    synchronized void setTimes(long atimeNanos, long mtimeNanos) {
        if (atimeNanos != Long.MIN_VALUE) {
            atime = atimeNanos;
        }
        if (mtimeNanos != Long.MIN_VALUE) {
            mtime = mtimeNanos;
        }
        ctime = Tmpfs.now();
    }

    // ---------------------------------------------------------------- contents

    @Override
    synchronized FileData open(boolean read, boolean write) {
        if (type != LinuxFlags.S_IFREG) {
            throw new VfsError(Errno.EINVAL);
        }
        opens++;
        return this;
    }

    @Override
    public synchronized int read(byte[] b, int off, int n, long pos) {
        if (pos >= size) {
            return 0;
        }
        int k = (int) Math.min(n, size - pos);
        System.arraycopy(data, (int) pos, b, off, k);
        atime = Tmpfs.now();
        return k;
    }

    @Override
    public synchronized int write(byte[] b, int off, int n, long pos) {
        if (pos + n > MAX_FILE || pos < 0) {
            throw new VfsError(Errno.EFBIG);
        }
        long end = pos + n;
        if (end > size) {
            grow(end);
        }
        System.arraycopy(b, off, data, (int) pos, n);
        mtime = ctime = Tmpfs.now();
        return n;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized void truncate(long length) {
        if (length > MAX_FILE) {
            throw new VfsError(Errno.EFBIG);
        }
        if (length > size) {
            grow(length);
        } else {
            Arrays.fill(data, (int) length, (int) size, (byte) 0);
            fs.release(size - length);
            size = length;
        }
        mtime = ctime = Tmpfs.now();
    }

    /** Extends the file to {@code end} zero bytes past its end; charges the limit first. */
    private void grow(long end) {
        fs.charge(end - size);
        if (end > data.length) {
            long capacity = Math.min(MAX_FILE, Math.max(end, Math.max(64, data.length * 2L)));
            data = Arrays.copyOf(data, (int) capacity);
        }
        size = end;
    }

    @Override
    public void force(boolean dataOnly) {
        // Memory is as durable as a tmpfs gets: nothing to flush.
    }

    @Override
    public synchronized void close() {
        opens--;
        freeIfUnused();
    }
}

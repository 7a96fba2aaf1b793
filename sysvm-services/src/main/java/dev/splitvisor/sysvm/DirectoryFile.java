package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open directory. GETDENTS takes a snapshot of the entries ("." and ".." first, then the
 * file system's names, then mount points it does not show) at offset 0 and walks it; the
 * offset is an index into that snapshot, which d_off reports and SEEK_SET accepts back.
 */
final class DirectoryFile extends OpenFile {
    /** Bytes of a {@code linux_dirent64} before its name. */
    private static final int HEADER = 19;

    private final Namespace namespace;
    private List<DirEntry> entries;
    private int position;

    DirectoryFile(GuestPath path, int flags, Namespace namespace) {
        super(path, flags);
        this.namespace = namespace;
    }

    @Override
    long read(Grant g, long offset, byte[] staging) {
        return -Errno.EISDIR;
    }

    @Override
    long write(Grant g, long offset, byte[] staging) {
        return -Errno.EISDIR;
    }

    @Override
    synchronized long getdents(Grant g) {
        if (entries == null) {
            entries = snapshot();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.min(g.length(), 64 * 1024))
                .order(ByteOrder.LITTLE_ENDIAN);
        int at = position;
        while (at < entries.size()) {
            DirEntry e = entries.get(at);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int reclen = (HEADER + name.length + 1 + 7) & ~7;
            if (reclen > out.remaining()) {
                break;
            }
            int start = out.position();
            out.putLong(e.ino()).putLong(at + 1L).putShort((short) reclen)
                    .put((byte) LinuxFlags.direntType(e.type())).put(name);
            out.position(start + reclen);
            at++;
        }
        if (at == position && at < entries.size()) {
            return -Errno.EINVAL;
        }
        int n = out.position();
        int put = g.copyIn(0, out.array(), 0, n);
        if (put < 0) {
            return put;
        }
        position = at;
        return n;
    }

    private List<DirEntry> snapshot() {
        List<DirEntry> list = new ArrayList<>();
        Vnode dir = path.node;
        list.add(new DirEntry(".", dir.stat().ino, LinuxFlags.S_IFDIR));
        list.add(new DirEntry("..", path.up().node.stat().ino, LinuxFlags.S_IFDIR));
        Set<String> seen = new HashSet<>();
        for (DirEntry e : dir.list()) {
            list.add(e);
            seen.add(e.name());
        }
        for (String name : namespace.specialNamesIn(path)) {
            if (seen.add(name)) {
                Vnode root = namespace.child(path, name);
                list.add(new DirEntry(name, root.stat().ino, root.type()));
            }
        }
        return list;
    }

    @Override
    synchronized long seek(long offset, int whence) {
        if (whence == LinuxFlags.SEEK_CUR && offset == 0) {
            return position;
        }
        if (whence != LinuxFlags.SEEK_SET || offset < 0 || offset > Integer.MAX_VALUE) {
            return -Errno.EINVAL;
        }
        if (offset == 0) {
            entries = null;
        }
        position = (int) offset;
        return offset;
    }

    @Override
    long fsync(boolean dataOnly) {
        return 0;
    }
}

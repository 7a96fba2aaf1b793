package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One session's view of files: the file system at "/" and the file systems mounted at guest
 * paths over it. Built once when the session attaches; the mount table never changes after.
 */
final class Namespace {
    /**
     * Orders name lookups against name changes in every session of every tenant: a walk holds
     * it shared, a change holds it alone. Host directories can be shared between tenants, so
     * one lock for the whole process keeps a walk from seeing a host name change half done.
     */
    static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    private final GuestPath root;
    private final Map<String, FileSystem> mounts = new HashMap<>();
    /**
     * Empty read-only directories standing in for the parents of mount points that the file
     * system below does not have (a mount at /etc/app.conf over a host root without /etc).
     */
    private final Map<String, Vnode> scaffolds = new HashMap<>();
    private final Tmpfs scaffoldFs = new Tmpfs(new Quota("scaffolds", 1 << 20,
            Errno.ENOSPC, null), 0755, true);
    /** The last names of mount points and scaffolds: a cheap test before building a path. */
    private final Set<String> specialNames = new HashSet<>();

    Namespace(FileSystem rootFs) {
        this.root = GuestPath.root(rootFs.root());
    }

    /** The namespace's "/". */
    GuestPath root() {
        return root;
    }

    /** Mounts {@code fs} at the normalised absolute {@code guestPath}. */
    void mount(String guestPath, FileSystem fs) {
        mounts.put(guestPath, fs);
        specialNames.add(lastName(guestPath));
        for (int at = guestPath.lastIndexOf('/'); at > 0; at = guestPath.lastIndexOf('/', at - 1)) {
            String parent = guestPath.substring(0, at);
            scaffolds.computeIfAbsent(parent, p -> TmpfsNode.directory(scaffoldFs, 0755));
            specialNames.add(lastName(parent));
        }
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The object called {@code name} in directory {@code dir}: a mount's root first, then the
     * file system's own entry, then a scaffold directory on the way to a mount point.
     */
    Vnode child(GuestPath dir, String name) {
        if (!specialNames.contains(name)) {
            return dir.node.lookup(name);
        }
        String path = dir.childPath(name);
        FileSystem fs = mounts.get(path);
        if (fs != null) {
            return fs.root();
        }
        Vnode node = dir.node.lookup(name);
        return node != null ? node : scaffolds.get(path);
    }

    /** Whether {@code path} is the root of a mounted file system (or "/"). */
    boolean isMountRoot(GuestPath path) {
        return path.parent == null || path.node == path.node.fs().root()
                && mounts.get(path.toString()) == path.node.fs();
    }

    /** The mount points and scaffolds directly inside the directory at {@code dir}. */
    List<String> specialNamesIn(GuestPath dir) {
        List<String> out = new ArrayList<>();
        for (String name : specialNames) {
            String path = dir.childPath(name);
            if (mounts.containsKey(path) || scaffolds.containsKey(path)) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@code guestPath} absolute, with ".", ".." and repeated '/' taken out lexically. */
    static String normalise(String guestPath) {
        List<String> parts = new ArrayList<>();
        for (String part : guestPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Creates the directories of {@code guestPath} (and, for a file mount, an empty file at
     * its end) in the in-memory root {@code memoryRoot}, so that listings show the mount
     * point; stops quietly where another mount already covers the path.
     */
    static void makeMountPoint(TmpfsNode memoryRoot, String guestPath, boolean file) {
        Vnode dir = memoryRoot;
        String[] parts = normalise(guestPath).substring(1).split("/");
        for (int k = 0; k < parts.length; k++) {
            boolean last = k == parts.length - 1;
            Vnode next = dir.lookup(parts[k]);
            if (next == null) {
                next = last && file ? dir.createFile(parts[k], 0644) : dir.mkdir(parts[k], 0755);
            }
            if (!next.isDirectory()) {
                return;
            }
            dir = next;
        }
    }

    /**
     * Builds the namespace {@code spec} describes; its /dev holds {@code devices}, its tmpfs
     * file systems share {@code tmp}, its host directories count in {@code volumes}.
     */
    static Namespace build(SessionSpec spec, Tmpfs devices, Quota tmp, Volumes volumes) {
        Namespace ns;
        TmpfsNode memoryRoot = null;
        if (spec.rootLayers().isEmpty()) {
            Tmpfs rootFs = new Tmpfs(tmp, 0755);
            memoryRoot = rootFs.rootNode();
            memoryRoot.mkdir("tmp", 01777);
            memoryRoot.mkdir("dev", 0755);
            memoryRoot.mkdir("proc", 0555);
            ns = new Namespace(rootFs);
        } else {
            ns = new Namespace(LayeredImage.mount(spec.rootLayers(), volumes));
            ns.mount("/tmp", new Tmpfs(tmp, 01777));
            // The host's own /proc (its processes, its memory maps) must never show through a
            // host root, nor an image's /proc: the microkernel answers the guest's entries.
            ns.mount("/proc", new Tmpfs(new Quota("proc", 1 << 16, Errno.ENOSPC, null), 0555,
                    true));
        }
        ns.mount("/dev", devices);
        for (Mount m : spec.mounts()) {
            HostDirectory fs = HostDirectory.mount(m.hostDir(), m.readOnly(), volumes);
            String at = normalise(m.guestPath());
            if (memoryRoot != null) {
                try {
                    makeMountPoint(memoryRoot, at, fs.root().type() == LinuxFlags.S_IFREG);
                } catch (VfsError e) {
                    throw new IllegalArgumentException("cannot make mount point " + at
                            + " in the in-memory root (errno " + e.errno + ")");
                }
            }
            ns.mount(at, fs);
        }
        return ns;
    }

    /** Throws EBUSY when {@code path} is a mount point, which cannot be renamed or removed. */
    void checkNotMountPoint(GuestPath path) {
        if (path != null && isMountRoot(path)) {
            throw new VfsError(Errno.EBUSY);
        }
    }
}

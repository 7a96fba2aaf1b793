package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves guest paths in a session's namespace, one component at a time, the way Linux's
 * path walk does: mount points are entered by their guest path, symbolic links are read as
 * text and resolved here again (absolute targets from the session's "/", at most
 * {@value #MAX_SYMLINKS} per walk), and ".." follows the walked chain. No host call ever sees
 * more than one name, so a guest path cannot leave the session's root and mounts.
 */
final class PathResolver {
    /** Links followed in one walk before ELOOP, as Linux. */
    static final int MAX_SYMLINKS = 40;

    private final Namespace namespace;

    PathResolver(Namespace namespace) {
        this.namespace = namespace;
    }

    /**
     * Resolves {@code path} from {@code start} (for a relative path); a final symbolic link
     * is followed when {@code followFinal} or the path ends in '/'.
     */
    Lookup resolve(GuestPath start, String path, boolean followFinal) {
        String p = checked(path);
        boolean mustBeDir = p.endsWith("/");
        Deque<String> rest = new ArrayDeque<>();
        push(rest, p);
        GuestPath cur = p.startsWith("/") ? namespace.root() : start;
        if (!cur.node.isDirectory()) {
            throw new VfsError(Errno.ENOTDIR);
        }
        String last = "";
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.pop();
            last = name;
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                cur = cur.up();
                continue;
            }
            if (!cur.node.isDirectory()) {
                throw new VfsError(Errno.ENOTDIR);
            }
            Vnode child = namespace.child(cur, name);
            boolean isLast = rest.isEmpty();
            if (child == null) {
                if (isLast) {
                    return new Lookup(cur, name, null, mustBeDir, name);
                }
                throw new VfsError(Errno.ENOENT);
            }
            if (child.isSymlink() && (!isLast || followFinal || mustBeDir)) {
                if (++links > MAX_SYMLINKS) {
                    throw new VfsError(Errno.ELOOP);
                }
                String target = child.readlink();
                if (target.isEmpty()) {
                    throw new VfsError(Errno.ENOENT);
                }
                if (isLast && target.endsWith("/")) {
                    mustBeDir = true;
                }
                push(rest, target);
                if (target.startsWith("/")) {
                    cur = namespace.root();
                }
                last = ".";
                continue;
            }
            if (isLast) {
                checkDirectory(child, mustBeDir);
                return new Lookup(cur, name, cur.child(name, child), mustBeDir, name);
            }
            cur = cur.child(name, child);
        }
        checkDirectory(cur.node, mustBeDir);
        return new Lookup(null, null, cur, mustBeDir, last);
    }

    private static void checkDirectory(Vnode node, boolean mustBeDir) {
        if (mustBeDir && !node.isDirectory()) {
            throw new VfsError(Errno.ENOTDIR);
        }
    }

    /** The path up to any NUL (where the guest's C string ended), checked for length. */
    private static String checked(String path) {
        if (path == null || path.isEmpty()) {
            throw new VfsError(Errno.ENOENT);
        }
        int nul = path.indexOf('\0');
        String p = nul >= 0 ? path.substring(0, nul) : path;
        if (p.isEmpty()) {
            throw new VfsError(Errno.ENOENT);
        }
        if (p.length() > LinuxFlags.PATH_MAX) {
            throw new VfsError(Errno.ENAMETOOLONG);
        }
        return p;
    }

    /** Puts the components of {@code text} in front of {@code rest}, in order. */
    private static void push(Deque<String> rest, String text) {
        String[] parts = text.split("/");
        for (int k = parts.length - 1; k >= 0; k--) {
            String part = parts[k];
            if (part.isEmpty()) {
                continue;
            }
            if (part.length() > LinuxFlags.NAME_MAX) {
                throw new VfsError(Errno.ENAMETOOLONG);
            }
            rest.push(part);
        }
    }
}

package dev.splitvisor.sysvm;

/**
 * A resolved place in a session's namespace: the object and the chain of directories that led
 * to it from the guest's "/". ".." follows this chain, never the file system, so it climbs out
 * of a mount to the directory the mount sits in and stops at "/". Immutable.
 */
final class GuestPath {
    /** The directory above, or null at "/". */
    final GuestPath parent;
    /** The name in {@link #parent}; empty at "/". */
    final String name;
    /** The object here. */
    final Vnode node;

    private GuestPath(GuestPath parent, String name, Vnode node) {
        this.parent = parent;
        this.name = name;
        this.node = node;
    }

    /** The namespace's "/" holding {@code root}. */
    static GuestPath root(Vnode root) {
        return new GuestPath(null, "", root);
    }

    /** {@code name} inside this directory, being {@code child}. */
    GuestPath child(String childName, Vnode child) {
        return new GuestPath(this, childName, child);
    }

    /** "..": the directory above, or this one at "/". */
    GuestPath up() {
        return parent == null ? this : parent;
    }

    /** The normalised absolute guest path, "/" at the root. */
    @Override
    public String toString() {
        if (parent == null) {
            return "/";
        }
        // A loop, not recursion: a guest can nest directories far deeper than a host stack.
        int depth = 0;
        for (GuestPath p = this; p.parent != null; p = p.parent) {
            depth++;
        }
        String[] names = new String[depth];
        int k = depth;
        for (GuestPath p = this; p.parent != null; p = p.parent) {
            names[--k] = p.name;
        }
        return "/" + String.join("/", names);
    }

    /** The guest path of {@code childName} inside this directory. */
    String childPath(String childName) {
        return parent == null ? "/" + childName : this + "/" + childName;
    }
}

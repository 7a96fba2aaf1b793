package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;

/**
 * The outcome of resolving a path: the directory holding the final name, the name, and what
 * it names (null when nothing does yet, for the calls that create). A path that ends at "/",
 * "." or ".." has no directory and no name, only a target.
 */
final class Lookup {
    /** The directory holding {@link #name}, or null. */
    final GuestPath dir;
    /** The final name, or null after "/", "." or "..". */
    final String name;
    /** The object named, or null when the final name does not exist. */
    final GuestPath target;
    /** The path ended in '/', so it must name a directory. */
    final boolean mustBeDirectory;
    /** The final component as written: a name, ".", ".." or "" for "/". */
    final String lastComponent;

    Lookup(GuestPath dir, String name, GuestPath target, boolean mustBeDirectory,
            String lastComponent) {
        this.dir = dir;
        this.name = name;
        this.target = target;
        this.mustBeDirectory = mustBeDirectory;
        this.lastComponent = lastComponent;
    }

    /** The object named; throws ENOENT when there is none. */
    GuestPath existing() {
        if (target == null) {
            throw new VfsError(Errno.ENOENT);
        }
        return target;
    }
}

package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object of a {@link LayeredImage}: a file, link or device is the topmost layer's object
 * of that name; a directory is the same directory of every layer from the topmost one down to
 * the first layer that stops the merge (one where the name is a whiteout, a non-directory, or
 * an opaque directory). Reads go to the layer objects; every change answers EROFS.
 */
final class LayeredNode extends ReadOnlyVnode {
    private final LayeredImage fs;
    /** The layer objects, topmost first: one, or several directories that merge. */
    private final List<Vnode> parts;
    /** The layer index (0 = lowest) of each of {@link #parts}. */
    private final List<Integer> layers;

    LayeredNode(LayeredImage fs, List<Vnode> parts, List<Integer> layers) {
        this.fs = fs;
        this.parts = parts;
        this.layers = layers;
    }

    /** Whether directory {@code dir} of one layer hides the layers below it. */
    static boolean isOpaque(Vnode dir) {
        return dir.isDirectory() && has(dir, LayeredImage.OPAQUE);
    }

    /** Whether {@code dir} holds {@code name}; a name too long for the layer holds nothing. */
    private static boolean has(Vnode dir, String name) {
        try {
            return dir.lookup(name) != null;
        } catch (VfsError e) {
            return false; // ENAMETOOLONG for ".wh." before a name already NAME_MAX long
        }
    }

    private Vnode top() {
        return parts.get(0);
    }

    @Override
    FileSystem fs() {
        return fs;
    }

    @Override
    int type() {
        return top().type();
    }

    @Override
    Stat stat() {
        Stat s = top().stat();
        s.dev = fs.dev;
        s.ino = fs.inode(layers.get(0), s.ino);
        return s;
    }

    @Override
    Object identity() {
        return top().identity();
    }

    @Override
    long rdev() {
        return top().rdev();
    }

    @Override
    Vnode lookup(String name) {
        checkDirectory();
        if (name.startsWith(LayeredImage.WHITEOUT)) {
            return null; // whiteouts are markers, never files of the merged tree
        }
        List<Vnode> dirs = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            Vnode dir = parts.get(k);
            Vnode child = dir.lookup(name);
            if (child != null) {
                if (!child.isDirectory()) {
                    if (!dirs.isEmpty()) {
                        break; // a directory above hides this file and all below it
                    }
                    return new LayeredNode(fs, List.of(child), List.of(layers.get(k)));
                }
                dirs.add(child);
                at.add(layers.get(k));
                if (isOpaque(child)) {
                    break;
                }
            }
            if (has(dir, LayeredImage.WHITEOUT + name)) {
                break;
            }
        }
        return dirs.isEmpty() ? null : new LayeredNode(fs, dirs, at);
    }

    @Override
    List<DirEntry> list() {
        checkDirectory();
        Map<String, DirEntry> out = new LinkedHashMap<>();
        Set<String> hidden = new HashSet<>();
        for (int k = 0; k < parts.size(); k++) {
            List<String> whiteouts = new ArrayList<>();
            for (DirEntry e : parts.get(k).list()) {
                String name = e.name();
                if (name.startsWith(LayeredImage.WHITEOUT)) {
                    if (!name.equals(LayeredImage.OPAQUE)) {
                        whiteouts.add(name.substring(LayeredImage.WHITEOUT.length()));
                    }
                } else if (!hidden.contains(name) && !out.containsKey(name)) {
                    out.put(name, new DirEntry(name, fs.inode(layers.get(k), e.ino()),
                            e.type()));
                }
            }
            // A layer's whiteouts hide names of the layers below it, not its own.
            hidden.addAll(whiteouts);
        }
        return new ArrayList<>(out.values());
    }

    private void checkDirectory() {
        if (!top().isDirectory()) {
            throw new VfsError(Errno.ENOTDIR);
        }
    }

    @Override
    String readlink() {
        return top().readlink();
    }

    @Override
    FileData open(boolean read, boolean write) {
        if (write) {
            throw new VfsError(Errno.EROFS);
        }
        return top().open(read, false);
    }
}

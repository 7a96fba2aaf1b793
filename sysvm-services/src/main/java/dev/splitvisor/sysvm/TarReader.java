package dev.splitvisor.sysvm;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tar archive, header by header, into the node tree of a {@link TarImage}. Understands
 * ustar (with its name prefix), GNU long names and link targets ({@code ././@LongLink}, types
 * 'L' and 'K'), GNU base-256 numbers, and pax extended headers ('x': path, linkpath, size,
 * mtime, uid, gid; global 'g' headers are skipped). Members are placed the way extracting
 * them would: a later member replaces an earlier one of the same name, directories that a
 * name implies exist even without their own member, a hard link is the earlier member's node
 * under one more name. Names are taken relative to the image's root: a leading '/' or "./" is
 * dropped and a name with ".." fails the mount, so nothing can sit outside the image.
 * Any damage fails with an IllegalArgumentException naming the archive, the byte offset and
 * the problem.
 */
final class TarReader {
    /** The size of a tar header and the unit of member data. */
    static final int BLOCK = 512;
    /** The most a GNU long name or pax header may hold: far past PATH_MAX, short of abuse. */
    private static final int MAX_META = 1 << 20;

    private final TarImage image;
    private final String archive;
    private final TarImage.Source src;
    private final long archiveMtime;
    private final ImageNode root;

    TarReader(TarImage image, String archive, TarImage.Source src, long archiveMtime) {
        this.image = image;
        this.archive = archive;
        this.src = src;
        this.archiveMtime = archiveMtime;
        this.root = directory();
    }

    /** Whether {@code h} is a tar header block: its checksum holds, or it is all zero. */
    static boolean looksLikeHeader(byte[] h) {
        return allZero(h) || checksumHolds(h);
    }

    /** The number of bytes {@code s} takes in UTF-8, the length Linux reports for a link. */
    static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Reads every member; the root directory of the tree. */
    ImageNode read() throws IOException {
        long length = src.length();
        byte[] h = new byte[BLOCK];
        long pos = 0;
        String longName = null;
        String longLink = null;
        Map<String, String> pax = new HashMap<>();
        while (true) {
            int got = src.read(pos, h, BLOCK);
            if (got == 0) {
                break; // no end-of-archive blocks: GNU tar accepts that too
            }
            if (got < BLOCK) {
                throw bad(pos, "truncated header (" + got + " of 512 bytes)");
            }
            if (allZero(h)) {
                break; // the end-of-archive marker; what follows is padding
            }
            if (!checksumHolds(h)) {
                throw bad(pos, "header checksum mismatch (damaged, or not a tar archive)");
            }
            char flag = (char) (h[156] & 0xff);
            long size = pax.containsKey("size") && isFileType(flag)
                    ? paxNumber(pax, "size", pos) : number(h, 124, 12, "size", pos);
            long data = pos + BLOCK;
            if (size < 0 || data + size > length) {
                throw bad(pos, "member " + headerName(h) + " claims " + size
                        + " bytes, past the end of the archive (truncated?)");
            }
            long next = data + (size + BLOCK - 1) / BLOCK * BLOCK;
            switch (flag) {
                case 'L':
                    longName = text(readMeta(data, size, pos));
                    break;
                case 'K':
                    longLink = text(readMeta(data, size, pos));
                    break;
                case 'x':
                    pax.putAll(parsePax(readMeta(data, size, pos), pos));
                    break;
                case 'g':
                    break; // global defaults: nothing the image needs from them
                default:
                    String name = pax.getOrDefault("path", longName != null ? longName
                            : headerName(h));
                    String link = pax.getOrDefault("linkpath", longLink != null ? longLink
                            : field(h, 157, 100));
                    member(h, flag, name, link, size, data, pax, pos);
                    longName = null;
                    longLink = null;
                    pax.clear();
            }
            pos = next;
        }
        finish();
        return root;
    }

    /** The types whose header size counts data bytes that pax's "size" may override. */
    private static boolean isFileType(char flag) {
        return flag != 'L' && flag != 'K' && flag != 'x' && flag != 'g';
    }

    private void member(byte[] h, char flag, String name, String link, long size, long data,
            Map<String, String> pax, long pos) {
        List<String> path = components(name, pos);
        ImageNode node;
        switch (flag) {
            case '0': case '\0': case '7':
                if (flag == '\0' && name.endsWith("/")) {
                    node = placeDirectory(path, pos); // a pre-POSIX directory member
                } else {
                    node = new ImageNode(image, image.nextInode(), LinuxFlags.S_IFREG);
                    node.size = size;
                    node.dataOffset = data;
                    place(path, node, pos);
                }
                break;
            case '1':
                placeHardLink(path, link, pos);
                return; // the target keeps its own attributes
            case '2':
                node = new ImageNode(image, image.nextInode(), LinuxFlags.S_IFLNK);
                node.target = link;
                place(path, node, pos);
                break;
            case '3': case '4': case '6':
                int type = flag == '3' ? LinuxFlags.S_IFCHR : flag == '4' ? LinuxFlags.S_IFBLK
                        : LinuxFlags.S_IFIFO;
                node = new ImageNode(image, image.nextInode(), type);
                if (flag != '6') {
                    node.deviceNumber = Stat.makedev((int) number(h, 329, 8, "devmajor", pos),
                            (int) number(h, 337, 8, "devminor", pos));
                }
                place(path, node, pos);
                break;
            case '5':
            case 'D': // a GNU dumpdir: a directory whose data lists names, not needed here
                node = placeDirectory(path, pos);
                break;
            case 'S':
                throw bad(pos, "member " + name + " is a GNU sparse file, which images do not"
                        + " support (re-create the archive without --sparse)");
            case 'M':
                throw bad(pos, "member " + name + " continues from another volume, which images"
                        + " do not support (use a single-volume archive)");
            default:
                return; // volume labels and vendor types carry nothing a file system shows
        }
        node.permissions = (int) number(h, 100, 8, "mode", pos) & 07777;
        node.uid = (int) (pax.containsKey("uid") ? paxNumber(pax, "uid", pos)
                : number(h, 108, 8, "uid", pos));
        node.gid = (int) (pax.containsKey("gid") ? paxNumber(pax, "gid", pos)
                : number(h, 116, 8, "gid", pos));
        node.mtimeNanos = pax.containsKey("mtime") ? paxTime(pax.get("mtime"), pos)
                : number(h, 136, 12, "mtime", pos) * 1_000_000_000L;
    }

    // ---------------------------------------------------------------- the tree

    private ImageNode directory() {
        ImageNode d = new ImageNode(image, image.nextInode(), LinuxFlags.S_IFDIR);
        d.permissions = 0755;
        d.mtimeNanos = archiveMtime;
        return d;
    }

    /** The directory holding the last of {@code path}, made (implied) where missing. */
    private ImageNode parentOf(List<String> path, long pos) {
        ImageNode dir = root;
        for (int k = 0; k < path.size() - 1; k++) {
            ImageNode next = dir.children.get(path.get(k));
            if (next == null) {
                next = directory();
                dir.children.put(path.get(k), next);
            } else if (next.type != LinuxFlags.S_IFDIR) {
                throw bad(pos, "member " + String.join("/", path) + " lies under "
                        + String.join("/", path.subList(0, k + 1))
                        + ", which is not a directory in the image");
            }
            dir = next;
        }
        return dir;
    }

    private void place(List<String> path, ImageNode node, long pos) {
        if (path.isEmpty()) {
            throw bad(pos, "a member that is not a directory names the image's root");
        }
        ImageNode old = parentOf(path, pos).children.put(path.get(path.size() - 1), node);
        if (old != null && old.type != LinuxFlags.S_IFDIR) {
            old.nlink--; // replaced, as extracting the later member would
        }
    }

    private ImageNode placeDirectory(List<String> path, long pos) {
        if (path.isEmpty()) {
            return root;
        }
        ImageNode dir = parentOf(path, pos);
        ImageNode existing = dir.children.get(path.get(path.size() - 1));
        if (existing != null && existing.type == LinuxFlags.S_IFDIR) {
            return existing; // implied earlier, or listed twice: its attributes are updated
        }
        ImageNode d = directory();
        place(path, d, pos);
        return d;
    }

    private void placeHardLink(List<String> path, String link, long pos) {
        List<String> to = components(link, pos);
        ImageNode target = root;
        for (String name : to) {
            target = target.children == null ? null : target.children.get(name);
            if (target == null) {
                throw bad(pos, "hard link " + String.join("/", path) + " points to " + link
                        + ", which no earlier member holds");
            }
        }
        if (target.type == LinuxFlags.S_IFDIR) {
            throw bad(pos, "hard link " + String.join("/", path) + " points to the directory "
                    + link);
        }
        if (!path.isEmpty()
                && parentOf(path, pos).children.get(path.get(path.size() - 1)) == target) {
            return; // a link to itself: nothing changes
        }
        place(path, target, pos);
        target.nlink++;
    }

    /** Sets each directory's link count (2 plus its subdirectories) and counts for statfs. */
    private void finish() {
        Deque<ImageNode> todo = new ArrayDeque<>();
        todo.push(root);
        image.counted(root);
        Set<ImageNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            ImageNode dir = todo.pop();
            int subdirs = 0;
            for (ImageNode child : dir.children.values()) {
                if (!seen.add(child)) {
                    continue; // another name of a hard-linked file
                }
                image.counted(child);
                if (child.type == LinuxFlags.S_IFDIR) {
                    subdirs++;
                    todo.push(child);
                }
            }
            dir.nlink = 2 + subdirs;
        }
    }

    /** The names of {@code name} inside the image; ".." anywhere fails the mount. */
    private List<String> components(String name, long pos) {
        List<String> out = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw bad(pos, "member name " + name + " climbs out with \"..\" (re-create the"
                        + " archive with names relative to its root)");
            }
            out.add(part);
        }
        return out;
    }

    // ---------------------------------------------------------------- header fields

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The stored checksum equals the header's byte sum (unsigned, or signed as old tars). */
    private static boolean checksumHolds(byte[] h) {
        long stored = 0;
        boolean digits = false;
        for (int k = 148; k < 156; k++) {
            int c = h[k] & 0xff;
            if (c >= '0' && c <= '7') {
                stored = stored * 8 + c - '0';
                digits = true;
            } else if (digits || c != ' ' && c != 0) {
                if (c != ' ' && c != 0) {
                    return false;
                }
                break;
            }
        }
        long unsigned = 0;
        long signed = 0;
        for (int k = 0; k < BLOCK; k++) {
            int b = k >= 148 && k < 156 ? ' ' : h[k];
            unsigned += b & 0xff;
            signed += b;
        }
        return digits && (stored == unsigned || stored == signed);
    }

    /** A numeric field: octal text, or GNU base-256 when the first byte's top bit is set. */
    private long number(byte[] h, int off, int len, String what, long pos) {
        if ((h[off] & 0x80) != 0) {
            if ((h[off] & 0x40) != 0) {
                throw bad(pos, "negative base-256 " + what + " in the header");
            }
            long v = h[off] & 0x3f;
            for (int k = off + 1; k < off + len; k++) {
                if (v >>> 55 != 0) {
                    throw bad(pos, "base-256 " + what + " too large");
                }
                v = v << 8 | (h[k] & 0xff);
            }
            return v;
        }
        long v = 0;
        int k = off;
        while (k < off + len && (h[k] == ' ' || h[k] == 0) && v == 0) {
            k++;
        }
        for (; k < off + len && h[k] != ' ' && h[k] != 0; k++) {
            if (h[k] < '0' || h[k] > '7' || v >>> 60 != 0) {
                throw bad(pos, "bad octal " + what + " field \"" + field(h, off, len)
                        + "\" in the header");
            }
            v = v * 8 + h[k] - '0';
        }
        return v;
    }

    /** The NUL-terminated text at {@code off}, as UTF-8. */
    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** The header's name, with the ustar prefix in front when the header is POSIX ustar. */
    private static String headerName(byte[] h) {
        String name = field(h, 0, 100);
        boolean posix = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a'
                && h[261] == 'r' && h[262] == 0;
        String prefix = posix ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private byte[] readMeta(long data, long size, long pos) throws IOException {
        if (size > MAX_META) {
            throw bad(pos, "extended header of " + size + " bytes (the most read is "
                    + MAX_META + ")");
        }
        byte[] b = new byte[(int) size];
        if (src.read(data, b, b.length) < b.length) {
            throw bad(pos, "truncated extended header");
        }
        return b;
    }

    /** A GNU long name or link: the data up to its first NUL. */
    private static String text(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** pax records: "LENGTH KEY=VALUE\n", LENGTH counting the whole record. */
    private Map<String, String> parsePax(byte[] b, long pos) {
        Map<String, String> out = new HashMap<>();
        int at = 0;
        while (at < b.length) {
            if (b[at] == 0) {
                break; // padding some writers leave
            }
            int sp = at;
            int len = 0;
            while (sp < b.length && b[sp] >= '0' && b[sp] <= '9' && len < MAX_META) {
                len = len * 10 + b[sp] - '0';
                sp++;
            }
            if (sp >= b.length || b[sp] != ' ' || len <= sp - at + 1 || at + len > b.length
                    || b[at + len - 1] != '\n') {
                throw bad(pos, "malformed pax record at offset " + at + " of its header");
            }
            String rec = new String(b, sp + 1, at + len - 1 - (sp + 1), StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq <= 0) {
                throw bad(pos, "malformed pax record (no key=value) at offset " + at);
            }
            out.put(rec.substring(0, eq), rec.substring(eq + 1));
            at += len;
        }
        return out;
    }

    private long paxNumber(Map<String, String> pax, String key, long pos) {
        try {
            long v = Long.parseLong(pax.get(key));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(pos, "bad pax " + key + " \"" + pax.get(key) + "\"");
        }
    }

    /** A pax time, "SECONDS[.FRACTION]", in nanoseconds. */
    private long paxTime(String value, long pos) {
        try {
            return new BigDecimal(value).movePointRight(9).setScale(0, RoundingMode.FLOOR)
                    .longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(pos, "bad pax mtime \"" + value + "\"");
        }
    }

    private IllegalArgumentException bad(long pos, String problem) {
        return new IllegalArgumentException("bad tar image " + archive + ": " + problem
                + " (header at byte " + pos + ")");
    }
}

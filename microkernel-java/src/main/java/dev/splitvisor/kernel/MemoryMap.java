package dev.splitvisor.kernel;

import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Frame;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process's virtual memory areas (what /proc/PID/maps lists) kept beside the address space,
 * and the placement of new mappings: top-down from {@link #MMAP_BASE}, like Linux's default
 * layout. All addresses and lengths here are page-aligned.
 */
public final class MemoryMap {
    /** Highest address an mmap without a hint may use. */
    public static final long MMAP_BASE = 0x7F0000000000L;
    /** Lowest address an mmap may use (mmap_min_addr). */
    public static final long MMAP_MIN = 0x10000L;

    /**
     * One area: [start, end) with its protection and what /proc/PID/maps shows of it: a name
     * (a guest path, "[heap]", "[stack]", or "" for anonymous memory), the file offset of
     * {@code start} (0 for anonymous memory), the file's device and inode, and whether it is
     * MAP_SHARED.
     */
    public static final class Area {
        public final long start;
        public final long end;
        public final int prot;
        public final String name;
        public final long offset;
        public final long dev;
        public final long inode;
        public final boolean shared;
        /** Whether a file backs the area (its offset then moves with a split). */
        public final boolean file;

        Area(long start, long end, int prot, String name) {
            this(start, end, prot, name, false, 0, 0, 0, false);
        }

        Area(long start, long end, int prot, String name, boolean file, long offset, long dev,
                long inode, boolean shared) {
            this.start = start;
            this.end = end;
            this.prot = prot;
            this.name = name;
            this.offset = offset;
            this.dev = dev;
            this.inode = inode;
            this.shared = shared;
            this.file = file;
        }

        /** The part [s, e) of this area with protection {@code newProt}. */
        Area slice(long s, long e, int newProt) {
            long off = file ? offset + (s - start) : 0;
            return new Area(s, e, newProt, name, file, off, dev, inode, shared);
        }

        /** This area's description moved to [s, e) (mremap): same file offset at s. */
        Area movedTo(long s, long e) {
            return new Area(s, e, prot, name, file, offset, dev, inode, shared);
        }
    }

    private final TreeMap<Long, Area> areas = new TreeMap<>();
    private final AddressSpace space;

    public MemoryMap(AddressSpace space) {
        this.space = space;
    }

    /** Rounds up to a page. */
    public static long pageUp(long v) {
        return (v + Frame.OFFSET_MASK) & ~Frame.OFFSET_MASK;
    }

    /** Rounds down to a page. */
    public static long pageDown(long v) {
        return v & ~Frame.OFFSET_MASK;
    }

    /** Maps demand-zero memory at [start, start+length), replacing what was there. */
    public void map(long start, long length, int prot, String name) {
        cut(start, start + length);
        areas.put(start, new Area(start, start + length, prot, name));
        space.map(start, length, prot);
    }

    /**
     * Maps demand-zero memory at [start, start+length) for the pages of a file (an ELF
     * segment), so that /proc/PID/maps shows {@code name} at file offset {@code offset}.
     */
    public void mapFile(long start, long length, int prot, String name, long offset, long dev,
            long inode) {
        cut(start, start + length);
        areas.put(start, new Area(start, start + length, prot, name, true, offset, dev, inode,
                false));
        space.map(start, length, prot);
    }

    /**
     * Records an area whose pages the caller has already mapped in the address space (shared
     * memory, file mappings), replacing what was there.
     */
    public void record(long start, long length, int prot, String name) {
        cut(start, start + length);
        areas.put(start, new Area(start, start + length, prot, name));
    }

    /** Records an area whose pages the caller has mapped, described as {@code like} says. */
    void record(Area like) {
        cut(like.start, like.end);
        areas.put(like.start, like);
    }

    /** Gives every file area named {@code name} the file's device and inode (after loading). */
    void identify(String name, long dev, long inode) {
        for (Map.Entry<Long, Area> e : areas.entrySet()) {
            Area a = e.getValue();
            if (a.file && a.name.equals(name)) {
                e.setValue(new Area(a.start, a.end, a.prot, a.name, true, a.offset, dev, inode,
                        a.shared));
            }
        }
    }

    /** The areas overlapping [start, end). */
    public java.util.List<Area> overlapping(long start, long end) {
        java.util.List<Area> out = new java.util.ArrayList<>();
        for (Area a : areas.subMap(floorKey(start), true, end, false).values()) {
            if (a.end > start && a.start < end) {
                out.add(a);
            }
        }
        return out;
    }

    /** The area holding {@code address}, or null. */
    public Area areaAt(long address) {
        Map.Entry<Long, Area> e = areas.floorEntry(address);
        return e != null && e.getValue().end > address ? e.getValue() : null;
    }

    /** Copies another map's areas (its address space was copied the same way: fork). */
    void copyAreasFrom(MemoryMap other) {
        areas.putAll(other.areas);
    }

    /** Unmaps [start, start+length). */
    public void unmap(long start, long length) {
        cut(start, start + length);
        space.unmap(start, length);
    }

    /** Changes protection of [start, start+length); false when part of it is not mapped. */
    public boolean protect(long start, long length, int prot) {
        long end = start + length;
        if (!covered(start, end)) {
            return false;
        }
        TreeMap<Long, Area> pieces = new TreeMap<>();
        for (Area a : areas.subMap(floorKey(start), true, end, false).values()) {
            if (a.end > start && a.start < end) {
                pieces.put(a.start, a);
            }
        }
        cut(start, end);
        for (Area a : pieces.values()) {
            long s = Math.max(a.start, start);
            long e = Math.min(a.end, end);
            areas.put(s, a.slice(s, e, prot));
        }
        space.protect(start, length, prot);
        return true;
    }

    /** True when every page of [start, end) belongs to some area. */
    public boolean covered(long start, long end) {
        long p = start;
        while (p < end) {
            Map.Entry<Long, Area> e = areas.floorEntry(p);
            if (e == null || e.getValue().end <= p) {
                return false;
            }
            p = e.getValue().end;
        }
        return true;
    }

    /** True when no page of [start, end) belongs to any area. */
    public boolean isFree(long start, long end) {
        Map.Entry<Long, Area> e = areas.lowerEntry(end);
        return e == null || e.getValue().end <= start;
    }

    /** Gives every mapped page of [start, end) fresh zero contents (MADV_DONTNEED). */
    public void zero(long start, long end) {
        for (Area a : areas.values()) {
            long s = Math.max(a.start, start);
            long e = Math.min(a.end, end);
            if (s < e) {
                space.map(s, e - s, a.prot);
            }
        }
    }

    /** Finds a free gap of {@code length} bytes, top-down below MMAP_BASE; -1 when none. */
    public long findFree(long length) {
        long top = MMAP_BASE;
        for (Area a : areas.descendingMap().values()) {
            if (a.start >= top) {
                continue; // wholly above the part still searched
            }
            if (a.end <= top - length) {
                break; // the gap between this area and top fits
            }
            top = a.start;
        }
        return top - length >= MMAP_MIN ? top - length : -1;
    }

    /** The areas in address order. */
    public Iterable<Area> areas() {
        return areas.values();
    }

    private long floorKey(long p) {
        Long k = areas.floorKey(p);
        return k == null ? Long.MIN_VALUE : k;
    }

    /** Removes [start, end) from the area list, splitting the areas at its edges. */
    private void cut(long start, long end) {
        Map.Entry<Long, Area> before = areas.lowerEntry(start);
        if (before != null && before.getValue().end > start) {
            Area a = before.getValue();
            areas.put(a.start, a.slice(a.start, start, a.prot));
            if (a.end > end) {
                areas.put(end, a.slice(end, a.end, a.prot));
            }
        }
        for (Area a : areas.subMap(start, true, end, false).values().toArray(new Area[0])) {
            areas.remove(a.start);
            if (a.end > end) {
                areas.put(end, a.slice(end, a.end, a.prot));
            }
        }
    }
}

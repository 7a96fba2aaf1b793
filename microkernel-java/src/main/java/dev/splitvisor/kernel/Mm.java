package dev.splitvisor.kernel;

import dev.splitvisor.mmu.AddressSpace;

/**
 * A process image's memory: the address space, its areas and the break. Shared by the threads
 * of a process and by a CLONE_VM child (vfork, posix_spawn) until it calls execve.
 */
final class Mm {
    final AddressSpace space;
    final MemoryMap map;
    long brkStart;
    long brk;
    /** The executable's guest path, what /proc/self/exe names. */
    String exePath;
    /** Processes using this image; the last one to leave unmaps it. */
    int users = 1;
    /** MAP_SHARED file mappings, written back to their files on msync, munmap and exit. */
    final java.util.List<SharedFileMapping> sharedFiles = new java.util.ArrayList<>();

    /** One MAP_SHARED file mapping: [start, end) shows the file from {@code offset}. */
    static final class SharedFileMapping {
        final long start;
        final long end;
        final int handle;
        final long offset;

        SharedFileMapping(long start, long end, int handle, long offset) {
            this.start = start;
            this.end = end;
            this.handle = handle;
            this.offset = offset;
        }
    }

    Mm(AddressSpace space, String exePath) {
        this.space = space;
        this.map = new MemoryMap(space);
        this.exePath = exePath;
    }

    /** A copy-on-write copy for fork: same areas, pages shared until written. */
    Mm forkCopy() {
        Mm child = new Mm(space.forkCopyOnWrite(space.quota()), exePath);
        child.map.copyAreasFrom(map);
        child.brkStart = brkStart;
        child.brk = brk;
        child.sharedFiles.addAll(sharedFiles);
        return child;
    }
}

package dev.splitvisor.sysvm;

/** One name in a directory listing: its inode number and {@code S_IFMT} type. */
record DirEntry(String name, long ino, int type) {
}

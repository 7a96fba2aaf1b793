package dev.splitvisor.sysvm;

/**
 * The bytes of an open regular file, whichever file system holds them. Positions are absolute;
 * the open file keeps its own offset. Failures are thrown as {@link VfsError}.
 */
interface FileData {
    /** Reads up to {@code n} bytes at {@code pos} into {@code b}; 0 at or past the end. */
    int read(byte[] b, int off, int n, long pos);

    /** Writes {@code n} bytes at {@code pos}, growing the file; the bytes written (> 0). */
    int write(byte[] b, int off, int n, long pos);

    /** The current length. */
    long size();

    /** Sets the length, dropping or zero-filling the tail. */
    void truncate(long length);

    /** Makes the data (and, unless {@code dataOnly}, the metadata) durable. */
    void force(boolean dataOnly);

    /** The open file that used this data closed. */
    void close();
}

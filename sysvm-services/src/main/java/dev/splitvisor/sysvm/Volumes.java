package dev.splitvisor.sysvm;

import dev.splitvisor.hypercall.Errno;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's writable host-directory volumes, as its quota sees them: the bytes of their
 * regular files against {@link Quotas#volumeBytes()}, EDQUOT beyond.
 *
 * <p>What is counted: the first writable mount of a host directory (by real path) walks it once
 * and adds the sizes of its regular files (a file with several hard links once); after that the
 * system VM follows its own changes: a write or truncate that grows a file takes the growth
 * first, shrinking gives it back, and removing (or renaming over) the last name of a file gives
 * its size back. Changes made on the host outside the system VM are not seen until the tenant's
 * system VM is made anew; sizes are apparent sizes, not blocks; a volume mounted inside another
 * one is counted twice. With the default, unlimited quota nothing is walked or counted.
 *
 * <p>Growth is taken and the write made under this object's lock, and so are removals, so two
 * handles extending one file at once are charged once and a file growing while its last name
 * goes is not lost from the count; writes inside a file's current size do not take the lock.
 * An unlinked file's bytes are given back at once, even while a handle still holds it.
 */
final class Volumes {
    private static final Logger LOG = LoggerFactory.getLogger("sysvm");

    /** The tenant's volume bytes; null when volumes are not counted. */
    final Quota bytes;
    private final Set<Path> counted = new HashSet<>();
    /**
     * Applied to every host file channel opened for the tenant's sessions; the identity but in
     * tests, where it is the seam for failing disks (a channel whose writes or fsync fail), which
     * an unprivileged JVM cannot otherwise make on demand.
     */
    volatile UnaryOperator<FileChannel> channelFilter = UnaryOperator.identity();

    Volumes(Quotas quotas) {
        this.bytes = quotas.countsVolumes()
                ? new Quota("volume bytes", quotas.volumeBytes(), Errno.EDQUOT, null) : null;
    }

    /** Whether volume bytes are counted. */
    boolean counting() {
        return bytes != null;
    }

    /** Counts the volume at the real path {@code root} if it was not counted yet. */
    void mounted(Path root) {
        if (bytes == null) {
            return;
        }
        synchronized (counted) {
            if (!counted.add(root)) {
                return;
            }
            long n = walk(root);
            bytes.count(n); // what is there may already exceed the quota, as on Linux
            LOG.debug("volume {}: {} bytes in use at mount", root, n);
        }
    }

    private static long walk(Path root) {
        long[] total = {0};
        Set<Object> multiLinked = new HashSet<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (a.isRegularFile() && (nlink(f) == 1 || multiLinked.add(a.fileKey()))) {
                        total[0] += a.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable: the guest cannot grow it
                }
            });
        } catch (IOException e) {
            LOG.warn("volume {}: cannot count its bytes ({}); counting from 0", root,
                    e.getMessage());
        }
        return total[0];
    }

    private static int nlink(Path f) {
        try {
            return (Integer) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** A file of {@code size} bytes lost its last name: its bytes are free again. */
    void removed(long size) {
        if (bytes != null && size > 0) {
            bytes.give(size);
        }
    }
}

package dev.splitvisor.sysvm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory, or a single host file (always read-only), shown to a user VM at
 * {@code guestPath}. A read-only mount refuses every change with EROFS.
 *
 * @param hostDir   the host directory or file
 * @param guestPath where the guest sees it: absolute, not "/"
 * @param readOnly  whether the guest may change it
 */
public record Mount(Path hostDir, String guestPath, boolean readOnly) {
    /** Checks the arguments. */
    public Mount {
        Objects.requireNonNull(hostDir, "hostDir");
        Objects.requireNonNull(guestPath, "guestPath");
        if (!guestPath.startsWith("/") || Namespace.normalise(guestPath).equals("/")) {
            throw new IllegalArgumentException("mount point must be an absolute path below /: "
                    + guestPath);
        }
    }
}

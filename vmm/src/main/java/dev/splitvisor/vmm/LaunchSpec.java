package dev.splitvisor.vmm;

import dev.splitvisor.kernel.KernelOptions;
import dev.splitvisor.sysvm.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a new user VM starts from: the program, its arguments and what it sees. */
public final class LaunchSpec {
    /** A host directory (or file) shown inside the guest. */
    public static final class Volume {
        public final Path hostPath;
        public final String guestPath;
        public final boolean readOnly;

        public Volume(Path hostPath, String guestPath, boolean readOnly) {
            this.hostPath = hostPath;
            this.guestPath = guestPath;
            this.readOnly = readOnly;
        }

        /** Parses {@code HOSTDIR:GUESTPATH[:ro]}; throws with a one-line message if malformed. */
        public static Volume parse(String spec) {
            String[] p = spec.split(":");
            if (p.length < 2 || p.length > 3 || p[0].isEmpty() || !p[1].startsWith("/")
                    || p.length == 3 && !p[2].equals("ro") && !p[2].equals("rw")) {
                throw new IllegalArgumentException("bad --volume " + spec
                        + " (use HOSTDIR:/GUEST/PATH or HOSTDIR:/GUEST/PATH:ro)");
            }
            return new Volume(Path.of(p[0]), p[1], p.length == 3 && p[2].equals("ro"));
        }
    }

    /** Guest path under which a program outside the guest's root is shown, read-only. */
    public static final String PROGRAM_DIR = "/app";

    /** The program, a host path. */
    public Path program;
    /** argv, argv[0] included. */
    public List<String> argv = new ArrayList<>();
    public List<String> env = new ArrayList<>();
    /**
     * A host directory or tar archive (plain or gzip) shown read-only as the guest's root, or
     * null for the built-in root. With {@link #upperLayers} it is the lowest layer.
     */
    public Path root;
    /**
     * Further read-only layers over {@link #root}, lowest first, each a host directory or a
     * tar archive: an upper layer's names hide the same names below, directories merge, and
     * OCI whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq}) hide what lies below them.
     */
    public List<Path> upperLayers = new ArrayList<>();
    public List<Volume> volumes = new ArrayList<>();
    public Console console = Console.host();
    public KernelOptions kernel = new KernelOptions();
    /** The size limit of the VM's scratch /tmp, bytes. */
    public long tmpLimitBytes = 256L << 20;
    /** System-VM handles this VM may hold (EMFILE beyond). */
    public int maxHandles = 4096;
    /** Sockets this VM may hold (EMFILE beyond). */
    public int maxSockets = 256;

    /** Every root layer, lowest first: {@link #root} and then {@link #upperLayers}. */
    public List<Path> rootLayers() {
        List<Path> all = new ArrayList<>();
        if (root != null) {
            all.add(root);
        }
        all.addAll(upperLayers);
        return all;
    }

    /** A spec for {@code program} with {@code args}, argv[0] being the program's path. */
    public static LaunchSpec of(Path program, List<String> args) {
        LaunchSpec s = new LaunchSpec();
        s.program = program;
        s.argv.add(program.toString());
        s.argv.addAll(args);
        return s;
    }
}

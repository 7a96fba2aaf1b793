package dev.splitvisor.sysvm;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The console streams behind a user VM's handles 0, 1 and 2, and whether they are a terminal
 * (which decides whether terminal ioctls answer or fail with ENOTTY).
 */
public final class Console {
    private static final class Host {
        static final Console INSTANCE = new Console(System.in, System.out, System.err,
                System.console() != null);
    }

    final InputStream in;
    final OutputStream out;
    final OutputStream err;
    /** Whether the host console is a terminal. */
    final boolean terminal;
    private ConsoleInput input;

    /** A console that is not a terminal. */
    public Console(InputStream in, OutputStream out, OutputStream err) {
        this(in, out, err, false);
    }

    /** A console; {@code terminal} says whether it is a terminal. */
    public Console(InputStream in, OutputStream out, OutputStream err, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * The host process's own standard streams; one shared object, so that a single thread
     * reads the host's standard input.
     */
    public static Console host() {
        return Host.INSTANCE;
    }

    /** Whether the console is a terminal. */
    public boolean terminal() {
        return terminal;
    }

    /** No input, and output that goes nowhere. */
    static Console silent() {
        return new Console(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
    }

    /** The buffered, never-blocking view of {@link #in}; its pump starts on first use. */
    synchronized ConsoleInput input() {
        if (input == null) {
            input = new ConsoleInput(in);
        }
        return input;
    }
}

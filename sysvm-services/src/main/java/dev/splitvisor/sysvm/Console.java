package dev.splitvisor.sysvm;

import java.io.InputStream;
import java.io.OutputStream;

/** The console streams behind a user VM's handles 0, 1 and 2. */
public final class Console {
    final InputStream in;
    final OutputStream out;
    final OutputStream err;

    public Console(InputStream in, OutputStream out, OutputStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The host process's own standard streams. */
    public static Console host() {
        return new Console(System.in, System.out, System.err);
    }
}

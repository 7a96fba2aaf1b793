package dev.splitvisor.sysvm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A console's input, read without ever blocking the caller: one daemon thread per console
 * pumps the host stream into a bounded buffer and signals the system VMs that listen; a read
 * takes what the buffer holds, reports "nothing yet", or the end of input.
 */
final class ConsoleInput {
    /** What {@link #read} returns when no byte has arrived yet and the input goes on. */
    static final int NOTHING_YET = -1;

    private static final int CAPACITY = 64 * 1024;

    private final InputStream in;
    private final byte[] ring = new byte[CAPACITY];
    private final Set<Events> listeners = new CopyOnWriteArraySet<>();
    private int head;
    private int count;
    private boolean ended;
    private Thread pump;

    ConsoleInput(InputStream in) {
        this.in = in;
    }

    /** Signals {@code events} whenever input arrives or ends. */
    void listen(Events events) {
        listeners.add(events);
    }

    /** Copies up to {@code n} buffered bytes; 0 at the end of input, or {@link #NOTHING_YET}. */
    synchronized int read(byte[] b, int off, int n) {
        start();
        if (count == 0) {
            return ended ? 0 : NOTHING_YET;
        }
        int k = Math.min(n, count);
        for (int i = 0; i < k; i++) {
            b[off + i] = ring[(head + i) % CAPACITY];
        }
        head = (head + k) % CAPACITY;
        count -= k;
        notifyAll();
        return k;
    }

    /** Buffered bytes. */
    synchronized int available() {
        start();
        return count;
    }

    /** Whether a read would not wait: bytes are buffered or the input has ended. */
    synchronized boolean ready() {
        start();
        return count > 0 || ended;
    }

    private void start() {
        if (pump == null) {
            pump = new Thread(this::pump, "console-input");
            pump.setDaemon(true);
            pump.start();
        }
    }

    private void pump() {
        byte[] chunk = new byte[4096];
        while (true) {
            int n;
            try {
                n = in.read(chunk);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0 || !put(chunk, Math.max(n, 0))) {
                synchronized (this) {
                    ended = true;
                }
                signal();
                return;
            }
            signal();
        }
    }

    /** Appends {@code n} bytes, waiting for room; false if interrupted. */
    private synchronized boolean put(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            while (count == CAPACITY) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    return false;
                }
            }
            ring[(head + count) % CAPACITY] = chunk[i];
            count++;
        }
        return true;
    }

    private void signal() {
        for (Events e : listeners) {
            e.signal();
        }
    }
}

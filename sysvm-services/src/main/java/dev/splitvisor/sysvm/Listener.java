package dev.splitvisor.sysvm;

import java.util.ArrayDeque;

/**
 * The accept queue of a listening stream socket: connections that completed and wait for
 * ACCEPT. A connection from a VM of the tenant or from a published host port is queued as
 * its server-side end; when the queue is full, the connection is refused.
 */
final class Listener {
    /** Largest backlog, as Linux's default somaxconn. */
    static final int SOMAXCONN = 4096;

    private final Events events;
    private final ArrayDeque<Connection> queue = new ArrayDeque<>();
    private int limit;
    private boolean closed;
    /** Bumped on each queued connection, for edge-triggered epoll. */
    private long arrivals;

    Listener(Events events, int backlog) {
        this.events = events;
        setBacklog(backlog);
    }

    /** LISTEN again changes only the backlog; Linux queues one more than asked. */
    synchronized void setBacklog(int backlog) {
        limit = Math.min(Math.max(backlog, 0), SOMAXCONN) + 1;
    }

    /** Queues {@code c}; false when the queue is full or closed (the caller refuses it). */
    boolean offer(Connection c) {
        synchronized (this) {
            if (closed || queue.size() >= limit) {
                return false;
            }
            queue.add(c);
            arrivals++;
        }
        events.signal();
        return true;
    }

    /** The oldest waiting connection, or null. */
    synchronized Connection poll() {
        return queue.poll();
    }

    synchronized boolean pending() {
        return !queue.isEmpty();
    }

    synchronized long arrivals() {
        return arrivals;
    }

    /** The listener closed: waiting connections are reset. */
    void close() {
        ArrayDeque<Connection> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayDeque<>(queue);
            queue.clear();
        }
        for (Connection c : dropped) {
            c.reset();
        }
        events.signal();
    }
}

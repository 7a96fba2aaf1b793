package dev.splitvisor.kernel;

import dev.splitvisor.hypercall.HypercallPort;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.util.HashMap;

/**
 * How many descriptors (in every process of the user VM) and working directories name each
 * system-VM handle. A handle goes back to the system VM (CLOSE) when its last reference goes,
 * which is how an open file is shared across dup and fork as Linux shares it.
 */
final class Handles {
    private final HashMap<Integer, Integer> refs = new HashMap<>();
    private final HypercallPort port;
    private final HypercallRequest request = new HypercallRequest();

    Handles(HypercallPort port) {
        this.port = port;
    }

    /** Counts a new reference to {@code handle}. */
    void retain(int handle) {
        refs.merge(handle, 1, Integer::sum);
    }

    /** Drops one reference; closes the handle in the system VM when it was the last. */
    void release(int handle) {
        Integer n = refs.get(handle);
        if (n == null) {
            return;
        }
        if (n > 1) {
            refs.put(handle, n - 1);
        } else {
            refs.remove(handle);
            port.call(request.set(Opcode.CLOSE, handle, null));
        }
    }

    /** Handles still referenced. */
    int live() {
        return refs.size();
    }
}

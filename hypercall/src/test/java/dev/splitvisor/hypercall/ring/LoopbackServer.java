package dev.splitvisor.hypercall.ring;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A system VM stand-in for the port's tests: served on demand, on the test's thread. READ fills
 * the grant with bytes (offset + i) & 0xFF (at most {@link #readLimit} a call), WRITE appends
 * the grant to {@link #written}, STAT records its path; every request is logged.
 */
final class LoopbackServer implements Doorbell {
    final RingPair pair;
    final SubmissionDecoder decoder = new SubmissionDecoder();
    final HypercallRequest request = new HypercallRequest();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final List<String> log = new ArrayList<>();
    int readLimit = Integer.MAX_VALUE;
    int doorbells;
    boolean serveOnDoorbell = true;
    boolean closed;

    LoopbackServer(RingPair pair) {
        this.pair = pair;
    }

    @Override
    public void ring() {
        doorbells++;
        if (serveOnDoorbell) {
            serve();
        }
    }

    @Override
    public void close() {
        closed = true;
        pair.markClosed();
        serve();
    }

    /** Serves everything queued; returns how many entries. */
    int serve() {
        SubmissionRing sq = pair.submissions();
        CompletionRing cq = pair.completions();
        int n = Math.min(sq.available(), cq.free());
        for (int k = 0; k < n; k++) {
            int at = sq.consumerEntry(k);
            long result = closed ? -Errno.ECANCELED : decoder.decode(pair, at, request);
            cq.put(k, SubmissionDecoder.userData(pair, at), result < 0 ? result : handle());
        }
        sq.consume(n);
        cq.publish(n);
        pair.signalCompletions();
        return n;
    }

    private long handle() {
        HypercallRequest r = request;
        log.add(Opcode.name(r.opcode) + " " + r.handle + " " + r.arg0 + " " + r.path);
        switch (r.opcode) {
            case Opcode.NOP:
                return 0;
            case Opcode.READ: {
                int n = Math.min(r.grant.length(), readLimit);
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) (Math.max(r.arg0, 0) + i);
                }
                return r.grant.copyIn(0, b, 0, n);
            }
            case Opcode.WRITE: {
                byte[] b = new byte[r.grant.length()];
                int got = r.grant.copyOut(0, b, 0, b.length);
                if (got > 0) {
                    written.write(b, 0, got);
                }
                return got;
            }
            case Opcode.STAT:
                return r.path.length();
            default:
                return -Errno.ENOSYS;
        }
    }
}

package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.RingLayout.*;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.Grant;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.PageFault;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a submission entry back into a {@link HypercallRequest}, checking everything a guest
 * could have got wrong: an unknown opcode (ENOSYS), flag or reserved bits (EINVAL), a grant
 * longer than {@link RingLayout#MAX_GRANT} (EINVAL), a reference outside the VM's lent address
 * spaces, past user space or outside the region's data area (EFAULT), a path past
 * {@link RingLayout#PATH_MAX} (ENAMETOOLONG). The grants it builds can reach nothing but the
 * VM's lent memory and the region's data area; the services still check every copy.
 *
 * <p>One decoder per serving thread: it keeps a scratch buffer for paths.
 */
public final class SubmissionDecoder {
    private final byte[] pathBytes = new byte[PATH_MAX];
    /** The errno of the last reference that failed to decode, positive. */
    private int error;

    /**
     * Fills {@code out} from the entry at {@code at} of {@code pair}'s region. Returns 0, or a
     * negated errno with which the entry completes unserved.
     */
    public long decode(RingPair pair, int at, HypercallRequest out) {
        ByteBuffer region = pair.region();
        int opcode = Short.toUnsignedInt(region.getShort(at + SQE_OPCODE));
        if (opcode >= Opcode.COUNT) {
            return -Errno.ENOSYS;
        }
        if (region.getShort(at + SQE_FLAGS) != 0 || region.getInt(at + SQE_RESERVED) != 0) {
            return -Errno.EINVAL;
        }
        out.set(opcode, region.getInt(at + SQE_HANDLE), null)
                .args(region.getLong(at + SQE_ARG0), region.getLong(at + SQE_ARG1));
        out.handle2 = region.getInt(at + SQE_HANDLE2);

        error = 0;
        out.grant = grant(pair, at + SQE_GRANT);
        out.grant2 = grant(pair, at + SQE_GRANT2);
        out.path = path(pair, at + SQE_PATH);
        out.path2 = path(pair, at + SQE_PATH2);
        return -error;
    }

    /** The user_data of the entry at {@code at}. */
    public static long userData(RingPair pair, int at) {
        return pair.region().getLong(at + SQE_USER_DATA);
    }

    private Grant grant(RingPair pair, int ref) {
        ByteBuffer region = pair.region();
        int flags = region.getInt(ref + REF_FLAGS);
        if (error != 0 || !checkFlags(flags)) {
            return null;
        }
        long addr = region.getLong(ref + REF_ADDR);
        int len = region.getInt(ref + REF_LEN);
        if (Integer.compareUnsigned(len, MAX_GRANT) > 0) {
            return fail(Errno.EINVAL);
        }
        boolean writable = (flags & REF_WRITABLE) != 0;
        if ((flags & REF_REGION) != 0) {
            return inData(pair, flags, addr, len)
                    ? Grant.ofRegion(region, (int) addr, len, writable) : null;
        }
        AddressSpace space = guestRange(pair, flags, addr, len);
        return space == null ? null : new Grant(space, addr, len, writable);
    }

    private String path(RingPair pair, int ref) {
        ByteBuffer region = pair.region();
        int flags = region.getInt(ref + REF_FLAGS);
        if (error != 0 || !checkFlags(flags)) {
            return null;
        }
        long addr = region.getLong(ref + REF_ADDR);
        int len = region.getInt(ref + REF_LEN);
        if (Integer.compareUnsigned(len, PATH_MAX) > 0) {
            return fail(Errno.ENAMETOOLONG);
        }
        if (!copyPath(pair, flags, addr, len)) {
            return null;
        }
        for (int i = 0; i < len; i++) {
            if (pathBytes[i] == 0) {
                return fail(Errno.EINVAL); // a path carries its length, never a NUL
            }
        }
        return new String(pathBytes, 0, len, StandardCharsets.UTF_8);
    }

    private boolean copyPath(RingPair pair, int flags, long addr, int len) {
        if ((flags & REF_REGION) != 0) {
            if (!inData(pair, flags, addr, len)) {
                return false;
            }
            pair.region().get((int) addr, pathBytes, 0, len);
            return true;
        }
        AddressSpace space = guestRange(pair, flags, addr, len);
        if (space == null) {
            return false;
        }
        try {
            space.readBytes(addr, pathBytes, 0, len);
            return true;
        } catch (PageFault f) {
            fail(Errno.EFAULT);
            return false;
        }
    }

    /** False (and nothing to decode) for an absent reference or a bad flag. */
    private boolean checkFlags(int flags) {
        if ((flags & REF_PRESENT) == 0) {
            if (flags != 0) {
                fail(Errno.EINVAL);
            }
            return false;
        }
        if ((flags & ~REF_KNOWN_FLAGS) != 0) {
            fail(Errno.EINVAL);
            return false;
        }
        return true;
    }

    private boolean inData(RingPair pair, int flags, long addr, int len) {
        if ((flags >>> REF_ASID_SHIFT) != 0) {
            fail(Errno.EINVAL);
            return false;
        }
        // Compared without forming addr + len: a huge addr would wrap the sum past 2^63.
        long capacity = pair.region().capacity();
        if (addr < pair.dataOffset() || addr > capacity
                || Integer.toUnsignedLong(len) > capacity - addr) {
            fail(Errno.EFAULT);
            return false;
        }
        return true;
    }

    private AddressSpace guestRange(RingPair pair, int flags, long addr, int len) {
        AddressSpace space = pair.space(flags >>> REF_ASID_SHIFT);
        if (space == null || addr < 0 || addr > USER_LIMIT
                || Integer.toUnsignedLong(len) > USER_LIMIT - addr) {
            fail(Errno.EFAULT);
            return null;
        }
        return space;
    }

    private <T> T fail(int errno) {
        error = errno;
        return null;
    }
}

package dev.splitvisor.hypercall.ring;

import static dev.splitvisor.hypercall.ring.RingLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.splitvisor.hypercall.Errno;
import dev.splitvisor.hypercall.HypercallRequest;
import dev.splitvisor.hypercall.Opcode;
import dev.splitvisor.mmu.AddressSpace;
import dev.splitvisor.mmu.Prot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every malformed field of an entry decodes to an errno, never an exception. */
class SubmissionDecoderTest {
    private RingPair pair;
    private ByteBuffer region;
    private int at;
    private final SubmissionDecoder decoder = new SubmissionDecoder();
    private final HypercallRequest out = new HypercallRequest();

    @BeforeEach
    void entry() {
        pair = RingPair.allocate(RingConfig.DEFAULT.entries(4).serverThreads(0));
        region = pair.region();
        at = pair.submissions().producerEntry(0);
        region.putShort(at + SQE_OPCODE, (short) Opcode.READ).putInt(at + SQE_HANDLE, 7)
                .putInt(at + SQE_HANDLE2, 8).putLong(at + SQE_ARG0, -1).putLong(at + SQE_ARG1, 3)
                .putLong(at + SQE_USER_DATA, 99);
    }

    private void ref(int field, long addr, int len, int flags) {
        region.putLong(at + field + REF_ADDR, addr).putInt(at + field + REF_LEN, len)
                .putInt(at + field + REF_FLAGS, flags);
    }

    private long decode() {
        return decoder.decode(pair, at, out);
    }

    @Test
    void aWellFormedEntryDecodesEveryField() {
        AddressSpace space = new AddressSpace();
        space.map(0x10000, 0x1000, Prot.READ | Prot.WRITE);
        pair.lend(3, space);
        ref(SQE_GRANT, 0x10000, 64, REF_PRESENT | REF_WRITABLE | 3 << REF_ASID_SHIFT);
        byte[] path = "/tmp/ä".getBytes(StandardCharsets.UTF_8);
        region.put(pair.slotOffset(0), path);
        ref(SQE_PATH, pair.slotOffset(0), path.length, REF_PRESENT | REF_REGION);

        assertEquals(0, decode());
        assertEquals(Opcode.READ, out.opcode);
        assertEquals(7, out.handle);
        assertEquals(8, out.handle2);
        assertEquals(-1, out.arg0);
        assertEquals(3, out.arg1);
        assertEquals(64, out.grant.length());
        assertEquals(8, out.grant.copyIn(0, new byte[8], 0, 8), "writable guest memory");
        assertEquals("/tmp/ä", out.path);
        assertNull(out.grant2);
        assertNull(out.path2);
        assertEquals(99, SubmissionDecoder.userData(pair, at));
    }

    @Test
    void anUnknownOpcodeIsEnosys() {
        region.putShort(at + SQE_OPCODE, (short) 0xFFFF);
        assertEquals(-Errno.ENOSYS, decode());
        region.putShort(at + SQE_OPCODE, (short) Opcode.COUNT);
        assertEquals(-Errno.ENOSYS, decode());
    }

    @Test
    void flagsAndReservedBitsAreEinval() {
        region.putShort(at + SQE_FLAGS, (short) 1);
        assertEquals(-Errno.EINVAL, decode());
        region.putShort(at + SQE_FLAGS, (short) 0).putInt(at + SQE_RESERVED, 5);
        assertEquals(-Errno.EINVAL, decode());
        region.putInt(at + SQE_RESERVED, 0);
        ref(SQE_GRANT, 0, 0, REF_PRESENT | 1 << 9);
        assertEquals(-Errno.EINVAL, decode(), "unknown reference flag");
        ref(SQE_GRANT, 0, 0, REF_WRITABLE);
        assertEquals(-Errno.EINVAL, decode(), "flags on an absent reference");
    }

    @Test
    void aGrantLongerThanMaxIsEinval() {
        pair.lend(0, new AddressSpace());
        ref(SQE_GRANT, 0x1000, MAX_GRANT + 1, REF_PRESENT);
        assertEquals(-Errno.EINVAL, decode());
        ref(SQE_GRANT, 0x1000, -1, REF_PRESENT);
        assertEquals(-Errno.EINVAL, decode());
    }

    @Test
    void referencesOutsideTheVmAreEfault() {
        ref(SQE_GRANT, 0x1000, 16, REF_PRESENT | 5 << REF_ASID_SHIFT);
        assertEquals(-Errno.EFAULT, decode(), "an address-space id never lent");
        pair.lend(5, new AddressSpace());
        ref(SQE_GRANT, USER_LIMIT - 8, 16, REF_PRESENT | 5 << REF_ASID_SHIFT);
        assertEquals(-Errno.EFAULT, decode(), "past user space");
        ref(SQE_GRANT, -4096, 16, REF_PRESENT | 5 << REF_ASID_SHIFT);
        assertEquals(-Errno.EFAULT, decode(), "a kernel address");
        ref(SQE_GRANT, SQ_TAIL_OFFSET, 4, REF_PRESENT | REF_REGION);
        assertEquals(-Errno.EFAULT, decode(), "the ring header is not data");
        ref(SQE_GRANT, region.capacity() - 8, 16, REF_PRESENT | REF_REGION);
        assertEquals(-Errno.EFAULT, decode(), "past the region's end");
        ref(SQE_GRANT, pair.dataOffset(), 16, REF_PRESENT | REF_REGION | 1 << REF_ASID_SHIFT);
        assertEquals(-Errno.EINVAL, decode(), "a region reference names no address space");
        ref(SQE_GRANT, Long.MAX_VALUE, 16, REF_PRESENT | REF_REGION);
        assertEquals(-Errno.EFAULT, decode(), "a region offset whose end wraps past 2^63");
        ref(SQE_PATH, Long.MAX_VALUE - 1, 4, REF_PRESENT | REF_REGION);
        assertEquals(-Errno.EFAULT, decode(), "a region path whose end wraps past 2^63");
        ref(SQE_PATH, 0, 0, 0);
        ref(SQE_GRANT, Long.MAX_VALUE - 7, 16, REF_PRESENT | 5 << REF_ASID_SHIFT);
        assertEquals(-Errno.EFAULT, decode(), "a guest address whose end wraps past 2^63");
    }

    @Test
    void anUnmappedGuestGrantDecodesAndFaultsOnUse() {
        pair.lend(1, new AddressSpace());
        ref(SQE_GRANT, 0x4000, 16, REF_PRESENT | REF_WRITABLE | 1 << REF_ASID_SHIFT);
        assertEquals(0, decode());
        assertEquals(-Errno.EFAULT, out.grant.copyIn(0, new byte[16], 0, 16));
    }

    @Test
    void pathsAreCheckedForLengthNulAndPlace() {
        ref(SQE_PATH, pair.slotOffset(0), PATH_MAX + 1, REF_PRESENT | REF_REGION);
        assertEquals(-Errno.ENAMETOOLONG, decode());
        region.put(pair.slotOffset(0), new byte[] {'/', 0, 'x'});
        ref(SQE_PATH, pair.slotOffset(0), 3, REF_PRESENT | REF_REGION);
        assertEquals(-Errno.EINVAL, decode());
        pair.lend(2, new AddressSpace());
        ref(SQE_PATH, 0x5000, 3, REF_PRESENT | 2 << REF_ASID_SHIFT);
        assertEquals(-Errno.EFAULT, decode(), "a guest path in unmapped memory");
    }

    @Test
    void aGuestPathIsReadFromGuestMemory() {
        AddressSpace space = new AddressSpace();
        space.map(0x20000, 0x1000, Prot.READ);
        space.poke(0x20000, "/etc/hosts".getBytes(StandardCharsets.US_ASCII), 0, 10);
        pair.lend(4, space);
        ref(SQE_PATH2, 0x20000, 10, REF_PRESENT | 4 << REF_ASID_SHIFT);
        assertEquals(0, decode());
        assertEquals("/etc/hosts", out.path2);
    }
}

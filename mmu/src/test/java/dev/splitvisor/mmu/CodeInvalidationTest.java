package dev.splitvisor.mmu;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Stores into a page that holds decoded code drop the decoded form, every time, however the
 * page moved between the write and fetch TLBs in between.
 */
class CodeInvalidationTest {
    private static final long PAGE = 0x400000;

    @Test
    void storesAfterThePageIsDecodedAgainAreSeen() {
        AddressSpace space = new AddressSpace();
        space.map(PAGE, Frame.SIZE, Prot.RWX);
        space.write8(PAGE, 0x90); // a private frame, now in the write TLB

        space.fetchFrame(PAGE).codeCache = "decoded once";
        space.write8(PAGE + 1, 0x90);
        assertNull(space.fetchFrame(PAGE).codeCache, "first store into decoded code");

        space.write8(PAGE + 2, 0x90); // no decoded code now: the page may enter the write TLB
        space.fetchFrame(PAGE).codeCache = "decoded again";
        space.write8(PAGE + 3, 0x90);
        assertNull(space.fetchFrame(PAGE).codeCache, "store after the page was decoded again");
    }
}

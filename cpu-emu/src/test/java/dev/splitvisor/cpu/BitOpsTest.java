package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Memory forms of the bit instructions: BT* on bit strings with signed offsets, SETcc, MOVBE,
 * CRC32 over memory, and the #UD cases. Register forms are checked against the hardware by
 * {@link IntegerGoldenOpsTest}.
 */
class BitOpsTest {
    private static final long MID = CpuHarness.DATA + 0x100;

    private final CpuHarness h = new CpuHarness();
    private final Cpu c = h.cpu;

    @Test
    void negativeRegisterOffsetAddressesBitsBeforeTheOperand() {
        c.gpr[Cpu.RBX] = MID;
        c.mem.write64(MID - 8, 0x8000000000000000L);
        c.gpr[Cpu.RCX] = -1; // bit 63 of the qword below
        h.exec("48 0f a3 0b"); // bt [rbx], rcx
        assertEquals(Flags.CF, c.getRflags() & Flags.CF);
    }

    @Test
    void largeRegisterOffsetSetsABitBeyondTheOperand() {
        c.gpr[Cpu.RBX] = MID;
        c.gpr[Cpu.RCX] = 70; // qword at +8, bit 6
        h.exec("48 0f ab 0b"); // bts [rbx], rcx
        assertEquals(0x40, c.mem.read64(MID + 8));
        assertEquals(0, c.mem.read64(MID));
        assertEquals(0, c.getRflags() & Flags.CF);
        h.exec("48 0f ab 0b");
        assertEquals(Flags.CF, c.getRflags() & Flags.CF);
    }

    @Test
    void sixteenBitOffsetIsSignedAndAddressesWords() {
        c.gpr[Cpu.RBX] = MID;
        c.gpr[Cpu.RAX] = 0xFFFF; // -1 as a 16-bit offset: bit 15 of the word below
        h.exec("66 0f bb 03"); // btc word [rbx], ax
        assertEquals(0x8000, c.mem.read16(MID - 2));
    }

    @Test
    void immediateOffsetWrapsInsideTheOperand() {
        c.gpr[Cpu.RBX] = MID;
        c.mem.write32(MID, 0xFFFFFFFF);
        h.exec("0f ba 33 23"); // btr dword [rbx], 35 -> bit 3
        assertEquals(0xFFFFFFF7, c.mem.read32(MID));
        assertEquals(Flags.CF, c.getRflags() & Flags.CF);
        assertEquals(0, c.mem.read32(MID + 4));
    }

    @Test
    void setccWritesOneByteOfMemory() {
        c.gpr[Cpu.RBX] = MID;
        c.mem.write32(MID, 0xAAAAAAAA);
        c.setRflags(0x202);
        h.exec("0f 95 03"); // setne byte [rbx]
        assertEquals(0xAAAAAA01, c.mem.read32(MID));
    }

    @Test
    void movbeSwapsOnLoadAndStore() {
        c.gpr[Cpu.RBX] = MID;
        c.mem.write32(MID, 0x11223344);
        c.gpr[Cpu.RAX] = -1;
        h.exec("0f 38 f0 03"); // movbe eax, [rbx]
        assertEquals(0x44332211L, c.gpr[Cpu.RAX]);
        c.gpr[Cpu.RAX] = 0x0102030405060708L;
        h.exec("48 0f 38 f1 03"); // movbe [rbx], rax
        assertEquals(0x0807060504030201L, c.mem.read64(MID));
        h.exec("66 0f 38 f1 03"); // movbe [rbx], ax
        assertEquals(0x0807060504030807L, c.mem.read64(MID));
    }

    @Test
    void movbeWithARegisterOperandIsUndefined() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f 38 f0 c3"));
        assertEquals(GuestFault.UD, c.faultVector);
    }

    @Test
    void crc32OfTheCheckStringGivesTheCastagnoliCheckValue() {
        byte[] s = "123456789".getBytes(StandardCharsets.US_ASCII);
        c.mem.writeBytes(MID, s, 0, s.length);
        c.gpr[Cpu.RBX] = MID;
        c.gpr[Cpu.RAX] = 0xFFFFFFFFL;
        h.exec("f2 48 0f 38 f1 03 f2 0f 38 f0 43 08"); // crc32 rax, [rbx]; crc32 eax, [rbx+8]
        assertEquals(0xE3069283L, c.gpr[Cpu.RAX] ^ 0xFFFFFFFFL);
    }

    @Test
    void tzcntOfAZeroWordGivesSixteenAndCarry() {
        c.gpr[Cpu.RBX] = MID;
        c.gpr[Cpu.RAX] = 0x1234_0000_0000_FFFFL;
        h.exec("66 f3 0f bc 03"); // tzcnt ax, [rbx]
        assertEquals(0x1234_0000_0000_0010L, c.gpr[Cpu.RAX]);
        assertEquals(Flags.CF, c.getRflags() & (Flags.CF | Flags.ZF));
    }

    @Test
    void bsfOfZeroKeepsTheWholeDestination() {
        c.gpr[Cpu.RAX] = 0xDEADBEEF_CAFEBABEL;
        c.gpr[Cpu.RBX] = 0;
        h.exec("0f bc c3"); // bsf eax, ebx
        assertEquals(0xDEADBEEF_CAFEBABEL, c.gpr[Cpu.RAX]);
        assertEquals(Flags.ZF, c.getRflags() & Flags.ZF);
    }

    @Test
    void popcntWithoutF3IsUndefined() {
        assertEquals(Cpu.EXIT_FAULT, h.exec("0f b8 c3"));
        assertEquals(GuestFault.UD, c.faultVector);
    }
}

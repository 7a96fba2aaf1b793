package dev.splitvisor.cpu;

import dev.splitvisor.cpu.sse.Crc32c;

/**
 * Bit instructions: BT, BTS, BTR, BTC (0F A3, AB, B3, BB and group 8, 0F BA), BSF and BSR
 * (0F BC, BD) with their F3 forms TZCNT and LZCNT, POPCNT (F3 0F B8), BSWAP (0F C8+r), SETcc
 * (0F 90-9F), MOVBE (0F38 F0, F1) and CRC32 (F2 0F38 F0, F1).
 *
 * <p>BT* with a register bit offset and a memory operand address a bit string: the signed
 * offset selects an operand-sized unit anywhere around the effective address. Flags the SDM
 * leaves undefined get the values AMD Zen 4 produces (see {@code src/test/native/integer}).
 *
 * <p>Hot path: no allocation.
 */
final class BitOps {
    private static final int BT = 0, BTS = 1, BTR = 2, BTC = 3;

    private BitOps() {
    }

    static void execute(Cpu c, Insn i) {
        int op = i.opcode;
        if (op >= 0x190 && op <= 0x19F) {
            c.writeRm(i, 1, Flags.condition(c, op & 0xF) ? 1 : 0);
            return;
        }
        if (op >= 0x1C8 && op <= 0x1CF) {
            bswap(c, i);
            return;
        }
        switch (op) {
            case 0x1A3: bitTest(c, i, BT, c.readRegOperand(i, i.osize), true); break;
            case 0x1AB: bitTest(c, i, BTS, c.readRegOperand(i, i.osize), true); break;
            case 0x1B3: bitTest(c, i, BTR, c.readRegOperand(i, i.osize), true); break;
            case 0x1BB: bitTest(c, i, BTC, c.readRegOperand(i, i.osize), true); break;
            case 0x1BA: group8(c, i); break;
            case 0x1BC: case 0x1BD: scan(c, i, op == 0x1BD); break;
            case 0x1B8: popcnt(c, i); break;
            case 0x2F0: case 0x2F1: movbeOrCrc32(c, i); break;
            default: throw Unimplemented.undefined(c, i);
        }
    }

    private static void group8(Cpu c, Insn i) {
        int sub = (i.modrm >>> 3) & 7;
        if (sub < 4) {
            throw Unimplemented.undefined(c, i);
        }
        bitTest(c, i, sub - 4, i.imm & 0xFF, false);
    }

    /**
     * BT/BTS/BTR/BTC. With a register offset and a memory operand the offset is a signed
     * index into a bit string starting at the effective address; otherwise it is taken modulo
     * the operand width. CF gets the old bit; ZF and AF keep their values; Zen 4 leaves OF,
     * SF and PF unchanged as well, so only CF moves.
     */
    private static void bitTest(Cpu c, Insn i, int kind, long offset, boolean bitString) {
        int size = i.osize;
        int bits = size << 3;
        if (i.rm >= 0) {
            long v = c.readRm(i, size);
            long bit = 1L << (offset & (bits - 1));
            if (kind != BT) {
                c.writeRm(i, size, modify(kind, v, bit));
            }
            c.setFlagsMasked(Flags.CF, (v & bit) != 0 ? Flags.CF : 0);
            return;
        }
        long addr = c.ea(i);
        if (bitString) {
            long signed = Flags.signExtend(offset, size);
            // Floor division by the width: an arithmetic shift, then whole units of size bytes.
            addr += (signed >> Integer.numberOfTrailingZeros(bits)) * size;
        }
        long v = c.load(addr, size);
        long bit = 1L << (offset & (bits - 1));
        if (kind != BT) {
            c.store(addr, size, modify(kind, v, bit));
        }
        c.setFlagsMasked(Flags.CF, (v & bit) != 0 ? Flags.CF : 0);
    }

    private static long modify(int kind, long v, long bit) {
        switch (kind) {
            case BTS: return v | bit;
            case BTR: return v & ~bit;
            default: return v ^ bit;
        }
    }

    /** BSF/BSR, or TZCNT/LZCNT with an F3 prefix. */
    private static void scan(Cpu c, Insn i, boolean reverse) {
        int size = i.osize;
        long v = c.readRm(i, size);
        int bits = size << 3;
        if (i.has(Insn.P_F3)) {
            int n = reverse ? Long.numberOfLeadingZeros(v) - (64 - bits)
                    : (v == 0 ? bits : Long.numberOfTrailingZeros(v));
            c.writeRegOperand(i, size, n);
            // OF, SF, AF, PF are undefined: Zen 4 keeps OF and clears the others.
            long f = (v == 0 ? Flags.CF : 0) | (n == 0 ? Flags.ZF : 0);
            c.setFlagsMasked(Flags.ARITH & ~Flags.OF, f);
            return;
        }
        // Only ZF is defined; Zen 4 clears CF, OF, SF and AF and sets PF from the result.
        if (v == 0) {
            // The destination keeps its value (all 64 bits, even for a 32-bit operand).
            c.setArith(Flags.ZF | Flags.PF);
            return;
        }
        int n = reverse ? 63 - Long.numberOfLeadingZeros(v) : Long.numberOfTrailingZeros(v);
        c.writeRegOperand(i, size, n);
        c.setArith(Flags.parity(n));
    }

    private static void popcnt(Cpu c, Insn i) {
        if (!i.has(Insn.P_F3)) {
            throw Unimplemented.undefined(c, i); // 0F B8 without F3 is JMPE: IA-64 only
        }
        int size = i.osize;
        long v = c.readRm(i, size);
        c.writeRegOperand(i, size, Long.bitCount(v));
        c.setArith(v == 0 ? Flags.ZF : 0);
    }

    /** BSWAP; the 16-bit form is undefined and zeroes the low word, as the hardware does. */
    private static void bswap(Cpu c, Insn i) {
        int size = i.osize;
        long v = c.getReg(i.reg, size);
        long r;
        if (size == 8) {
            r = Long.reverseBytes(v);
        } else if (size == 4) {
            r = Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
        } else {
            r = 0;
        }
        c.setReg(i.reg, size, r);
    }

    private static void movbeOrCrc32(Cpu c, Insn i) {
        if (i.has(Insn.P_F2)) {
            crc32(c, i);
        } else if (!i.has(Insn.P_F3) && i.isMemory()) {
            movbe(c, i);
        } else {
            throw Unimplemented.undefined(c, i);
        }
    }

    private static long swap(long v, int size) {
        switch (size) {
            case 2: return Short.reverseBytes((short) v) & 0xFFFF;
            case 4: return Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
            default: return Long.reverseBytes(v);
        }
    }

    /** MOVBE: F0 loads r from m, F1 stores r to m, with the bytes reversed. */
    private static void movbe(Cpu c, Insn i) {
        int size = i.osize;
        if (i.opcode == 0x2F0) {
            c.writeRegOperand(i, size, swap(c.readRm(i, size), size));
        } else {
            c.writeRm(i, size, swap(c.readRegOperand(i, size), size));
        }
    }

    /**
     * CRC32 r32/r64, r/m: CRC-32C accumulated over the source. F0 takes a byte source, F1 a
     * 16-, 32- or 64-bit one; the result is always 32 bits, zero-extended.
     */
    private static void crc32(Cpu c, Insn i) {
        int crc = (int) c.gpr[i.reg];
        int out;
        if (i.opcode == 0x2F0) {
            out = Crc32c.crc32u8(crc, (int) c.readRm(i, 1));
        } else {
            int size = i.osize;
            long src = c.readRm(i, size);
            out = size == 2 ? Crc32c.crc32u16(crc, (int) src)
                    : size == 4 ? Crc32c.crc32u32(crc, (int) src) : Crc32c.crc32u64(crc, src);
        }
        c.gpr[i.reg] = out & 0xFFFFFFFFL;
    }
}

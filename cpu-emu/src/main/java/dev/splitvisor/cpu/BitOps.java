package dev.splitvisor.cpu;

/**
 * BT, BTS, BTR, BTC, BSF, BSR, TZCNT, LZCNT, POPCNT, BSWAP, SETcc, MOVBE, CRC32.
 */
final class BitOps {
    private BitOps() {
    }

    static void execute(Cpu c, Insn i) {
        throw Unimplemented.undefined(c, i);
    }
}

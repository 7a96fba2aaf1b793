package dev.splitvisor.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import dev.splitvisor.mmu.Prot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * No byte sequence may throw a host exception out of the CPU: every one either executes or
 * ends in an architectural exit (a fault, a system call, an interrupt). Random instruction
 * bytes, biased towards real prefixes and opcode maps, run against random register state.
 */
class RandomBytesFuzzTest {
    private static final byte[] PREFIXES = {0x66, 0x67, (byte) 0xF2, (byte) 0xF3, (byte) 0xF0,
        0x64, 0x65, 0x48, 0x4C, 0x41, 0x0F, 0x0F, 0x0F, (byte) 0xC4, (byte) 0xC5, (byte) 0xD9,
        (byte) 0xDD, (byte) 0xDB};

    @Test
    void randomInstructionBytesNeverEscapeAsHostExceptions() {
        SplittableRandom rnd = new SplittableRandom(20261203);
        CpuHarness h = new CpuHarness();
        h.mem.map(CpuHarness.DATA + 0x10000, 0x1000, Prot.READ); // a read-only page to hit
        byte[] code = new byte[32];
        for (int n = 0; n < 200_000; n++) {
            for (int k = 0; k < code.length; k++) {
                code[k] = rnd.nextInt(3) == 0 ? PREFIXES[rnd.nextInt(PREFIXES.length)]
                        : (byte) rnd.nextInt(256);
            }
            h.mem.poke(CpuHarness.CODE, code, 0, code.length);
            Cpu c = h.cpu;
            for (int r = 0; r < 16; r++) {
                c.gpr[r] = rnd.nextInt(4) == 0 ? CpuHarness.DATA + rnd.nextInt(0x11000)
                        : rnd.nextLong();
            }
            c.gpr[Cpu.RSP] = CpuHarness.STACK_TOP - 0x100;
            c.setRflags(rnd.nextLong() & Flags.USER_WRITABLE);
            c.rip = CpuHarness.CODE;
            try {
                for (int s = 0; s < 4 && c.step() == Cpu.EXIT_BUDGET; s++) {
                    if (c.rip < CpuHarness.CODE || c.rip >= CpuHarness.CODE + code.length) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                fail("host exception from bytes " + hex(code) + ": " + e, e);
            }
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x));
        }
        return sb.toString().trim();
    }
}
